// Printing the file, imports and declarations. Members of contracts and
// interfaces go one per line with the author's blank lines (at most one);
// structs and enums stay on one line when they fit and the author wrote them
// on one line, else one field or variant per line with a trailing comma.
import { doc, type AstPath, type Doc } from "prettier";
import type * as A from "../../compiler/syntax/ast.ts";
import { hasDangling, printDanglingLines, printLines, type Print } from "./comments.ts";
import { printList } from "./print-exprs.ts";
import { printAssigned } from "./print-stmts.ts";

const { group, indent, line, hardline, ifBreak, join } = doc.builders;

type Obj = Record<string, unknown>;

export function printFile(path: AstPath, print: Print, text: string): Doc {
  const node = path.node as A.SourceFile;
  if (node.imports.length + node.items.length === 0) return hasDangling(node as never) ? [printDanglingLines(path), hardline] : "";
  return [printLines(path, print, text, "imports", "items"), hardline];
}

export function printImport(path: AstPath, print: Print, text: string): Doc {
  const node = path.node as A.ImportDecl;
  if (node.source.kind === "file") return ["import ", text.slice(node.source.pathSpan.start, node.source.pathSpan.end), ";"];
  const from = node.source.segments.map((s) => s.name).join("::");
  if (node.names === "*") return ["use ", from, "::*;"];
  if (node.names.length === 1) return ["use ", from, "::", path.call(print, "names", 0), ";"];
  return ["use ", from, "::", printList(path, print, "names", "{", "}"), ";"];
}

/** `{ members }` of a contract or interface: one per line; `{}` when empty. */
function printBody(path: AstPath, print: Print, text: string, key: string): Doc {
  const items = (path.node as Obj)[key] as unknown[];
  if (items.length > 0) return ["{", indent([hardline, printLines(path, print, text, key)]), hardline, "}"];
  if (hasDangling(path.node as Obj)) return ["{", indent([hardline, printDanglingLines(path)]), hardline, "}"];
  return "{}";
}

/** `{ a, b }` of a struct or enum: see the header. */
function printBraced(path: AstPath, print: Print, text: string, key: string): Doc {
  const node = path.node as Obj;
  const items = node[key] as { span: A.Span }[];
  if (items.length === 0) return hasDangling(node) ? ["{", indent([hardline, printDanglingLines(path)]), hardline, "}"] : "{}";
  const name = node["name"] as A.Ident;
  const broken = text.slice(name.span.end, items[0]!.span.start).includes("\n");
  return group(["{", indent([line, join([",", line], path.map(print, key))]), ifBreak(","), line, "}"], { shouldBreak: broken });
}

function modifiers(path: AstPath): string {
  const node = path.node as A.FnDecl;
  const inInterface = (path.parent as Obj)["kind"] === "Interface";
  // interface functions are public whether or not `pub` is written: it is left out
  return (node.isPublic && !inInterface ? "pub " : "") + (node.isView ? "view " : "") + (node.isReentrant ? "reentrant " : "");
}

export function printDecl(path: AstPath, print: Print, text: string): Doc {
  const node = path.node as A.Item | A.ContractMember | A.Param | A.EventField | A.StructField;
  switch (node.kind) {
    case "Contract":
      return ["contract ", path.call(print, "name"), " ", printBody(path, print, text, "members")];
    case "Interface":
      return ["interface ", path.call(print, "name"), " ", printBody(path, print, text, "fns")];
    case "Struct":
      return ["struct ", path.call(print, "name"), " ", printBraced(path, print, text, "fields")];
    case "Enum":
      return ["enum ", path.call(print, "name"), " ", printBraced(path, print, text, "variants")];
    case "Event":
      return ["event ", path.call(print, "name"), printList(path, print, "fields", "(", ")"), ";"];
    case "ErrorDecl":
      return ["error ", path.call(print, "name"), printList(path, print, "fields", "(", ")"), ";"];
    case "State":
      return [
        "state ",
        path.call(print, "name"),
        ": ",
        path.call(print, "type"),
        node.init ? [" =", printAssigned(path, print, "init")] : "",
        ";",
      ];
    case "Const":
      return ["const ", path.call(print, "name"), ": ", path.call(print, "type"), " =", printAssigned(path, print, "value"), ";"];
    case "Init":
      return ["init", printList(path, print, "params", "(", ")"), " ", path.call(print, "body")];
    case "Fn":
      return [
        modifiers(path),
        "fn ",
        path.call(print, "name"),
        printList(path, print, "params", "(", ")"),
        node.returns ? [" -> ", path.call(print, "returns")] : "",
        node.body ? [" ", path.call(print, "body")] : ";",
      ];
    case "Param":
    case "StructField":
      return [path.call(print, "name"), ": ", path.call(print, "type")];
    case "EventField":
      return [node.indexed ? "indexed " : "", path.call(print, "name"), ": ", path.call(print, "type")];
  }
}
