/**
 * ABI JSON as plain data (docs/abi.md), and the parsed form of its type
 * strings that the codec works from.
 */
import { VmError } from "../errors.ts";

export interface AbiParam {
  name?: string;
  type: string;
  internalType?: string;
  components?: readonly AbiParam[];
  indexed?: boolean;
}

export interface AbiEntry {
  type: string; // "function" | "constructor" | "event" | "error" | …
  name?: string;
  inputs?: readonly AbiParam[];
  outputs?: readonly AbiParam[];
  constant?: boolean;
  stateMutability?: string;
  /** [keccakSelector, sm3Selector], each the 4 selector bytes read big-endian */
  selector?: readonly number[];
  reentrant?: boolean;
  anonymous?: boolean;
  conflictFields?: readonly unknown[];
}

export type Abi = readonly AbiEntry[];

export type AbiType =
  | { kind: "bool" }
  | { kind: "uint" | "int"; bits: number }
  | { kind: "string" }
  | { kind: "bytes" }
  | { kind: "fixedBytes"; size: number }
  | { kind: "array"; item: AbiType; length?: number }
  | { kind: "tuple"; fields: { name: string; type: AbiType }[] };

const INT_BITS = new Set([8, 16, 32, 64, 128, 256]);

export function parseParam(p: AbiParam): AbiType {
  if (!p || typeof p.type !== "string") throw new VmError("ABI_BAD_ENTRY", `ABI parameter without a type: ${JSON.stringify(p)}`);
  return parseType(p.type, p);
}

function parseType(type: string, p: AbiParam): AbiType {
  const arr = /^(.*)\[(\d*)\]$/.exec(type);
  if (arr) {
    const item = parseType(arr[1]!, p);
    if (arr[2] === "") return { kind: "array", item };
    const length = Number(arr[2]);
    if (!Number.isSafeInteger(length)) throw new VmError("ABI_BAD_TYPE", `array length too large in ${type}`);
    return { kind: "array", item, length };
  }
  if (type === "bool") return { kind: "bool" };
  if (type === "string" || type === "address") return { kind: "string" };
  if (type === "bytes") return { kind: "bytes" };
  if (type === "tuple") {
    if (!Array.isArray(p.components)) throw new VmError("ABI_BAD_ENTRY", `tuple parameter ${p.name ?? ""} has no components`);
    return { kind: "tuple", fields: p.components.map((c) => ({ name: c.name ?? "", type: parseParam(c) })) };
  }
  const int = /^(u?)int(\d*)$/.exec(type);
  if (int) {
    const bits = int[2] === "" ? 256 : Number(int[2]);
    if (!INT_BITS.has(bits)) throw new VmError("ABI_BAD_TYPE", `${type}: SCALE integers are 8, 16, 32, 64, 128 or 256 bits wide`);
    return { kind: int[1] ? "uint" : "int", bits };
  }
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    const size = Number(fixed[1]);
    if (size < 1 || size > 32) throw new VmError("ABI_BAD_TYPE", `${type}: bytesN needs 1 ≤ N ≤ 32`);
    return { kind: "fixedBytes", size };
  }
  throw new VmError("ABI_BAD_TYPE", `unknown ABI type "${type}"`);
}

/** The type as written in a signature: `uint256`, `string` for addresses, `(t1,t2)[]` for tuples. */
export function canonicalType(t: AbiType): string {
  switch (t.kind) {
    case "bool":
    case "string":
    case "bytes":
      return t.kind;
    case "uint":
    case "int":
      return `${t.kind}${t.bits}`;
    case "fixedBytes":
      return `bytes${t.size}`;
    case "array":
      return `${canonicalType(t.item)}[${t.length ?? ""}]`;
    case "tuple":
      return `(${t.fields.map((f) => canonicalType(f.type)).join(",")})`;
  }
}

/** The fewest bytes one value of this type can take in SCALE. */
export function minSize(t: AbiType): number {
  switch (t.kind) {
    case "bool":
    case "string":
    case "bytes":
      return 1;
    case "uint":
    case "int":
      return t.bits / 8;
    case "fixedBytes":
      return t.size;
    case "array":
      return t.length === undefined ? 1 : t.length * minSize(t.item);
    case "tuple":
      return t.fields.reduce((n, f) => n + minSize(f.type), 0);
  }
}
