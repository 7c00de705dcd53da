/**
 * An ABI function entry's `conflictFields` read once into a plan: the
 * parameter types (to find arguments in the input) and, per field, how its
 * key's suffix is made. Kinds (FISCO): 0 All, 1 Len, 2 Env, 3 Params,
 * 4 Const, 5 None. Anything malformed makes the entry "all".
 */
import { entrySelector } from "../abi/selector.ts";
import { parseParam, type Abi, type AbiEntry, type AbiType } from "../abi/types.ts";
import type { ChainCrypto } from "../crypto.ts";
import { hashBytes } from "./hash.ts";
import { validPath } from "./scale-walk.ts";

export const ConflictKind = { All: 0, Len: 1, Env: 2, Params: 3, Const: 4, None: 5 } as const;
export const EnvValue = { Caller: 0, Origin: 1, Timestamp: 2, Number: 3, Address: 4 } as const;

export type Field =
  | { kind: "fixed"; slot: number; suffix: Uint8Array; suffixHash: number; readOnly: boolean }
  | { kind: "env"; slot: number; which: number; readOnly: boolean }
  | { kind: "param"; slot: number; path: number[]; readOnly: boolean };

export interface Plan {
  types: AbiType[];
  fields: Field[];
  /** hashes of (contract, slot) per field, for the contract planned for last */
  lastTo?: string;
  prefixHashes?: number[];
}

export function findEntry(abi: Abi, selector: number, crypto: ChainCrypto): AbiEntry | undefined {
  for (const e of abi) {
    if (e.type !== "function") continue;
    try {
      if (entrySelector(e, crypto) === selector) return e;
    } catch {
      // a malformed entry matches nothing
    }
  }
  return undefined;
}

function fixed(slot: number, suffix: Uint8Array, readOnly: boolean): Field {
  return { kind: "fixed", slot, suffix, suffixHash: hashBytes(suffix, 0, suffix.length), readOnly };
}

/** An entry's fields as a plan, or "all" when it cannot be bounded (or is malformed). */
export function compilePlan(entry: AbiEntry): Plan | "all" {
  const list = entry.conflictFields;
  if (!Array.isArray(list) || list.length === 0) return "all";
  let types: AbiType[];
  try {
    types = (entry.inputs ?? []).map(parseParam);
  } catch {
    return "all";
  }
  const fields: Field[] = [];
  for (const raw of list as unknown[]) {
    if (!raw || typeof raw !== "object") return "all";
    const { kind, value, slot, read_only } = raw as { kind?: unknown; value?: unknown; slot?: unknown; read_only?: unknown };
    if (!Number.isInteger(slot) || (slot as number) < 0) return "all";
    const values = value === undefined ? [] : value;
    if (!Array.isArray(values) || !values.every((v) => Number.isInteger(v))) return "all";
    const nums = values as number[];
    const readOnly = read_only === true;
    const s = slot as number;
    switch (kind) {
      case ConflictKind.Len:
        fields.push(fixed(s, new Uint8Array(0), readOnly));
        break;
      case ConflictKind.Env:
        if (nums.length !== 1 || nums[0]! < 0 || nums[0]! > 4) return "all";
        fields.push({ kind: "env", slot: s, which: nums[0]!, readOnly });
        break;
      case ConflictKind.Params:
        if (!validPath(types, nums)) return "all";
        fields.push({ kind: "param", slot: s, path: nums, readOnly });
        break;
      case ConflictKind.Const:
        if (!nums.every((b) => b >= 0 && b <= 255)) return "all";
        fields.push(fixed(s, Uint8Array.from(nums), readOnly));
        break;
      case ConflictKind.None:
        break;
      default: // kind 0 (All) or unknown
        return "all";
    }
  }
  return { types, fields };
}
