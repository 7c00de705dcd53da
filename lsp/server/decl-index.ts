// Every declaration of an analysis by its AST node (→ the compiler's record),
// built once per analysis: the way from "the cursor is on a declaration's
// name" to its `…Info`, and the list document/workspace symbols and
// references walk.
import type * as ast from "../../compiler/syntax/ast.ts";
import type { Analysis } from "../../compiler/analyze.ts";
import type { ContractInfo, InterfaceInfo } from "../../compiler/types/model.ts";
import type { SymbolRecord } from "./symbol-info.ts";

export interface DeclIndex {
  /** The record of a declaration node (Contract, Fn, Init, State, Struct, Enum, …). */
  get(node: ast.Node): SymbolRecord | undefined;
  /** A top-level or contract-level declaration by name, preferring ones in `file`. */
  byName(name: string, file: string): SymbolRecord | undefined;
  /** Every declaration (not locals), in no particular order. */
  all(): SymbolRecord[];
}

const cache = new WeakMap<Analysis, DeclIndex>();

export function moduleRecord(file: ast.SourceFile, name: string): SymbolRecord {
  return { kind: "module", file, name };
}

export function declIndex(analysis: Analysis): DeclIndex {
  const hit = cache.get(analysis);
  if (hit) return hit;
  const byNode = new Map<ast.Node, SymbolRecord>();
  const add = (node: ast.Node, r: SymbolRecord) => {
    if (!byNode.has(node)) byNode.set(node, r);
  };
  const p = analysis.program;
  if (p) {
    const addFns = (owner: ContractInfo | InterfaceInfo) => owner.fns.forEach((f) => add(f.decl, { kind: "fn", info: f }));
    for (const c of p.contracts) {
      add(c.decl, { kind: "contract", info: c });
      c.states.forEach((s) => add(s.decl, { kind: "state", info: s }));
      c.consts.forEach((s) => add(s.decl, { kind: "const", info: s }));
      addFns(c);
      if (c.init) add(c.init.decl, { kind: "fn", info: c.init });
      c.events.forEach((s) => add(s.decl, { kind: "event", info: s }));
      c.errors.forEach((s) => add(s.decl, { kind: "error", info: s }));
      c.structs.forEach((s) => add(s.decl, { kind: "struct", info: s }));
      c.enums.forEach((s) => add(s.decl, { kind: "enum", info: s }));
    }
    for (const i of p.interfaces) {
      add(i.decl, { kind: "interface", info: i });
      addFns(i);
    }
    p.structs.forEach((s) => add(s.decl, { kind: "struct", info: s }));
    p.enums.forEach((s) => add(s.decl, { kind: "enum", info: s }));
    p.events.forEach((s) => add(s.decl, { kind: "event", info: s }));
    p.errors.forEach((s) => add(s.decl, { kind: "error", info: s }));
    p.consts.forEach((s) => add(s.decl, { kind: "const", info: s }));
  }
  const records = [...byNode.values()];
  const index: DeclIndex = {
    get: (node) => byNode.get(node),
    byName(name, file) {
      const named = records.filter((r) => "info" in r && "decl" in r.info && r.info.name === name && r.kind !== "fn");
      return named.find((r) => "info" in r && "decl" in r.info && r.info.decl.span.file === file) ?? named[0];
    },
    all: () => records,
  };
  cache.set(analysis, index);
  return index;
}
