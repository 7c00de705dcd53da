// The lexer: chevrotain's Lexer for the raw match, then one pass that
// retypes identifiers that are keywords, decodes literals (the value goes into
// the token's `payload`) and turns bad input into diagnostics. It never fails:
// an unexpected character is reported and skipped (a run of them is one
// diagnostic), a bad literal is still a literal token.
import { Lexer, type IToken, type TokenType } from "chevrotain";
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import type { Span } from "./ast.ts";
import { decodeBytes, decodeNumber, decodeString, type LiteralProblem } from "./literals.ts";
import {
  BytesLit,
  DocComment,
  Identifier,
  keywordTypes,
  lexerTokens,
  NumberLit,
  SingleQuoted,
  StringLit,
  tokenCategory,
  UnterminatedBlockComment,
  type TokenCategory,
} from "./tokens.ts";

const weftLexer = new Lexer(lexerTokens, {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
});

export interface LexResult {
  /** Significant tokens, for the parser. Literal tokens carry their decoded value in `payload`. */
  tokens: IToken[];
  /** `//`, `///` (typed DocComment) and block comments, in order. */
  comments: IToken[];
  /** Runs of characters that are not Weft (already reported). */
  invalid: Span[];
  diagnostics: Diagnostic[];
}

/** Offset just past a token. */
export function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

function retype(t: IToken, type: TokenType): void {
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx!;
}

export function lex(file: string, text: string): LexResult {
  const r = weftLexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  const span = (start: number, end: number): Span => ({ file, start, end });
  const literalProblems = (t: IToken, problems: LiteralProblem[]) => {
    for (const p of problems)
      diagnostics.push(
        diagnostic(p.code, span(t.startOffset + p.start, t.startOffset + p.end), p.message, p.help ? { help: p.help } : {}),
      );
  };

  const tokens = r.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const type = t.tokenType;
    if (type === Identifier) {
      const kw = keywordTypes.get(t.image);
      if (kw !== undefined) retype(t, kw);
    } else if (type === NumberLit) {
      const d = decodeNumber(t.image);
      t.payload = d.value;
      if (d.problems.length) literalProblems(t, d.problems);
    } else if (type === StringLit) {
      const d = decodeString(t.image);
      t.payload = d.value;
      if (d.problems.length) literalProblems(t, d.problems);
    } else if (type === SingleQuoted) {
      const inner = t.image.slice(1, -1);
      retype(t, StringLit);
      t.payload = inner;
      const quoted = JSON.stringify(inner);
      diagnostics.push(
        diagnostic("E0100", span(t.startOffset, tokenEnd(t)), "strings are written in double quotes", {
          fixes: [{ title: `write ${quoted}`, span: span(t.startOffset, tokenEnd(t)), replacement: quoted }],
          help: `write ${quoted}`,
        }),
      );
    } else if (type === BytesLit) {
      const d = decodeBytes(t.image);
      t.payload = d.value;
      if (d.problems.length) literalProblems(t, d.problems);
    }
  }

  const comments = r.groups["comments"] ?? [];
  for (const c of comments) {
    if (c.image.startsWith("///") && !c.image.startsWith("////")) retype(c, DocComment);
    else if (c.tokenType === UnterminatedBlockComment)
      diagnostics.push(
        diagnostic("E0105", span(c.startOffset, c.startOffset + 2), "unterminated block comment", {
          label: "this comment runs to the end of the file",
          help: "close it with `*/` (block comments do not nest)",
        }),
      );
  }

  // Merge adjacent unexpected characters into one diagnostic per run.
  const invalid: Span[] = [];
  for (const u of r.groups["invalid"] ?? []) {
    const last = invalid[invalid.length - 1];
    if (last && last.end === u.startOffset) last.end = tokenEnd(u);
    else invalid.push(span(u.startOffset, tokenEnd(u)));
  }
  // chevrotain reports nothing itself (Unknown matches any character), but be safe.
  for (const e of r.errors) invalid.push(span(e.offset, e.offset + Math.max(1, e.length)));
  for (const s of invalid) diagnostics.push(unexpectedCharacters(text.slice(s.start, s.end), s));

  return { tokens, comments, invalid, diagnostics };
}

const charHelp: Record<string, string> = {
  "'": 'strings are written in double quotes: "…"',
  "#": "comments start with `//`",
  "@": "Weft has no attributes; modifiers such as `pub` and `view` are plain keywords",
  $: "`$` cannot appear in names",
  "?": "Weft has no `?` operator; use `if` or `require`",
};

function unexpectedCharacters(chars: string, s: Span): Diagnostic {
  const printable = /^[\x21-\x7e]+$/.test(chars) || (/^\P{C}+$/u.test(chars) && !/\s/.test(chars));
  const cps = [...chars];
  const shown = printable
    ? `\`${chars}\``
    : cps
        .slice(0, 4)
        .map((c) => "U+" + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0"))
        .join(" ") + (cps.length > 4 ? " …" : "");
  const message = cps.length === 1 ? `unexpected character ${shown}` : `unexpected characters ${shown}`;
  const help = cps.length === 1 ? charHelp[chars] : undefined;
  return diagnostic("E0100", s, message, help ? { help } : {});
}

/** A token as an editor sees it (semantic highlighting). */
export interface SyntaxToken {
  /** The token type's name: "Identifier", "NumberLit", "Let", "DocComment", "PlusEq", … */
  type: string;
  category: TokenCategory;
  /** Half-open UTF-16 offsets. */
  start: number;
  end: number;
}

/**
 * Every token of a text, comments and invalid characters included, in
 * order. Never throws. Keywords have category "keyword"; doc comments are
 * comments of type "DocComment".
 */
export function tokenize(text: string): SyntaxToken[] {
  const r = lex("<tokenize>", text);
  const out: SyntaxToken[] = [];
  const a = r.tokens;
  const b = r.comments;
  const c = r.invalid;
  let i = 0;
  let j = 0;
  let k = 0;
  const fromToken = (t: IToken): SyntaxToken => ({
    type: t.tokenType.name,
    category: tokenCategory(t.tokenType),
    start: t.startOffset,
    end: tokenEnd(t),
  });
  while (i < a.length || j < b.length || k < c.length) {
    const ai = a[i]?.startOffset ?? Infinity;
    const bj = b[j]?.startOffset ?? Infinity;
    const ck = c[k]?.start ?? Infinity;
    if (ai <= bj && ai <= ck) out.push(fromToken(a[i++]!));
    else if (bj <= ck) out.push(fromToken(b[j++]!));
    else {
      const s = c[k++]!;
      out.push({ type: "Unknown", category: "invalid", start: s.start, end: s.end });
    }
  }
  return out;
}
