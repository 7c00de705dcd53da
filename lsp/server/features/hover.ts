// Hover: what the name under the cursor is — its declaration as a Weft code
// block (type included), its `///` doc comment, and for state variables the
// storage slot, for public functions the ABI selector (keccak-256 and SM3,
// as compiler/abi computes them) and the storage keys it conflicts on, in
// words (compiler/parallel.ts `describe`, from the effects pass).
import type { Hover, HoverParams } from "vscode-languageserver";
import { selectorPair } from "../../../compiler/abi/selector.ts";
import { describe as describeFootprint } from "../../../compiler/parallel.ts";
import type { FnInfo } from "../../../compiler/types/model.ts";
import type { Span } from "../../../compiler/syntax/ast.ts";
import type { Snapshot } from "../snapshot.ts";
import { symbolAt, type SymbolAt } from "../query.ts";

const BUILTIN_DOCS: Record<string, string> = {
  self: "the current contract: `self.x` is a state variable, `self.f()` a call, `self.address` its address",
  "msg.sender": "`address`: the account or contract that called this function",
  "tx.origin": "`address`: the account that signed the transaction",
  "block.number": "`u64`: the number of the block being executed",
  "block.timestamp": "`u64`: the block's timestamp (milliseconds)",
  "self.address": "`address`: this contract's address",
  msg: "the current call (`msg.sender`)",
  tx: "the current transaction (`tx.origin`)",
  block: "the current block (`block.number`, `block.timestamp`)",
  abi: "ABI encoding: `abi.encode(…)`, `abi.decode<T>(bytes)`",
  require: "`require(cond, message or Error(…))`: reverts when `cond` is false",
  assert: "`assert(cond)`: an internal invariant; reverts when false",
  length: "`u32`: the number of elements (bytes for `string`/`bytes`)",
};

export function hover(snapshot: Snapshot, params: HoverParams): Hover | null {
  const uri = params.textDocument.uri;
  const sym = symbolAt(snapshot, uri, snapshot.offsetAt(uri, params.position));
  if (!sym) return null;
  return { contents: { kind: "markdown", value: hoverText(snapshot, sym) }, range: snapshot.rangeOf(sym.at).range };
}

export function hoverText(snapshot: Snapshot, sym: SymbolAt): string {
  const parts = ["```weft\n" + sym.detail + "\n```"];
  if (sym.kind === "builtin") {
    const doc = BUILTIN_DOCS[sym.name];
    parts.push(doc ? `built-in — ${doc}` : "built-in");
    return parts.join("\n\n");
  }
  if (sym.docs) parts.push(sym.docs);
  const r = sym.record;
  if (r.kind === "state") parts.push(`Storage slot: ${r.info.slot}`);
  if (r.kind === "fn" && r.info.isPublic && !r.info.isInit) parts.push(...publicFnNotes(snapshot, r.info));
  if (r.kind === "error") {
    const [keccak, sm] = selectorPair(r.info.signature);
    parts.push(`Selector: \`${hex(keccak)}\` (keccak-256), \`${hex(sm)}\` (SM3) — \`${r.info.signature}\``);
  }
  return parts.join("\n\n");
}

function hex(n: number): string {
  return "0x" + n.toString(16).padStart(8, "0");
}

function publicFnNotes(snapshot: Snapshot, fn: FnInfo): string[] {
  const [keccak, sm] = selectorPair(fn.signature);
  const out = [`Selector: \`${hex(keccak)}\` (keccak-256), \`${hex(sm)}\` (SM3) — \`${fn.signature}\``];
  const hasErrors = snapshot.analysis.diagnostics.some((d) => d.severity === "error");
  const fp = snapshot.analysis.effects?.get(fn)?.footprint;
  if (fp && !hasErrors && fn.owner.kind === "contract") out.push(`Conflict keys: ${describeFootprint(fn, fp, (s) => where(snapshot, s))}`);
  return out;
}

function where(snapshot: Snapshot, span: Span): string {
  const { uri, range } = snapshot.rangeOf(span);
  const name = uri.slice(uri.lastIndexOf("/") + 1);
  return `${name}:${range.start.line + 1}:${range.start.character + 1}`;
}
