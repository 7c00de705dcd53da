// Where the printer writes parentheses. The AST has no node for them (`(a)`
// is `a`), so they are decided from precedence (docs/reference/syntax.md):
//
//  - wherever the tree's shape needs them: `(a + b) * c`, `a - (b - c)`,
//    `(a ** b) ** c`, `(a < b) == c`, `-(x as u8)`, `(a + b).f()`;
//  - around a negated base of `**`: `(-a) ** 2` (which `-a ** 2` also means);
//  - around a struct literal in an `if`/`while` condition or a `for` range or
//    iterable, where `Name {` would start the body (E0116);
//  - and, kept as the author wrote them, around a binary operand of a binary
//    expression (`(a * b) + c`, `(a & b) == c`, `(x && y) || z`): such
//    parentheses are a common way to spell out intent.
// Every other pair is dropped: `if (x) {` → `if x {`, `return (a);` → `return a;`.
import type { AstPath } from "prettier";
import type * as A from "../../compiler/syntax/ast.ts";
import { binaryPrecedence } from "../../compiler/syntax/build.ts";

/** Binding power of binary operators, loosest first: the parser's own table, so that the two never disagree. */
export const precedence = binaryPrecedence;
const COMPARISON = 3;

type Obj = Record<string, unknown>;

/** Whether the expression at `path` must (or, as written, may) be printed in parentheses. */
export function needsParens(path: AstPath, text: string): boolean {
  const node = path.node as A.Expr;
  const parent = path.parent as Obj | null;
  if (!parent || typeof parent["kind"] !== "string") return false;
  if (node.kind === "StructLit" && inCondition(path, text)) return true;
  return parensFor(node, parent, path.key, text);
}

/** The precedence rules (and kept parentheses) for `node` under `parent[key]`. */
function parensFor(node: A.Expr, parent: Obj, key: string | number | null, text: string): boolean {
  const loose = node.kind === "Binary" || node.kind === "Cast" || node.kind === "Unary";
  switch (parent["kind"]) {
    case "Binary":
      // `(-a) ** 2`: what `-a ** 2` means, but not how it reads
      if (node.kind === "Unary") return parent["op"] === "**" && key === "left";
      if (node.kind !== "Binary") return false;
      return binaryChildNeedsParens(parent as unknown as A.BinaryExpr, node, key === "left") || writtenInParens(node, parent, key);
    case "Unary":
      return node.kind === "Binary" || node.kind === "Cast";
    case "Cast":
      return node.kind === "Binary";
    case "Member":
    case "Index":
      return key === "object" && loose;
    case "Call":
      return key === "callee" && loose;
    default:
      return false;
  }
}

function binaryChildNeedsParens(parent: A.BinaryExpr, child: A.BinaryExpr, isLeft: boolean): boolean {
  const p = precedence[parent.op];
  const c = precedence[child.op];
  if (c < p) return true;
  if (c > p) return false;
  if (p === COMPARISON) return true; // comparisons do not chain
  if (parent.op === "**") return isLeft; // right-associative
  return !isLeft; // left-associative: `a - (b - c)`
}

/**
 * Whether the author wrote parentheses around the operand `node` of the
 * binary `parent`: a binary's span runs from the first to the last character
 * of its operands' source, parentheses included, while `node`'s excludes them.
 */
export function writtenInParens(node: A.Expr, parent: Obj, key: string | number | null): boolean {
  if (parent["kind"] !== "Binary") return false;
  const outer = parent["span"] as A.Span;
  return key === "left" ? node.span.start > outer.start : key === "right" ? node.span.end < outer.end : false;
}

/**
 * Whether a struct literal at `path` would be read as the start of a body:
 * it is reached from an `if`/`while` condition or a `for` range or iterable
 * through operators, casts, member accesses, indexed objects and callees only
 * (inside brackets, arguments and parentheses the restriction is lifted).
 */
function inCondition(path: AstPath, text: string): boolean {
  for (let depth = 0; ; depth++) {
    const child = path.getNode(depth) as Obj | null;
    const parent = path.getNode(depth + 1) as Obj | null;
    if (!child || !parent) return false;
    const key = keyOf(parent, child);
    switch (parent["kind"]) {
      case "If":
      case "While":
        return key === "cond";
      case "ForRange":
        return key === "start" || key === "end";
      case "ForEach":
        return key === "iterable";
      case "Binary":
      case "Unary":
      case "Cast":
        break;
      case "Member":
      case "Index":
        if (key !== "object") return false;
        break;
      case "Call":
        if (key !== "callee") return false;
        break;
      default:
        return false;
    }
    // an ancestor printed in parentheses lifts the restriction
    if (depth > 0 && parensFor(child as unknown as A.Expr, parent, key, text)) return false;
  }
}

function keyOf(parent: Obj, child: Obj): string | null {
  for (const [k, v] of Object.entries(parent)) if (v === child) return k;
  return null;
}
