// Helpers the grammar actions use to build AST nodes: operator precedence
// (the grammar reads `operand (op operand)*` flat and this file nests it),
// doc comment lookup, and the shape of nodes made during error recovery.
import type { IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/index.ts";
import { diagnostic } from "../diagnostics/index.ts";
import type * as A from "./ast.ts";
import { tokenEnd } from "./lexer.ts";

// ---------------------------------------------------------------- binary operators

/** Binding power, loosest first. Comparisons are non-associative; `**` is right-associative. */
export const binaryPrecedence: Record<A.BinaryOp, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 3,
  "<=": 3,
  ">": 3,
  ">=": 3,
  "|": 4,
  "^": 5,
  "&": 6,
  "<<": 7,
  ">>": 7,
  "+": 8,
  "-": 8,
  "*": 9,
  "/": 9,
  "%": 9,
  "**": 10,
};
const COMPARISON = 3;

/** An operand with the extent of its source text (which includes any parentheses around it). */
export interface Operand {
  expr: A.Expr;
  start: number;
  end: number;
}

export interface OperatorAt {
  op: A.BinaryOp;
  span: A.Span;
}

/**
 * Nests a flat `e0 op1 e1 op2 e2 …` by precedence (shunting-yard, iterative:
 * long chains cannot overflow the stack). A chain of comparisons such as
 * `a < b < c` is reported (E0113) and becomes one ErrorExpr.
 */
export function nestBinary(
  file: string,
  text: string,
  operands: Operand[],
  ops: OperatorAt[],
  report: (d: Diagnostic) => void,
): A.Expr {
  const out: Operand[] = [operands[0]!];
  const stack: OperatorAt[] = [];
  // Comparison results built here (not parenthesised), and the chains already reported.
  const comparisons = new Set<A.Expr>();
  const reported = new Set<A.Expr>();

  const reduce = () => {
    const op = stack.pop()!;
    const right = out.pop()!;
    const left = out.pop()!;
    const span: A.Span = { file, start: left.start, end: right.end };
    let expr: A.Expr;
    if (binaryPrecedence[op.op] === COMPARISON && comparisons.has(left.expr)) {
      expr = { kind: "ErrorExpr", span };
      if (!reported.has(left.expr)) {
        const first = left.expr.kind === "Binary" ? left.expr : null;
        report(chainedComparison(text, op, first, right, span));
      }
      reported.add(expr);
      comparisons.add(expr);
    } else {
      expr = { kind: "Binary", span, op: op.op, opSpan: op.span, left: left.expr, right: right.expr };
      if (binaryPrecedence[op.op] === COMPARISON) comparisons.add(expr);
    }
    out.push({ expr, start: left.start, end: right.end });
  };

  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const p = binaryPrecedence[op.op];
    while (stack.length > 0) {
      const q = binaryPrecedence[stack[stack.length - 1]!.op];
      if (q > p || (q === p && op.op !== "**")) reduce();
      else break;
    }
    stack.push(op);
    out.push(operands[i + 1]!);
  }
  while (stack.length > 0) reduce();
  return out[0]!.expr;
}

function chainedComparison(
  text: string,
  second: OperatorAt,
  first: A.BinaryExpr | null,
  right: Operand,
  span: A.Span,
): Diagnostic {
  let help = "compare twice and combine with `&&`, e.g. `a < b && b < c`";
  if (first) {
    const src = (s: A.Span) => text.slice(s.start, s.end);
    const a = text.slice(span.start, first.opSpan.start).trim();
    const b = text.slice(first.opSpan.end, second.span.start).trim();
    const c = text.slice(right.start, right.end);
    const suggestion = `${a} ${src(first.opSpan)} ${b} && ${b} ${src(second.span)} ${c}`;
    if (suggestion.length <= 80 && !suggestion.includes("\n")) help = `split the comparison: \`${suggestion}\``;
  }
  const helps = [help];
  if (first?.op === "<" && second.op === ">")
    helps.push("type arguments are written only on `truncate<T>(…)` and `abi.decode<T>(…)`");
  return diagnostic("E0113", second.span, "comparison operators cannot be chained", {
    secondary: first ? [{ span: first.opSpan, message: "first comparison" }] : [],
    help: helps,
  });
}

// ---------------------------------------------------------------- doc comments

/**
 * The `///` comments that lie between the end of the previous token and the
 * start of a declaration, as the AST's Docs: each line without `///` and one
 * following space, joined by "\n"; null when there are none.
 */
export function docsBetween(docComments: readonly IToken[], after: number, before: number): A.Docs {
  // first doc comment starting at or after `after` (binary search)
  let lo = 0;
  let hi = docComments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docComments[mid]!.startOffset < after) lo = mid + 1;
    else hi = mid;
  }
  const lines: string[] = [];
  for (let i = lo; i < docComments.length; i++) {
    const c = docComments[i]!;
    if (tokenEnd(c) > before) break;
    const body = c.image.slice(3);
    lines.push(body.startsWith(" ") ? body.slice(1) : body);
  }
  return lines.length ? lines.join("\n") : null;
}

// ---------------------------------------------------------------- small node makers

export function ident(file: string, t: IToken, fallbackAt: number): A.Ident {
  if (t.isInsertedInRecovery || Number.isNaN(t.startOffset))
    return { kind: "Ident", span: { file, start: fallbackAt, end: fallbackAt }, name: "" };
  return { kind: "Ident", span: { file, start: t.startOffset, end: tokenEnd(t) }, name: t.image };
}

export function tokenSpan(file: string, t: IToken): A.Span {
  return { file, start: t.startOffset, end: tokenEnd(t) };
}

// ---------------------------------------------------------------- spans after recovery

type Obj = Record<string, unknown>;

function spanOf(v: unknown): A.Span | null {
  const s = typeof v === "object" && v !== null ? (v as Obj)["span"] : undefined;
  return typeof s === "object" && s !== null ? (s as A.Span) : null;
}

/**
 * Widens every node's span to cover its children's. Needed only after error
 * recovery: a node made for missing input is empty and placed just after the
 * previous token, which can lie before the first token of its parent (in the
 * whitespace between them). Iterative: children are visited before parents.
 */
export function containSpans(root: A.SourceFile): void {
  const order: Obj[] = [];
  const stack: Obj[] = [root as unknown as Obj];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    for (const key in node) {
      const v = node[key];
      if (Array.isArray(v)) {
        for (const el of v) if (spanOf(el)) stack.push(el as Obj);
      } else if (key !== "span" && spanOf(v)) stack.push(v as Obj);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    const span = spanOf(node)!;
    let start = span.start;
    let end = span.end;
    for (const key in node) {
      const v = node[key];
      const children = Array.isArray(v) ? v : key !== "span" ? [v] : [];
      for (const c of children) {
        const cs = spanOf(c);
        if (cs) {
          if (cs.start < start) start = cs.start;
          if (cs.end > end) end = cs.end;
        }
      }
    }
    // a new object: spans may be shared (a Name and its Ident)
    if (start !== span.start || end !== span.end) node["span"] = { file: span.file, start, end };
  }
}
