// Printing expressions, types and patterns. Literals are printed exactly as
// written (their source text: `0xFF`, `1_000`, `"a\n"`, `hex"00ff"`);
// parentheses are added by print.ts from parens.ts's rules.
import { doc, type AstPath, type Doc } from "prettier";
import type * as A from "../../compiler/syntax/ast.ts";
import { hasDangling, printDanglingAfter, printDanglingInside, type Print } from "./comments.ts";
import { precedence, writtenInParens } from "./parens.ts";

const { group, indent, line, softline, ifBreak, join } = doc.builders;

type Obj = Record<string, unknown>;

/** `(a, b)`-like lists: one line when they fit, else one element per line with a trailing comma. */
export function printList(path: AstPath, print: Print, key: string, open: string, close: string): Doc {
  const items = (path.node as Obj)[key] as unknown[];
  if (items.length === 0) return [open, printDanglingInside(path), close];
  return group([open, indent([softline, join([",", line], path.map(print, key))]), ifBreak(","), softline, close]);
}

/** A tuple (of values, types or patterns): `()`, `(a,)`, `(a, b)`. */
function printTuple(path: AstPath, print: Print, key: string): Doc {
  const items = (path.node as Obj)[key] as unknown[];
  if (items.length !== 1) return printList(path, print, key, "(", ")");
  return group(["(", indent([softline, path.call(print, key, 0), ","]), softline, ")"]);
}

/** Whether the source had a line break between `from` and `to` (objects the author spread over lines stay so). */
function brokenBetween(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes("\n");
}

export function printExpr(path: AstPath, print: Print, text: string): Doc {
  const node = path.node as A.Expr;
  switch (node.kind) {
    case "IntLit":
    case "StringLit":
    case "BytesLit":
      return text.slice(node.span.start, node.span.end);
    case "BoolLit":
      return node.value ? "true" : "false";
    case "Name":
      return path.call(print, "name");
    case "Path":
      return join("::", path.map(print, "segments"));
    case "Self":
      return "self";
    case "Member":
      return [path.call(print, "object"), ".", path.call(print, "member")];
    case "Index":
      return [path.call(print, "object"), "[", path.call(print, "index"), "]"];
    case "Call":
      return [
        path.call(print, "callee"),
        node.typeArgs.length ? ["<", join(", ", path.map(print, "typeArgs")), ">"] : "",
        printList(path, print, "args", "(", ")"),
      ];
    case "StructLit": {
      const name = path.call(print, "name");
      if (node.fields.length === 0) return [name, " {", printDanglingInside(path), "}"];
      const broken = brokenBetween(text, node.name.span.end, node.fields[0]!.span.start);
      const fields = join([",", line], path.map(print, "fields"));
      return group([name, " {", indent([line, fields]), ifBreak(","), line, "}"], { shouldBreak: broken });
    }
    case "Cast":
      return [path.call(print, "expr"), " as ", path.call(print, "type")];
    case "Unary":
      // `- -x`, not `--x` (which reads as a decrement elsewhere)
      return [node.op, node.op === "-" && node.operand.kind === "Unary" && node.operand.op === "-" ? " " : "", path.call(print, "operand")];
    case "Binary":
      return printBinary(path, print, text);
    case "Tuple":
      return printTuple(path, print, "elems");
    case "ArrayLit":
      return printList(path, print, "elems", "[", "]");
    case "ErrorExpr":
      throw new Error("ErrorExpr in a file without syntax errors");
  }
}

/** A struct literal's `name: value`. */
export function printFieldInit(path: AstPath, print: Print): Doc {
  return [path.call(print, "name"), ": ", path.call(print, "value")];
}

/**
 * `a + b + c`: a run of one precedence level is flattened into one group
 * that breaks after each operator; the continuation lines are indented
 * unless the expression is itself an operand of another one.
 */
const flatUnder = new Set(["Let", "Assign", "State", "Const"]);

function printBinary(path: AstPath, print: Print, text: string): Doc {
  const parts = binaryParts(path, print, text);
  const parent = path.parent as Obj;
  // under `=` (printAssigned indents) or inside another chain, the continuation lines are not indented again
  if (flatUnder.has(parent["kind"] as string)) return group(parts);
  if (parent["kind"] === "Binary" && !writtenInParens(path.node as A.Expr, parent, path.key)) return group(parts);
  return group([parts[0]!, indent(parts.slice(1))]);
}

function binaryParts(path: AstPath, print: Print, text: string): Doc[] {
  const node = path.node as A.BinaryExpr;
  const left = node.left;
  const flatten =
    left.kind === "Binary" &&
    precedence[left.op] === precedence[node.op] &&
    precedence[node.op] !== 3 &&
    node.op !== "**" &&
    !hasComments(left) &&
    !writtenInParens(left, node as never, "left");
  const parts: Doc[] = flatten ? path.call((p) => binaryParts(p, print, text), "left") : [path.call(print, "left")];
  parts.push([" ", node.op, line, path.call(print, "right")]);
  return parts;
}

function hasComments(node: unknown): boolean {
  const cs = (node as Obj)["comments"] as unknown[] | undefined;
  return cs !== undefined && cs.length > 0;
}

export function printType(path: AstPath, print: Print): Doc {
  const node = path.node as A.TypeExpr;
  switch (node.kind) {
    case "NamedType":
      return [join("::", path.map(print, "path")), node.args.length ? ["<", join(", ", path.map(print, "args")), ">"] : ""];
    case "ArrayType":
      return [path.call(print, "elem"), "[", node.size ? path.call(print, "size") : "", hasDangling(node as unknown as Obj) ? printDanglingAfter(path) : "", "]"];
    case "TupleType":
      return printTuple(path, print, "elems");
    case "ErrorType":
      throw new Error("ErrorType in a file without syntax errors");
  }
}

export function printPattern(path: AstPath, print: Print): Doc {
  const node = path.node as A.Pattern;
  switch (node.kind) {
    case "BindingPattern":
      return [node.mutable ? "mut " : "", path.call(print, "name")];
    case "WildcardPattern":
      return "_";
    case "TuplePattern":
      return printTuple(path, print, "elems");
  }
}
