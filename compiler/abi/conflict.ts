// FISCO `conflictFields` of a function entry from its footprint (effects
// pass; docs/conflict-fields.md): kind 0 All (runs alone), 1 Len (the state
// variable as a whole), 2 Env, 3 Params, 4 Const, 5 None (touches no
// storage). Key fields come sorted by slot, kind and value, one per key, with
// `read_only` when the function only reads it.
import type { Footprint } from "../effects/footprint.ts";
import { keyKind, keyValue } from "../effects/keys.ts";
import type { ConflictField } from "./abi.ts";

export const ALL: ConflictField = { kind: 0, value: [], slot: 0 };
export const NONE: ConflictField = { kind: 5, value: [], slot: 0 };

export function conflictFields(fp: Footprint): ConflictField[] {
  if (fp.kind === "all") return [{ ...ALL }];
  if (fp.uses.length === 0) return [{ ...NONE }];
  return fp.uses.map((u) => ({ kind: keyKind(u.key), value: [...keyValue(u.key)], slot: u.state.slot, read_only: !u.write }));
}
