// textDocument/completion: context-aware and working on broken code. The
// structure around the cursor (contract, function, locals declared before
// the cursor) comes from the snapshot's AST; what is being typed right now
// comes from the tokens of a small window before the cursor (scope-tokens):
// after `.` members of the receiver's type, after `::` modules, variants and
// nested declarations, after `emit` events, after `revert` and in
// `require(c, ` errors, in type positions types, else keywords and snippets
// for the level (file, contract, statement) plus the names in scope.
// Nothing is re-analysed per request; right after an edit completion may
// answer from the last snapshot and the current text (completion-stale.ts).
import { CompletionItemKind, type CompletionItem, type CompletionParams } from "vscode-languageserver";
import type { Analysis } from "../../../compiler/analyze.ts";
import { typeToString } from "../../../compiler/types/model.ts";
import type { Snapshot } from "../snapshot.ts";
import type { Sym } from "./scope.ts";
import { cursorAt, type Cursor } from "./scope-cursor.ts";
import { innermost, lastToken, type TokenContext } from "./scope-tokens.ts";
import { membersOf, receiverBefore, type TypeEnv } from "./scope-types.ts";
import {
  builtinItems,
  CONTRACT_KEYWORDS,
  CONTRACT_SNIPPETS,
  EXPRESSION_KEYWORDS,
  keywordItems,
  localItem,
  memberItem,
  STATEMENT_KEYWORDS,
  STATEMENT_SNIPPETS,
  symbolItem,
  TOP_KEYWORDS,
  TOP_SNIPPETS,
  typeItems,
} from "./completion-items.ts";
import { pathBefore, pathItems, useListItems } from "./completion-paths.ts";

export function completion(snapshot: Snapshot, params: CompletionParams): CompletionItem[] {
  const c = cursorAt(snapshot, params.textDocument.uri, params.position);
  return c ? completionAt(snapshot.analysis, c) : [];
}

/** The items at a cursor (from the current snapshot, or the last one: completion-stale.ts). */
export function completionAt(analysis: Analysis, c: Cursor): CompletionItem[] {
  if (c.ctx.inert || /^[0-9]/.test(c.ctx.prefix)) return [];
  return itemsFor(analysis, c);
}

function itemsFor(analysis: Analysis, c: Cursor): CompletionItem[] {
  const { ctx, env, symbols, contract } = c;
  const last = lastToken(ctx);
  const frame = innermost(ctx);
  const level = frame?.kind ?? c.loc.base;

  if (last?.type === "Dot") {
    const r = receiverBefore(ctx.tokens, ctx.tokens.length - 1, env);
    return r ? membersOf(r, contract, typeToString).map(memberItem) : [];
  }
  if (level === "useList") {
    const segs = pathBefore(ctx.tokens, frame!.open - 1);
    const listed = new Set(ctx.tokens.slice(frame!.open + 1).map((t) => t.text));
    return segs ? useListItems(analysis, segs).filter((i) => !listed.has(i.label)) : [];
  }
  if (last?.type === "ColonColon") {
    const segs = pathBefore(ctx.tokens, ctx.tokens.length - 1);
    return segs ? pathItems(analysis, segs, symbols) : [];
  }
  if (last && NAMING.has(last.type)) return last.type === "Let" ? keywordItems(["mut"]) : [];
  if (last?.type === "Use") return [{ label: "std", kind: CompletionItemKind.Module, detail: "the standard library" }];
  if (last?.type === "Emit") return symbols.filter((s) => s.kind === "event").map(symbolItem);
  if (last?.type === "Revert") return symbols.filter((s) => s.kind === "error").map(symbolItem);
  if (frame?.kind === "call" && frame.commas === 1 && frame.argStart === ctx.tokens.length && ctx.tokens[frame.open - 1]?.text === "require")
    return symbols.filter((s) => s.kind === "error").map(symbolItem);
  if (isTypePosition(ctx, level)) return typeItems(symbols);

  switch (level) {
    case "top":
      return [...keywordItems(TOP_KEYWORDS), ...TOP_SNIPPETS];
    case "contract":
      return afterModifier(ctx) ?? [...keywordItems(CONTRACT_KEYWORDS), ...CONTRACT_SNIPPETS];
    case "interface":
      return afterModifier(ctx) ?? keywordItems(["fn", "view", "reentrant"]);
    case "struct":
    case "enum":
      return [];
    case "params":
      return ctx.tokens[frame!.open - 2]?.type === "Event" && atListStart(ctx) ? keywordItems(["indexed"]) : [];
    case "structLit":
      return last?.type === "Colon" ? valueItems(env, symbols) : fieldNames(ctx, symbols);
    case "body":
      if (!last || ["LBrace", "RBrace", "Semi"].includes(last.type))
        return [...keywordItems(STATEMENT_KEYWORDS), ...STATEMENT_SNIPPETS, ...valueItems(env, symbols)];
      return valueItems(env, symbols);
    default:
      return valueItems(env, symbols);
  }
}

/** Keywords followed by a new name: nothing to complete there (`let` may still take `mut`). */
const NAMING = new Set(["Let", "Mut", "Fn", "State", "Const", "Struct", "Enum", "Contract", "Interface", "For", "Event", "Error"]);

/** `x: T` in declarations, `-> T`, `as T`, and `map<…>` / `truncate<…>` / `abi.decode<…>` arguments. */
function isTypePosition(ctx: TokenContext, level: string): boolean {
  const last = lastToken(ctx);
  if (!last) return false;
  if (level === "typeArgs") return last.type === "Lt" || last.type === "Comma" || last.type === "LParen";
  if (last.type === "Arrow" || last.type === "As") return true;
  if (last.type === "LBracket" && lastToken(ctx, 2)?.type === "Colon") return false;
  return last.type === "Colon" && level !== "structLit";
}

/** After `pub` / `view` / `reentrant` at contract level: only what may follow. */
function afterModifier(ctx: TokenContext): CompletionItem[] | null {
  const last = lastToken(ctx)?.type;
  if (last === "Pub") return keywordItems(["fn", "view", "reentrant"]);
  if (last === "View" || last === "Reentrant") return keywordItems(["fn"]);
  return null;
}

function atListStart(ctx: TokenContext): boolean {
  const f = innermost(ctx)!;
  return f.argStart === ctx.tokens.length;
}

/** Field names of the struct being written in `Name { … }`. */
function fieldNames(ctx: TokenContext, symbols: Sym[]): CompletionItem[] {
  const f = innermost(ctx)!;
  const name = ctx.tokens[f.open - 1]?.text;
  const s = symbols.find((x) => x.name === name);
  if (s?.kind !== "struct") return [];
  return s.info.fields.map((x) => ({ label: x.name, kind: CompletionItemKind.Field, detail: typeToString(x.type) }));
}

/** Everything that can start an expression: locals, `self`, built-ins, constants, functions, types usable as values. */
function valueItems(env: TypeEnv, symbols: Sym[]): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const [name, l] of env.locals) out.push(localItem(name, l));
  out.push(...keywordItems(EXPRESSION_KEYWORDS), ...builtinItems());
  for (const f of env.contract?.fns ?? []) out.push(symbolItem({ kind: "fn", name: f.name, info: f }));
  for (const s of symbols) if (s.kind !== "event" && s.kind !== "error") out.push(symbolItem(s));
  return out;
}
