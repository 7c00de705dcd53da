// The printer's entry: one node → a prettier Doc, by kind (declarations in
// print-decls.ts, statements in print-stmts.ts, expressions, types and
// patterns in print-exprs.ts), with parentheses from parens.ts. Comments are
// printed around each node by prettier itself (see comments.ts).
import type { AstPath, Doc, ParserOptions } from "prettier";
import { hasDangling, printDanglingAfter, type Print } from "./comments.ts";
import { decls, exprs, patterns, stmts, types } from "./kinds.ts";
import { needsParens } from "./parens.ts";
import { printDecl, printFile, printImport } from "./print-decls.ts";
import { printExpr, printFieldInit, printPattern, printType } from "./print-exprs.ts";
import { printBlock, printStmt } from "./print-stmts.ts";

type Obj = Record<string, unknown>;

export function printWeft(path: AstPath, options: ParserOptions, print: Print): Doc {
  const node = path.node as Obj;
  const kind = node["kind"] as string;
  const text = options.originalText;
  let printed: Doc;
  if (kind === "Ident") printed = node["name"] as string;
  else if (kind === "SourceFile") printed = printFile(path, print, text);
  else if (kind === "Import") printed = printImport(path, print, text);
  else if (kind === "Block") printed = printBlock(path, print, text);
  else if (kind === "FieldInit") printed = printFieldInit(path, print);
  else if (decls.has(kind)) printed = printDecl(path, print, text);
  else if (stmts.has(kind)) printed = printStmt(path, print);
  else if (exprs.has(kind)) printed = printExpr(path, print, text);
  else if (types.has(kind)) printed = printType(path, print);
  else if (patterns.has(kind)) printed = printPattern(path, print);
  // never drop what we do not know: a new kind of node must be taught to the printer
  else throw new Error(`the formatter cannot print a ${kind} node yet (lsp/format/print.ts)`);
  if (hasDangling(node)) printed = [printed, printDanglingAfter(path)];
  if (exprs.has(kind) && needsParens(path, text)) printed = ["(", printed, ")"];
  return printed;
}
