// Printing blocks and statements. Blocks always put each statement on its own
// line (an empty block is `{}`), keeping at most one blank line where the
// author had one. A condition that does not fit breaks after its operators
// and puts the `{` on a line of its own, so it does not run into the body.
import { doc, type AstPath, type Doc } from "prettier";
import type * as A from "../../compiler/syntax/ast.ts";
import { hasDangling, printDanglingLines, printLines, type Print } from "./comments.ts";
import { printList } from "./print-exprs.ts";

const { group, indent, line, hardline, hardlineWithoutBreakParent, ifBreak } = doc.builders;

export function printBlock(path: AstPath, print: Print, text: string): Doc {
  const node = path.node as A.Block;
  if (node.stmts.length > 0) return ["{", indent([hardline, printLines(path, print, text, "stmts")]), hardline, "}"];
  if (hasDangling(node as never)) return ["{", indent([hardline, printDanglingLines(path)]), hardline, "}"];
  return "{}";
}

/**
 * The value after `=` in `let`, assignments, `state` and `const`: an
 * operator chain that does not fit moves to the next line (indented) before
 * it breaks itself; anything else stays on the line and breaks inside.
 */
export function printAssigned(path: AstPath, print: Print, key: string): Doc {
  const value = (path.node as Record<string, unknown>)[key] as A.Expr;
  if (value.kind === "Binary") return group(indent([line, path.call(print, key)]));
  return [" ", path.call(print, key)];
}

/** `if cond {`, `while cond {`: see the header. */
function printHead(path: AstPath, print: Print, keyword: string, key: string): Doc {
  const cond = (path.node as Record<string, unknown>)[key] as A.Expr;
  if (cond.kind === "Binary") return group([keyword, " ", path.call(print, key), ifBreak(hardlineWithoutBreakParent, " ")]);
  return [keyword, " ", path.call(print, key), " "];
}

export function printStmt(path: AstPath, print: Print): Doc {
  const node = path.node as A.Stmt;
  switch (node.kind) {
    case "Let":
      return [
        "let ",
        path.call(print, "pattern"),
        node.type ? [": ", path.call(print, "type")] : "",
        node.init ? [" =", printAssigned(path, print, "init")] : "",
        ";",
      ];
    case "Assign":
      return [path.call(print, "target"), " ", node.op, printAssigned(path, print, "value"), ";"];
    case "ExprStmt":
      return [path.call(print, "expr"), ";"];
    case "If":
      return [printHead(path, print, "if", "cond"), path.call(print, "then"), node.else ? [" else ", path.call(print, "else")] : ""];
    case "While":
      return [printHead(path, print, "while", "cond"), path.call(print, "body")];
    case "ForRange":
      return [
        "for ",
        path.call(print, "binding"),
        " in ",
        path.call(print, "start"),
        node.inclusive ? "..=" : "..",
        path.call(print, "end"),
        " ",
        path.call(print, "body"),
      ];
    case "ForEach":
      return [
        "for ",
        node.index ? ["(", path.call(print, "index"), ", ", path.call(print, "value"), ")"] : path.call(print, "value"),
        " in ",
        path.call(print, "iterable"),
        " ",
        path.call(print, "body"),
      ];
    case "Break":
      return "break;";
    case "Continue":
      return "continue;";
    case "Return":
      return node.value ? ["return ", path.call(print, "value"), ";"] : "return;";
    case "Emit":
      return ["emit ", path.call(print, "event"), printList(path, print, "args", "(", ")"), ";"];
    case "Revert":
      return ["revert ", path.call(print, "value"), ";"];
    case "Unchecked":
      return ["unchecked ", path.call(print, "body")];
    case "BlockStmt":
      return path.call(print, "body");
    case "ErrorStmt":
      throw new Error("ErrorStmt in a file without syntax errors");
  }
}
