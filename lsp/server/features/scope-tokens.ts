// What the text just before the cursor says, from tokens alone: the code
// being typed usually does not parse, so completion and signature help look
// at the tokens of a small window (from the start of the enclosing
// declaration to the cursor) instead of the AST. The result: the word being
// typed, whether the cursor sits in a comment or string, and the stack of
// brackets still open at the cursor, each with what it opened (a call's
// argument list, a parameter list, a function body, a struct literal, …).
import { tokenize } from "../../../compiler/syntax/index.ts";

export interface Tok {
  /** Token type name: "Identifier", "Dot", "LParen", "Let", … */
  type: string;
  category: string;
  start: number;
  end: number;
  text: string;
}

export type FrameKind =
  /** `f(`, `self.f(`, `I(a).f(`, `E(`: arguments. */
  | "call"
  /** `fn f(` / `init(` / `event E(` / `error E(`: a parameter or field list. */
  | "params"
  /** A parenthesised expression or tuple. */
  | "group"
  | "index"
  | "contract"
  | "interface"
  | "struct"
  | "enum"
  /** A function body or any block inside one. */
  | "body"
  | "structLit"
  /** `map<`, `truncate<`, `abi.decode<`. */
  | "typeArgs"
  /** `use std::m::{`. */
  | "useList"
  | "other";

export interface Frame {
  kind: FrameKind;
  /** Index (in `tokens`) of the opening token. */
  open: number;
  /** Commas seen at this depth (the active argument's index). */
  commas: number;
  /** Index of the token that starts the current argument / element (after the last comma). */
  argStart: number;
}

export interface TokenContext {
  /** Significant tokens from the window start up to the cursor (the word being typed excluded). */
  tokens: Tok[];
  /** The identifier (or keyword) being typed, up to the cursor; "" if none. */
  prefix: string;
  /** Offset where the word under the cursor starts. */
  wordStart: number;
  /** Offset where the word under the cursor ends (it may continue after the cursor). */
  wordEnd: number;
  /** Inside a comment or a string literal: no completion there. */
  inert: boolean;
  /** Brackets open at the cursor, outermost first. */
  frames: Frame[];
}

const OPEN: Record<string, "(" | "[" | "{"> = { LParen: "(", LBracket: "[", LBrace: "{" };
const CLOSE: Record<string, "(" | "[" | "{"> = { RParen: "(", RBracket: "[", RBrace: "{" };
const DECL_KW: Record<string, FrameKind> = { Contract: "contract", Interface: "interface", Struct: "struct", Enum: "enum" };
const COMPLETE_STRING = /^(?:hex)?"(?:[^"\\\r\n]|\\[^\r\n]?)*"$/;

/**
 * Tokens of `text[windowStart, offset)`. `base` is what the window start
 * opens into ("top" level of a file or the body of a "contract");
 * `isStruct(name)` tells `Name {` (struct literal) from a block.
 */
export function tokenContext(
  text: string,
  windowStart: number,
  offset: number,
  base: FrameKind | "top",
  isStruct: (name: string) => boolean = () => false,
): TokenContext {
  let wordStart = offset;
  while (wordStart > windowStart && /[A-Za-z0-9_]/.test(text[wordStart - 1]!)) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && /[A-Za-z0-9_]/.test(text[wordEnd]!)) wordEnd++;
  const raw = tokenize(text.slice(windowStart, offset));
  const last = raw[raw.length - 1];
  let inert = false;
  if (last && last.end + windowStart === offset) {
    if (last.type === "LineComment" || last.type === "DocComment" || last.type === "UnterminatedBlockComment") inert = true;
    const image = text.slice(last.start + windowStart, last.end + windowStart);
    if ((last.type === "StringLit" || last.type === "BytesLit") && !COMPLETE_STRING.test(image)) inert = true;
  }
  const tokens: Tok[] = [];
  for (const t of raw) {
    if (t.category === "comment") continue;
    const start = t.start + windowStart;
    const end = t.end + windowStart;
    if (start >= wordStart && /^[A-Za-z_]/.test(text[start]!)) continue; // the word being typed
    tokens.push({ type: t.type, category: t.category, start, end, text: text.slice(start, end) });
  }
  const prefix = text.slice(wordStart, offset);
  return { tokens, prefix, wordStart, wordEnd, inert, frames: bracketFrames(tokens, base, isStruct) };
}

function bracketFrames(tokens: Tok[], base: FrameKind | "top", isStruct: (name: string) => boolean): Frame[] {
  const frames: Frame[] = [];
  const top = (): FrameKind | "top" => frames[frames.length - 1]?.kind ?? base;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const opener = OPEN[t.type];
    if (opener) {
      frames.push({ kind: frameKind(tokens, i, opener, top(), isStruct), open: i, commas: 0, argStart: i + 1 });
    } else if (t.type === "Lt" && prev && (prev.text === "map" || prev.text === "truncate" || prev.text === "decode")) {
      frames.push({ kind: "typeArgs", open: i, commas: 0, argStart: i + 1 });
    } else if ((t.type === "Gt" || t.type === "Shr") && frames[frames.length - 1]?.kind === "typeArgs") {
      frames.pop();
      if (t.type === "Shr" && frames[frames.length - 1]?.kind === "typeArgs") frames.pop();
    } else if (CLOSE[t.type]) {
      // Pop to the matching opener (tolerating unbalanced input).
      for (let k = frames.length - 1; k >= 0; k--) {
        const o = tokens[frames[k]!.open]!;
        if (OPEN[o.type] === CLOSE[t.type]) {
          frames.length = k;
          break;
        }
      }
    } else if (t.type === "Comma" && frames.length) {
      const f = frames[frames.length - 1]!;
      f.commas++;
      f.argStart = i + 1;
    } else if (t.type === "Semi") {
      // A statement ended: anything but a block or declaration body left open is abandoned.
      while (frames.length && !["body", "contract", "interface", "struct", "enum", "structLit"].includes(frames[frames.length - 1]!.kind))
        frames.pop();
    }
  }
  return frames;
}

function frameKind(tokens: Tok[], i: number, opener: "(" | "[" | "{", outer: FrameKind | "top", isStruct: (name: string) => boolean): FrameKind {
  const prev = tokens[i - 1];
  const prev2 = tokens[i - 2];
  if (opener === "[") return "index";
  if (opener === "(") {
    if (!prev) return "group";
    if (prev.type === "Init") return "params";
    if (prev.type === "Identifier" && prev2 && (prev2.type === "Fn" || prev2.type === "Event" || prev2.type === "Error")) return "params";
    if (prev.type === "Identifier" || prev.type === "RParen" || prev.type === "Gt" || prev.type === "Shr") return "call";
    return "group";
  }
  if (prev2 && prev && prev.type === "Identifier" && DECL_KW[prev2.type]) return DECL_KW[prev2.type]!;
  if (prev?.type === "ColonColon") return "useList";
  if (outer === "contract" || outer === "interface") return "body";
  if (outer === "body" || outer === "structLit" || outer === "call" || outer === "group" || outer === "index") {
    if (prev?.type === "Identifier" && prev2?.type !== "ColonColon" && isStruct(prev.text) && !headerAbove(tokens, i)) return "structLit";
    return "body";
  }
  return "other";
}

/** Whether the `{` at `i` closes an `if` / `while` / `for` header (then `Name {` starts a block). */
function headerAbove(tokens: Tok[], i: number): boolean {
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k]!;
    if (CLOSE[t.type]) depth++;
    else if (OPEN[t.type]) {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && (t.type === "If" || t.type === "While" || t.type === "For")) return true;
    else if (depth === 0 && t.type === "Semi") return false;
  }
  return false;
}

/** The innermost frame, if any. */
export function innermost(ctx: TokenContext): Frame | undefined {
  return ctx.frames[ctx.frames.length - 1];
}

/** The last significant token before the word being typed. */
export function lastToken(ctx: TokenContext, back = 1): Tok | undefined {
  return ctx.tokens[ctx.tokens.length - back];
}
