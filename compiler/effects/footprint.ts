// The storage footprint of each function: which state variables it reads
// and writes and, for maps, under which keys — in terms the scheduler knows
// before running the call (parameters, environment, constants; keys.ts).
// This becomes the ABI's `conflictFields` (docs/conflict-fields.md).
//
// Key scheme (docs/abi.md "Storage keys", the lead's contract): a map entry
// and everything under it (nested maps, struct fields, arrays) shares the key
// (slot, SCALE(first index)); any other variable — scalar, struct (also the
// maps inside it), array — is one key, the slot itself (Len). Internal calls
// are followed by substituting the caller's arguments for the callee's
// parameters (a fixpoint, so recursion is fine). A function runs alone (All)
// when a key is not expressible or it calls another contract.
import type * as ast from "../syntax/ast.ts";
import type { FnInfo, StateInfo, TypedProgram } from "../types/model.ts";
import { KeyScope, keyKind, keyValue, type KeySource } from "./keys.ts";
import { add, Collector, useId, type Facts, type Site } from "./collect.ts";

export interface KeyUse {
  state: StateInfo;
  /** null: the state variable as a whole (FISCO Len). */
  key: KeySource | null;
  /** Written (or removed, pushed, popped) on some path; false: only read. */
  write: boolean;
}

/** Why a function cannot be bounded: `why`, `what` (e.g. `Oracle.get`), where, and the internal calls it was found through. */
export interface RunsAlone {
  why: string;
  what?: string;
  span: ast.Span;
  via: FnInfo[];
}

export type Footprint = { kind: "keys"; uses: KeyUse[] } | { kind: "all"; reason: RunsAlone };

/** By slot, then kind, then value (element-wise, a prefix first). */
export function compareUses(a: KeyUse, b: KeyUse): number {
  if (a.state.slot !== b.state.slot) return a.state.slot - b.state.slot;
  if (keyKind(a.key) !== keyKind(b.key)) return keyKind(a.key) - keyKind(b.key);
  const va = keyValue(a.key);
  const vb = keyValue(b.key);
  for (let i = 0; i < Math.min(va.length, vb.length); i++) if (va[i] !== vb[i]) return va[i]! - vb[i]!;
  return va.length - vb.length;
}

/** A callee's use in the caller's terms: its parameters replaced by the caller's arguments. */
function substitute(u: KeyUse, site: Site, caller: Facts): KeyUse | RunsAlone {
  if (u.key?.kind !== "param") return u;
  const [index, ...comp] = u.key.path;
  const arg = site.args[index!];
  const r = arg ? caller.scope.resolve(arg, comp) : { kind: "unknown" as const, why: "is missing" };
  if (r.kind !== "unknown") return { ...u, key: r };
  const param = site.fn.params[index!]?.name ?? `#${index}`;
  return { why: `the key of \`${u.state.name}\` in \`${site.fn.name}\` is its parameter \`${param}\`, whose argument ${r.why}`, span: arg?.span ?? site.span, via: [] };
}

/** Footprints of the given functions (with bodies), closed over the internal calls between them. */
export function computeFootprints(program: TypedProgram, fns: FnInfo[]): Map<FnInfo, Footprint> {
  const facts = new Map<FnInfo, Facts>();
  for (const fn of fns) {
    if (!fn.decl.body) continue;
    const f: Facts = { scope: new KeyScope(program, fn), uses: new Map(), sites: [], alone: null };
    new Collector(program, f).block(fn.decl.body);
    facts.set(fn, f);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const f of facts.values()) {
      for (const site of f.sites) {
        if (f.alone) break;
        const callee = facts.get(site.fn);
        if (!callee) f.alone = { why: `calls \`${site.fn.name}\`, whose body is not known`, span: site.span, via: [] };
        else if (callee.alone) f.alone = { ...callee.alone, via: [site.fn, ...callee.alone.via] };
        else
          for (const u of [...callee.uses.values()]) {
            const s = substitute(u, site, f);
            if ("why" in s) f.alone = s;
            else if (add(f, s)) changed = true;
            if (f.alone) break;
          }
        if (f.alone) changed = true; // set just now: the loop breaks on it next time
      }
    }
  }
  const out = new Map<FnInfo, Footprint>();
  for (const [fn, f] of facts) {
    if (f.alone) {
      out.set(fn, { kind: "all", reason: f.alone });
      continue;
    }
    // Merge reads and writes of the same key: read-only only if every use reads.
    const merged = new Map<string, KeyUse>();
    for (const u of f.uses.values()) {
      const id = useId({ ...u, write: false });
      const m = merged.get(id);
      merged.set(id, m ? { ...m, write: m.write || u.write } : { ...u });
    }
    out.set(fn, { kind: "keys", uses: [...merged.values()].sort(compareUses) });
  }
  return out;
}
