// Chevrotain's parse errors → Weft diagnostics. The message provider does not
// write prose: it encodes what chevrotain knows (expected tokens, rule) as
// JSON in the exception's message, and `translateErrors` phrases it for
// humans once the parse is over, when it also knows whether the parser
// recovered by inserting the missing token (then it is "missing", E0111) or
// by skipping input (then it is "unexpected", E0110).
import { EOF, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { diagnostic, type Diagnostic, type DiagnosticOptions } from "../diagnostics/index.ts";
import type { Span } from "./ast.ts";
import { tokenEnd } from "./lexer.ts";
import * as T from "./tokens.ts";

interface Encoded {
  kind: "mismatch" | "alt" | "rest" | "iterate";
  /** Token type names that would have been accepted. */
  expected: string[];
  /** A description given in the grammar (ERR_MSG), preferred over the list. */
  desc?: string;
  rule: string;
}

const byName = new Map<string, TokenType>(T.parserTokens.map((t) => [t.name, t]));
byName.set("EOF", EOF);

function firstTokens(paths: TokenType[][]): string[] {
  const out = new Set<string>();
  for (const p of paths) if (p[0]) out.add(p[0].name);
  return [...out];
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  // (the most frequent one: built on every mismatch, even those recovered in place)
  buildMismatchTokenMessage: ({ expected, ruleName }) => `{"kind":"mismatch","expected":["${expected.name}"],"rule":"${ruleName}"}`,
  buildNotAllInputParsedMessage: ({ ruleName }) => JSON.stringify({ kind: "rest", expected: ["EOF"], rule: ruleName } satisfies Encoded),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, customUserDescription, ruleName }) =>
    JSON.stringify({
      kind: "alt",
      expected: firstTokens(expectedPathsPerAlt.flat()),
      ...(customUserDescription ? { desc: customUserDescription } : {}),
      rule: ruleName,
    } satisfies Encoded),
  buildEarlyExitMessage: ({ expectedIterationPaths, customUserDescription, ruleName }) =>
    JSON.stringify({
      kind: "iterate",
      expected: firstTokens(expectedIterationPaths),
      ...(customUserDescription ? { desc: customUserDescription } : {}),
      rule: ruleName,
    } satisfies Encoded),
};

/** The exceptions chevrotain recorded, with our marker for single-token insertion. */
export type ParseError = IRecognitionException & { previousToken?: IToken; weftInserted?: boolean };

function decode(e: ParseError): Encoded {
  try {
    return JSON.parse(e.message) as Encoded;
  } catch {
    return { kind: "mismatch", expected: [], rule: "" };
  }
}

/** "`;`", "`,` or `)`", "one of `a`, `b` or `c`". */
function humanList(names: string[]): string {
  const shown = names.map((n) => (n === "EOF" ? "end of file" : T.tokenDisplay(byName.get(n) ?? EOF)));
  const uniq = [...new Set(shown)];
  if (uniq.length === 0) return "something else";
  if (uniq.length === 1) return uniq[0]!;
  if (uniq.length > 8) return "something else";
  return `${uniq.length > 2 ? "one of " : ""}${uniq.slice(0, -1).join(", ")} or ${uniq[uniq.length - 1]}`;
}

const ITEMS = "an item (`contract`, `interface`, `struct`, `enum`, `event`, `error` or `const`)";

const openerOf = new Map<string, TokenType>([
  ["RParen", T.LParen],
  ["RBracket", T.LBracket],
  ["RBrace", T.LBrace],
]);

/** Rules that read a comma-separated list: at their closing bracket, a `,` would also do. */
const listRules = new Set([
  "params", "args", "parenExpr", "arrayLit", "tupleType", "typeArgs", "eventDecl", "structDecl", "enumDecl",
  "useNames", "structLitFields", "pattern",
]);

/** What was expected, phrased for the place where the parser stopped. */
function expectation(info: Encoded, atEof: boolean): string {
  if (info.desc) return info.desc;
  const only = info.expected.length === 1 ? info.expected[0] : undefined;
  if (atEof && only && only !== "EOF") return humanList(info.expected);
  if (only && openerOf.has(only) && listRules.has(info.rule)) return humanList(["Comma", only]);
  // a repetition ended on something it cannot continue with
  if (only === "RBrace" && info.rule === "block") return "a statement or `}`";
  if (only === "RBrace" && (info.rule === "contractDecl" || info.rule === "interfaceDecl"))
    return "a declaration or `}`";
  if (only === "EOF") return ITEMS;
  return humanList(info.expected);
}

function describe(t: IToken): string {
  if (t.tokenType === EOF) return "end of file";
  const img = t.image.length > 30 ? t.image.slice(0, 27) + "…" : t.image;
  return `\`${img}\``;
}



/** The innermost opening bracket of `open`'s kind still unclosed before `offset`. */
function unclosed(tokens: readonly IToken[], offset: number, open: TokenType, close: TokenType): IToken | null {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  let balance = 0;
  for (let i = lo - 1; i >= 0; i--) {
    const t = tokens[i]!.tokenType;
    if (t === close) balance++;
    else if (t === open) {
      if (balance === 0) return tokens[i]!;
      balance--;
    }
  }
  return null;
}

export function translateErrors(
  file: string,
  text: string,
  tokens: readonly IToken[],
  errors: readonly ParseError[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const span = (start: number, end: number): Span => ({ file, start, end });
  for (const e of errors) {
    const info = decode(e);
    const found = e.token;
    const atEof = found.tokenType === EOF || Number.isNaN(found.startOffset);
    const prev = e.previousToken;
    const prevEnd = prev && prev.tokenType !== EOF && !Number.isNaN(prev.startOffset) ? tokenEnd(prev) : 0;
    // when the parser inserted the missing token, name just that token
    const expected = e.weftInserted && !atEof ? humanList(info.expected) : expectation(info, atEof);
    const opts: DiagnosticOptions = {};

    // point at the bracket left open
    const only = info.expected.length === 1 ? info.expected[0]! : "";
    const open = openerOf.get(only);
    if (open && (e.weftInserted || atEof)) {
      const o = unclosed(tokens, atEof ? text.length : found.startOffset, open, byName.get(only)!);
      if (o) opts.secondary = [{ span: span(o.startOffset, tokenEnd(o)), message: `unclosed \`${o.image}\`` }];
    }
    const wantsName = info.expected.includes("Identifier") || /name|expression/.test(info.desc ?? "");
    if (!atEof && wantsName && T.tokenCategory(found.tokenType) === "keyword")
      opts.help = `\`${found.image}\` is a keyword: it cannot be used as a name`;
    if (only === "EOF" && found.tokenType === T.Fn) opts.help = "functions are declared inside a contract or an interface";
    if (only === "EOF" && found.tokenType === T.State) opts.help = "state variables are declared inside a contract";

    if (atEof) {
      out.push(diagnostic("E0112", span(prevEnd, prevEnd), `unexpected end of file: expected ${expected}`, opts));
    } else if (e.weftInserted) {
      const insert = byName.get(only);
      const punct = insert && T.tokenCategory(insert) === "punctuation";
      if (punct) {
        const s = T.tokenDisplay(insert).replace(/`/g, "");
        opts.fixes = [{ title: `insert \`${s}\``, span: span(prevEnd, prevEnd), replacement: s }];
        opts.label = `add \`${s}\` here`;
      }
      out.push(diagnostic("E0111", span(prevEnd, prevEnd), `expected ${expected}`, opts));
    } else {
      out.push(
        diagnostic("E0110", span(found.startOffset, tokenEnd(found)), `expected ${expected}, found ${describe(found)}`, opts),
      );
    }
  }
  return out;
}
