// compiler/syntax: Weft source text → AST (ast.ts) + diagnostics.
//
//   parse(path, text)  the whole front end of the front end: lex, parse with
//                      error recovery, attach doc comments. Never throws;
//                      broken input gives diagnostics (E01xx) and Error*
//                      nodes in the tree.
//   tokenize(text)     every token with offsets and a category (keyword,
//                      identifier, number, string, comment, operator, …) for
//                      editor highlighting.
//   keywords           the reserved words (for completion).
//   dumpAst(file)      a readable S-expression of a tree (golden tests, debugging).
//
// Files: tokens.ts (vocabulary), lexer.ts + literals.ts (lexing and literal
// values), parser/ (the grammar, building the AST directly: base.ts for
// spans and recovery, then expressions.ts → statements.ts → declarations.ts),
// build.ts (precedence, doc comments, span repair), errors.ts (chevrotain's
// errors → diagnostics), unclosed.ts (declarations left open at the end of
// the file: kept, and one diagnostic for them), dump.ts. The grammar and its decisions are
// documented in docs/reference/syntax.md.
import type { IToken } from "chevrotain";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/index.ts";
import type { SourceFile, Span } from "./ast.ts";
import { containSpans } from "./build.ts";
import { translateErrors } from "./errors.ts";
import { lex } from "./lexer.ts";
import { WeftParser } from "./parser/declarations.ts";
import { DocComment, keywordTypes } from "./tokens.ts";
import { absorbAtEof } from "./unclosed.ts";

export { tokenize, type SyntaxToken } from "./lexer.ts";
export { tokenCategory, tokenDisplay, keywordTypes, type TokenCategory } from "./tokens.ts";
export const keywords: readonly string[] = [...keywordTypes.keys()].filter((k) => k !== "_");
export { dumpAst } from "./dump.ts";
export { MAX_DEPTH, MAX_CHAIN } from "./parser/base.ts";

export interface ParseResult {
  file: SourceFile;
  diagnostics: Diagnostic[];
}

// Building the parser runs chevrotain's grammar analysis (tens of ms): once per process.
let parser: WeftParser | null = null;

/** Parses one source file. Never throws, whatever the text. */
export function parse(path: string, text: string): ParseResult {
  let lexed: ReturnType<typeof lex> | null = null;
  // Chevrotain signals each syntax error with an Error object; their stack
  // traces are never looked at and cost more than the rest of the recovery.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    lexed = lex(path, text);
    parser ??= new WeftParser();
    const docComments = lexed.comments.filter((c: IToken) => c.tokenType === DocComment);
    const r = parser.parseFile({ file: path, text, tokens: lexed.tokens, docComments });
    // Parser diagnostics in the order the problems were met: chevrotain's
    // error k, and ours after the k errors recorded before it.
    const ordered = [
      ...translateErrors(path, text, lexed.tokens, r.errors).map((d, k) => ({ d, seq: k })),
      ...r.diagnostics.map((d, i) => ({ d, seq: r.diagnosticSeq[i]! - 0.5 + i * 1e-9 })),
    ].sort((a, b) => a.seq - b.seq);
    if (r.madeEmptyNodes) containSpans(r.file);
    let parsing = ordered.map((o) => o.d);
    // declarations left open at the end of the file: one diagnostic there
    if (r.unclosed) parsing = absorbAtEof(r.unclosed, parsing);
    return { file: r.file, diagnostics: combine(text, lexed.diagnostics, parsing) };
  } catch (err) {
    // A bug (or an exhausted stack): never let it escape; start afresh next time.
    parser = null;
    const message = err instanceof Error ? err.message : String(err);
    return {
      file: { kind: "SourceFile", span: { file: path, start: 0, end: text.length }, path, imports: [], items: [] },
      diagnostics: [
        ...(lexed?.diagnostics ?? []),
        diagnostic("E0900", { file: path, start: 0, end: 0 }, `internal compiler error in the parser: ${message.slice(0, 200)}`, {
          help: "this is a bug in Weft; please report it with the source that caused it",
        }),
      ],
    };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Lexer and parser diagnostics together, one per problem. `parsing` is in
 * the order the problems were met, and the first one at a place is the cause:
 * later ones at the same offset are dropped. A parse error at (or just after)
 * a bad character or an unterminated string is a consequence of it, and so is
 * an "unexpected end of file" after an unterminated block comment.
 */
function combine(text: string, lexical: Diagnostic[], parsing: Diagnostic[]): Diagnostic[] {
  const shadows: Span[] = [];
  let commentRunsToEof = false;
  for (const d of lexical) {
    if (d.code === "E0105") commentRunsToEof = true;
    if (d.code !== "E0100" && d.code !== "E0101" && d.code !== "E0105") continue;
    let end = d.code === "E0105" ? text.length : d.primary.end;
    while (end < text.length && /\s/.test(text[end]!)) end++;
    shadows.push({ file: d.primary.file, start: d.primary.start, end });
  }
  const kept: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const d of parsing) {
    const at = d.primary.start;
    if (seen.has(at)) continue;
    seen.add(at);
    if (commentRunsToEof && d.code === "E0112") continue;
    if (shadows.some((s) => at >= s.start && at <= s.end)) continue;
    kept.push(d);
  }
  return sortDiagnostics([...lexical, ...kept]);
}
