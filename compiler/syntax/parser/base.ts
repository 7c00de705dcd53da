// Infrastructure shared by the grammar classes (expressions.ts →
// statements.ts → declarations.ts, each extending the previous): per-parse
// state, spans, our own re-sync points and the `rule` wrapper that gives every
// rule a recovery value.
//
// How recovery works, in three layers:
//   1. chevrotain's own (recoveryEnabled): single-token insertion / deletion
//      at a CONSUME, re-sync inside repetitions and between rules;
//   2. our re-sync points, which report and never throw: statement and member
//      terminators (`semi`: skip to `;`, `}` or the next statement keyword),
//      function bodies, the closing `>` of type arguments;
//   3. every rule has a recovery value (ErrorExpr / ErrorStmt / ErrorType, the
//      partial list it was building, or null for a declaration), so a failed
//      rule never leaves an undefined field in the tree.
//   4. at the end of the file, a missing `}` closes its declaration or block
//      implicitly (closeBrace), so a contract still being typed keeps its AST;
//      one diagnostic names what was left open (../unclosed.ts).
//
// Chevrotain runs each rule once at construction to record the grammar (the
// "recording phase"): DSL calls then return placeholders, so AST-building code
// is guarded by `this.recording`. Outside recording, DSL calls may be skipped
// by plain `if`s (fast paths); the grammar chevrotain analyses is the recorded one.
import {
  EmbeddedActionsParser,
  EOF,
  isRecognitionException,
  type DSLMethodOpts,
  type IOrAlt,
  type IToken,
  type ITokenGrammarPath,
  type TokenType,
} from "chevrotain";
import { diagnostic, type Diagnostic, type DiagnosticOptions } from "../../diagnostics/index.ts";
import type * as A from "../ast.ts";
import { docsBetween, ident, tokenSpan } from "../build.ts";
import { errorMessageProvider, type ParseError } from "../errors.ts";
import { tokenEnd } from "../lexer.ts";
import * as T from "../tokens.ts";
import { unclosedDiagnostic, type OpenAtEof } from "../unclosed.ts";

/**
 * Nesting limit (blocks, parenthesised / bracketed expressions, types,
 * patterns): deeper input gets E0114 instead of a stack overflow. Real code
 * nests a handful of levels; each level costs a few dozen stack frames.
 */
export const MAX_DEPTH = 64;
/** Longest chain of operators (`a + b + …`, `a.b.c…`, `- - x`) before E0114: bounds the AST's depth. */
export const MAX_CHAIN = 1000;

/** What the parser needs besides the tokens. */
export interface ParseInput {
  file: string;
  text: string;
  tokens: IToken[];
  /** `///` comments in order. */
  docComments: IToken[];
}

/** The start of a declaration, read before its keyword: doc comments and modifiers. */
export interface Head {
  start: number;
  docs: A.Docs;
  mods: IToken[];
}

/** Tokens a statement or member may start with: a missing `;` before one of them is inserted, not skipped. */
export const declarationStarts = new Set<TokenType>([
  T.Let, T.If, T.While, T.For, T.Break, T.Continue, T.Return, T.Emit, T.Revert, T.Unchecked,
  T.State, T.Const, T.Init, T.Fn, T.Pub, T.View, T.Reentrant, T.Event, T.Error_, T.Struct, T.Enum,
  T.Contract, T.Interface, T.Use, T.Import,
]);
const openers = new Set<TokenType>([T.LParen, T.LBracket, T.LBrace]);
const closers = new Set<TokenType>([T.RParen, T.RBracket, T.RBrace]);

/** Tokens that can start an expression (for the missing-comma check of lists). */
export const exprStarts = new Set<TokenType>([
  T.NumberLit, T.StringLit, T.BytesLit, T.True, T.False, T.Self, T.Identifier, T.LParen, T.LBracket, T.Minus, T.Bang, T.Tilde,
]);
export const nameStarts = new Set<TokenType>([T.Identifier]);

const followCache = new Map<string, TokenType[]>();
const never = () => false;
/** Where a failed list item stops being skipped, by closer (`close2` is `close` but for type arguments). */
const listStops = new Map<TokenType, ReadonlySet<TokenType>>();

/**
 * `alt(ALT, GATE?)` and `gated(GATE, DEF)` build chevrotain's option objects
 * from arguments. Written inline (`{ ALT: () => … }`), each arrow function is
 * a named property, and esbuild's keepNames (which tsx turns on) wraps it in
 * a naming call on every evaluation: that tripled the parse time.
 */
export function alt<T>(ALT: () => T, GATE?: () => boolean): IOrAlt<T> {
  return GATE ? { ALT, GATE } : { ALT };
}

export function gated(GATE: () => boolean, DEF: () => void): DSLMethodOpts<void> {
  return { GATE, DEF };
}

export function present<X>(x: X | null | undefined): x is X {
  return x !== null && x !== undefined;
}

export abstract class ParserBase extends EmbeddedActionsParser {
  // ------------------------------------------------------------ per-parse state
  protected file = "";
  protected text = "";
  private docComments: IToken[] = [];
  /**
   * Diagnostics reported by our own checks (chevrotain's errors are
   * translated afterwards), each with the number of chevrotain errors
   * recorded before it: together they give the order in which problems were
   * found (the first one at a place is the cause, see index.ts).
   */
  private own: Diagnostic[] = [];
  private ownSeq: number[] = [];
  // Active rule invocations, as parallel stacks (no allocation per rule call):
  // where each started and what it has built so far (returned on recovery).
  private frameStart: number[] = [];
  private framePartial: unknown[] = [];
  private frameTop = 0;
  private failedStart = 0;
  private failedPartial: unknown = null;
  private depth = 0;
  private depthReported = false;
  /** Inside an `if`/`while` condition or a `for` iterable: `Name {` starts the body, not a struct literal. */
  protected noStruct = false;
  /** Open type argument lists, and closing `>` already consumed as the second half of a `>>`. */
  protected angleDepth = 0;
  protected pendingGt = 0;
  /** Whether an empty node was made for missing input (then parents' spans must be widened, see containSpans). */
  private madeEmptyNodes = false;
  /** `{`s the file ended inside of, innermost first (see closeBrace). */
  private openAtEof: OpenAtEof[] = [];

  constructor() {
    super(T.parserTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider });
  }

  protected startParse(input: ParseInput): void {
    this.file = input.file;
    this.text = input.text;
    this.docComments = input.docComments;
    this.own = [];
    this.ownSeq = [];
    this.frameTop = 0;
    this.depth = 0;
    this.depthReported = false;
    this.noStruct = false;
    this.angleDepth = 0;
    this.pendingGt = 0;
    this.madeEmptyNodes = false;
    this.openAtEof = [];
    this.input = input.tokens;
  }

  protected finishParse(): {
    diagnostics: Diagnostic[];
    diagnosticSeq: number[];
    errors: ParseError[];
    madeEmptyNodes: boolean;
    unclosed: Diagnostic | null;
  } {
    const out = {
      diagnostics: this.own,
      diagnosticSeq: this.ownSeq,
      errors: this.errors as ParseError[],
      madeEmptyNodes: this.madeEmptyNodes,
      unclosed: this.openAtEof.length ? unclosedDiagnostic(this.openAtEof, this.at(this.prevEnd())) : null,
    };
    this.openAtEof = [];
    this.input = []; // do not keep the tokens alive
    this.own = [];
    this.ownSeq = [];
    this.docComments = [];
    this.framePartial.length = 0;
    return out;
  }

  /** Chevrotain calls this only when it recovers by inserting a missing token: mark that error as "missing". */
  protected override getTokenToInsert(tokType: TokenType): IToken {
    const errors = (this as unknown as { _errors: ParseError[] })._errors;
    const last = errors[errors.length - 1];
    if (last) last.weftInserted = true;
    return super.getTokenToInsert(tokType);
  }

  /**
   * Chevrotain computes the tokens that may follow a point of the grammar by
   * walking the grammar on every recovery attempt; the answer depends only on
   * the path (rule stack and occurrences), so it is cached (per process, as
   * the grammar never changes).
   */
  protected override getNextPossibleTokenTypes(path: ITokenGrammarPath): TokenType[] {
    const key = `${path.ruleStack.join(",")}|${path.occurrenceStack.join(",")}|${path.lastTok.name}|${path.lastTokOccurrence}`;
    let follows = followCache.get(key);
    if (follows === undefined) {
      if (followCache.size > 20_000) followCache.clear();
      follows = super.getNextPossibleTokenTypes(path);
      followCache.set(key, follows);
    }
    return follows;
  }

  protected get recording(): boolean {
    return (this as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE;
  }

  // ------------------------------------------------------------ rules and recovery values

  /**
   * Defines a rule. When it fails and chevrotain re-syncs at this rule, the
   * rule returns `recover(start, partial)`: where it started and what it had
   * recorded with `keep` (a list being filled, say).
   */
  protected rule<R, Args extends unknown[] = []>(
    name: string,
    impl: (...args: Args) => R,
    recover: (start: number, partial: unknown) => NoInfer<R>,
  ) {
    // (rules take at most two arguments; no rest parameter: one allocation less per call)
    const call = impl as unknown as (a?: unknown, b?: unknown) => R;
    const wrapped = (a?: unknown, b?: unknown): R => {
      const i = this.frameTop++;
      this.frameStart[i] = this.recording ? 0 : this.pos();
      this.framePartial[i] = null;
      try {
        return call(a, b);
      } catch (e) {
        this.failedStart = this.frameStart[i]!;
        this.failedPartial = this.framePartial[i];
        throw e;
      } finally {
        this.frameTop = i;
      }
    };
    return this.RULE(name, wrapped as unknown as (...args: Args) => R, {
      recoveryValueFunc: () => recover(this.failedStart, this.failedPartial),
    });
  }

  /** Records what the current rule has built so far (its recovery value uses it). */
  protected keep(partial: unknown): void {
    if (!this.recording) this.framePartial[this.frameTop - 1] = partial;
  }

  protected errorExpr(start: number): A.Expr {
    return { kind: "ErrorExpr", span: this.span(start) };
  }

  protected errorType(start: number): A.TypeExpr {
    return { kind: "ErrorType", span: this.span(start) };
  }

  protected errorStmt(start: number): A.Stmt {
    return { kind: "ErrorStmt", span: this.span(start) };
  }

  // ------------------------------------------------------------ positions and spans

  /** Start offset of the next token (end of text at EOF). */
  protected pos(): number {
    const t = this.LA(1);
    return t.tokenType === EOF ? this.text.length : t.startOffset;
  }

  /** End offset of the last consumed token (0 before any). */
  protected prevEnd(): number {
    const t = this.LA(0);
    return t.tokenType === EOF ? 0 : tokenEnd(t);
  }

  /**
   * From `start` (where the rule began: the start of its first token) to the
   * end of the last consumed token. A rule that consumed nothing gets an
   * empty span just after the previous token, inside its parent's span.
   */
  protected span(start: number): A.Span {
    const end = this.prevEnd();
    if (end > start) return { file: this.file, start, end };
    this.madeEmptyNodes = true;
    return { file: this.file, start: end, end };
  }

  /** An empty span just after the previous token, for a node standing for missing input. */
  protected emptySpan(): A.Span {
    this.madeEmptyNodes = true;
    return this.at(this.prevEnd());
  }

  protected at(offset: number): A.Span {
    return { file: this.file, start: offset, end: offset };
  }

  protected tokSpan(t: IToken): A.Span {
    return tokenSpan(this.file, t);
  }

  protected report(code: string, span: A.Span, message: string, opts?: DiagnosticOptions): void {
    if (!this.recording) this.add(diagnostic(code, span, message, opts));
  }

  protected add(d: Diagnostic): void {
    this.own.push(d);
    this.ownSeq.push((this as unknown as { _errors: unknown[] })._errors.length);
  }

  protected describe(t: IToken): string {
    if (t.tokenType === EOF) return "end of file";
    const img = t.image.length > 30 ? t.image.slice(0, 27) + "…" : t.image;
    return `\`${img}\``;
  }

  /** True when a line break separates the previous token from the next one. */
  protected nextOnNewLine(): boolean {
    return this.text.slice(this.prevEnd(), this.pos()).includes("\n");
  }

  /** The next token can follow a missing terminator: `}`, end of file, a statement keyword, a new line. */
  protected nextEndsConstruct(): boolean {
    const type = this.LA(1).tokenType;
    return type === EOF || type === T.RBrace || declarationStarts.has(type) || this.nextOnNewLine();
  }

  protected name(idx = 0): A.Ident {
    const t = this.consume(idx, T.Identifier);
    if (this.recording) return null!;
    if (t.isInsertedInRecovery) this.madeEmptyNodes = true;
    return ident(this.file, t, this.prevEnd());
  }

  protected missingName(at: number): A.Ident {
    this.madeEmptyNodes = true;
    return { kind: "Ident", span: this.at(at), name: "" };
  }

  // ------------------------------------------------------------ `}` at the end of the file

  /**
   * The `}` closing what `open` (its `{`, or where it was missing) opened.
   * At the end of the file it is not there: the construct is closed
   * implicitly and recorded, with no error of its own (finishParse makes one
   * for all of them), so that everything parsed so far is kept in the tree.
   * Chevrotain cannot do this itself: it inserts a missing token only when
   * the next one may follow it inside the same rule, and the end of the file
   * never may.
   */
  protected closeBrace(open: IToken, openAt: number, what: string): void {
    if (!this.recording && this.LA(1).tokenType === EOF) {
      const span = open.isInsertedInRecovery || Number.isNaN(open.startOffset) ? this.at(openAt) : this.tokSpan(open);
      this.openAtEof.push({ open: span, what });
      return;
    }
    this.CONSUME(T.RBrace);
  }

  /** `block`, named in the end-of-file diagnostic if the file ended inside it ("function `f`" rather than "block"). */
  protected named(block: A.Block, what: string): A.Block {
    if (this.recording || this.openAtEof.length === 0) return block;
    for (const o of this.openAtEof) if (o.open.start === block.span.start) o.what = what;
    return block;
  }

  // ------------------------------------------------------------ nesting

  /**
   * Enters one nesting level; false (after reporting E0114 once) when the
   * input is nested too deeply, in which case the caller skips the construct.
   */
  protected enter(): boolean {
    if (this.recording) return true;
    if (this.depth >= MAX_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        const t = this.LA(1);
        this.report("E0114", t.tokenType === EOF ? this.at(this.text.length) : this.tokSpan(t), "nesting too deep", {
          help: `Weft accepts up to ${MAX_DEPTH} nested blocks, brackets and parentheses; split this into smaller pieces`,
        });
      }
      return false;
    }
    this.depth++;
    return true;
  }

  protected leave(): void {
    if (this.recording) return;
    this.depth--;
    if (this.depth === 0) this.depthReported = false;
  }

  /**
   * Skips one construct without recursion: tokens up to (not including) a
   * `stop` token or an unbalanced closer at bracket depth 0; bracketed groups
   * are skipped whole. Used for input nested beyond MAX_DEPTH.
   */
  protected skipGroup(stop: ReadonlySet<TokenType>): void {
    let balance = 0;
    for (;;) {
      const type = this.LA(1).tokenType;
      if (type === EOF) return;
      if (balance === 0 && (stop.has(type) || closers.has(type))) return;
      if (openers.has(type)) balance++;
      else if (closers.has(type)) balance--;
      this.SKIP_TOKEN();
    }
  }

  // ------------------------------------------------------------ our re-sync points

  /**
   * The `;` that ends a statement or member. When it is missing, either the
   * next token can follow it (a new line, a statement keyword, `}`): E0111,
   * nothing skipped; or something unexpected follows on the same line: E0110,
   * and the rest of the statement is skipped up to its `;`, a `}` or a
   * statement keyword on a new line.
   */
  protected semi(after: string): void {
    if (this.recording || this.LA(1).tokenType === T.Semi) {
      this.CONSUME(T.Semi);
      return;
    }
    const next = this.LA(1);
    const prevEnd = this.prevEnd();
    const fix = { title: "insert `;`", span: this.at(prevEnd), replacement: ";" };
    if (next.tokenType === EOF) {
      this.report("E0112", this.at(prevEnd), `unexpected end of file: expected \`;\` after ${after}`, { fixes: [fix] });
      return;
    }
    if (this.nextEndsConstruct()) {
      this.report("E0111", this.at(prevEnd), `expected \`;\` after ${after}`, { label: "add `;` here", fixes: [fix] });
      return;
    }
    this.report("E0110", this.tokSpan(next), `expected \`;\` after ${after}, found ${this.describe(next)}`, {
      label: "expected `;`",
    });
    this.skipStatement();
  }

  /**
   * Skips the rest of a statement or declaration, brackets balanced: up to
   * and including its `;`, up to (not including) a `}` that closes the
   * enclosing block or `stopAt`, or up to a statement or declaration keyword
   * that starts a line. With `untilBlock`, a `{ … }` group ends the skip too
   * (the body of a declaration that failed in its head).
   */
  protected skipStatement(stopAt?: ReadonlySet<TokenType>, untilBlock = false): void {
    let balance = 0;
    const from = this.pos();
    for (;;) {
      const type = this.LA(1).tokenType;
      if (type === EOF) return;
      if (balance === 0) {
        if (type === T.Semi) {
          this.SKIP_TOKEN();
          return;
        }
        if (stopAt?.has(type) || closers.has(type)) return;
        if (declarationStarts.has(type) && this.pos() > from && this.nextOnNewLine()) return;
      }
      if (openers.has(type)) balance++;
      else if (closers.has(type)) {
        balance--;
        if (balance === 0 && untilBlock && type === T.RBrace) {
          this.SKIP_TOKEN();
          return;
        }
      }
      this.SKIP_TOKEN();
    }
  }

  /**
   * Our re-sync points catch a syntax error that no rule inside could recover
   * from (chevrotain re-syncs at the innermost rule whose follow set holds
   * one of the next tokens, which can be far out: `let state = 1;` would
   * otherwise re-sync at `state` as the start of the next contract member).
   * The error is already recorded; anything else is rethrown.
   */
  protected caught(e: unknown): void {
    if (!isRecognitionException(e as Error) || this.recording) throw e;
  }

  /**
   * `item (, item)* [,]` before `close` (which the caller consumes). A
   * missing `,` is reported (E0111) and the list goes on when the next token
   * can start an item and is on the same line, or the list is laid out one
   * item per line; otherwise the list ends there and the caller's `close`
   * recovers. `stopped` ends the list early and `close2` is a second closer
   * (both for type arguments, see typeArgs). `item(i)` parses one element
   * with SUBRULE index i. Uses OPTION,
   * OPTION1, OPTION2, MANY, CONSUME(Comma) and CONSUME1(Comma): once per rule.
   */
  protected commaList(
    close: TokenType,
    startsItem: ReadonlySet<TokenType>,
    item: (idx: 0 | 1) => void,
    onTrailingComma?: () => void,
    stopped: () => boolean = never,
    close2: TokenType = close,
  ): void {
    if (!this.recording && this.LA(1).tokenType === close) return;
    const multiline = !this.recording && this.nextOnNewLine();
    let stops = listStops.get(close2);
    if (stops === undefined) listStops.set(close2, (stops = new Set([T.Comma, close, close2])));
    this.OPTION(() => {
      this.listItem(item, 0, stops);
      this.MANY(gated(() => {
        if (stopped()) return false;
        const next = this.LA(1).tokenType;
        if (next === T.Comma) {
          const after = this.LA(2).tokenType;
          return after !== close && after !== close2;
        }
        return startsItem.has(next) && (multiline || !this.nextOnNewLine());
      }, () => {
        let comma = false;
        this.OPTION1(() => {
          this.CONSUME(T.Comma);
          comma = true;
        });
        if (!comma && !this.recording) {
          const at = this.at(this.prevEnd());
          this.report("E0111", at, "expected `,`", {
            label: "add `,` here",
            fixes: [{ title: "insert `,`", span: at, replacement: "," }],
          });
        }
        this.listItem(item, 1, stops);
      }));
      this.OPTION2(gated(() => !stopped(), () => {
        this.CONSUME1(T.Comma);
        onTrailingComma?.();
      }));
    });
  }

  /** One item of a list, with our re-sync point: a failed item is skipped up to the next `,` or the closer. */
  private listItem(item: (idx: 0 | 1) => void, idx: 0 | 1, stops: ReadonlySet<TokenType>): void {
    try {
      item(idx);
    } catch (e) {
      this.caught(e);
      this.skipStatement(stops);
    }
  }

  // ------------------------------------------------------------ declarations' heads

  protected head(): Head {
    if (this.recording) return { start: 0, docs: null, mods: [] };
    const start = this.pos();
    return { start, docs: docsBetween(this.docComments, this.prevEnd(), start), mods: [] };
  }

  /** Reports modifiers on something that takes none (`pub state x`) and repeated ones (`pub pub fn`). */
  protected checkModifiers(h: Head, what: string, allowed: boolean): void {
    const seen = new Set<string>();
    for (const m of h.mods) {
      const span = this.tokSpan(m);
      const fixes = [{ title: `remove \`${m.image}\``, span, replacement: "" }];
      if (!allowed)
        this.report("E0117", span, `\`${m.image}\` cannot be applied to ${what}`, {
          help: "`pub`, `view` and `reentrant` apply to functions only",
          fixes,
        });
      else if (seen.has(m.image)) this.report("E0117", span, `\`${m.image}\` is repeated`, { fixes });
      seen.add(m.image);
    }
  }
}
