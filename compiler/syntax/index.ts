// compiler/syntax: Weft source text → AST (ast.ts) + diagnostics.
//
//   parse(path, text)  the whole front end of the front end: lex, parse with
//                      error recovery, attach doc comments. Never throws;
//                      broken input gives diagnostics (E01xx) and Error*
//                      nodes in the tree.
//   tokenize(text)     every token with offsets and a category (keyword,
//                      identifier, number, string, comment, operator, …) for
//                      editor highlighting.
//   dumpAst(file)      a readable S-expression of a tree (golden tests, debugging).
//
// Files: tokens.ts (vocabulary), lexer.ts + literals.ts (lexing and literal
// values), parser.ts (grammar and AST building), build.ts (precedence, docs),
// errors.ts (chevrotain errors → diagnostics), dump.ts. The grammar and its
// decisions are documented in docs/reference/syntax.md.
import type { IToken } from "chevrotain";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../diagnostics/index.ts";
import type { SourceFile, Span } from "./ast.ts";
import { translateErrors } from "./errors.ts";
import { lex } from "./lexer.ts";
import { WeftParser } from "./parser/declarations.ts";
import { DocComment } from "./tokens.ts";

export { tokenize, type SyntaxToken } from "./lexer.ts";
export { tokenCategory, tokenDisplay, keywordTypes, type TokenCategory } from "./tokens.ts";
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
    const parseDiagnostics = [...r.diagnostics, ...translateErrors(path, text, lexed.tokens, r.errors)];
    return { file: r.file, diagnostics: combine(text, lexed.diagnostics, parseDiagnostics) };
  } catch (err) {
    // A bug (or an exhausted stack): never let it escape; start afresh next time.
    parser = null;
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return {
      file: { kind: "SourceFile", span: { file: path, start: 0, end: text.length }, path, imports: [], items: [] },
      diagnostics: [
        ...(lexed?.diagnostics ?? []),
        diagnostic("E0199", { file: path, start: 0, end: 0 }, "internal error in the parser", {
          help: `please report this with the file that caused it (${message.slice(0, 200)})`,
        }),
      ],
    };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Lexer and parser diagnostics together, one per problem: a parse error right
 * at (or just after) a bad character or an unterminated string is a
 * consequence of it and is dropped, as is a second parse error at the same
 * place.
 */
function combine(text: string, lexical: Diagnostic[], parsing: Diagnostic[]): Diagnostic[] {
  const shadows: Span[] = [];
  for (const d of lexical) {
    if (d.code !== "E0100" && d.code !== "E0101" && d.code !== "E0105") continue;
    let end = d.code === "E0105" ? text.length : d.primary.end;
    while (end < text.length && /\s/.test(text[end]!)) end++;
    shadows.push({ file: d.primary.file, start: d.code === "E0101" ? d.primary.start : d.primary.start, end });
  }
  const kept: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const d of sortDiagnostics(parsing)) {
    const at = d.primary.start;
    if (seen.has(at)) continue;
    if (shadows.some((s) => at >= s.start && at <= s.end)) continue;
    seen.add(at);
    kept.push(d);
  }
  return sortDiagnostics([...lexical, ...kept]);
}
