/**
 * Where arguments lie in SCALE call data, without decoding them: the
 * scheduler needs the bytes of an argument (or of a component of a tuple
 * argument) as they appear in the input, and whether the input is well
 * formed at all. Every function returns -1 / null for input that does not
 * decode (truncated, a non-canonical or oversized length, a bool byte
 * other than 0 or 1, trailing bytes).
 */
import type { AbiType } from "../abi/types.ts";
import { minSize } from "../abi/types.ts";

/** The compact length at b[pos]: [value, position after it], or null. Lengths ≥ 2^30 never fit an input. */
function compactLength(b: Uint8Array, pos: number): [number, number] | null {
  const first = b[pos];
  if (first === undefined) return null;
  switch (first & 3) {
    case 0:
      return [first >> 2, pos + 1];
    case 1: {
      if (pos + 2 > b.length) return null;
      const v = (first | (b[pos + 1]! << 8)) >>> 2;
      return v < 64 ? null : [v, pos + 2];
    }
    case 2: {
      if (pos + 4 > b.length) return null;
      const v = (first | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 2;
      return v < 1 << 14 ? null : [v, pos + 4];
    }
    default:
      return null;
  }
}

/** The position just after one value of type t starting at pos, or -1. */
export function skipValue(b: Uint8Array, pos: number, t: AbiType): number {
  switch (t.kind) {
    case "bool": {
      const v = b[pos];
      return v === 0 || v === 1 ? pos + 1 : -1;
    }
    case "uint":
    case "int":
      return pos + t.bits / 8 <= b.length ? pos + t.bits / 8 : -1;
    case "fixedBytes":
      return pos + t.size <= b.length ? pos + t.size : -1;
    case "string":
    case "bytes": {
      const c = compactLength(b, pos);
      if (c === null || c[1] + c[0] > b.length) return -1;
      return c[1] + c[0];
    }
    case "array": {
      let n = t.length;
      if (n === undefined) {
        const c = compactLength(b, pos);
        if (c === null) return -1;
        [n, pos] = c;
        if (n * minSize(t.item) > b.length - pos) return -1;
      }
      for (let i = 0; i < n && pos >= 0; i++) pos = skipValue(b, pos, t.item);
      return pos;
    }
    case "tuple": {
      const fields = t.fields;
      for (let i = 0; i < fields.length && pos >= 0; i++) pos = skipValue(b, pos, fields[i]!.type);
      return pos;
    }
  }
}

/**
 * Where each of `types` starts in b[from..]: n + 1 positions (the last is
 * the end), or null if the values do not decode or leave bytes over.
 */
export function paramStarts(b: Uint8Array, from: number, types: readonly AbiType[], out: number[]): number[] | null {
  out.length = types.length + 1;
  let pos = from;
  for (let i = 0; i < types.length; i++) {
    out[i] = pos;
    pos = skipValue(b, pos, types[i]!);
    if (pos < 0) return null;
  }
  if (pos !== b.length) return null;
  out[types.length] = pos;
  return out;
}

/**
 * The byte range [start, end) of the value at `path` (parameter index, then
 * component indices into tuples), given the parameters' start positions;
 * null if the path does not name a value of these types.
 */
export function rangeAt(b: Uint8Array, types: readonly AbiType[], starts: readonly number[], path: readonly number[]): [number, number] | null {
  const top = path[0]!;
  if (top >= types.length) return null;
  let t = types[top]!;
  let start = starts[top]!;
  let end = starts[top + 1]!;
  for (let d = 1; d < path.length; d++) {
    if (t.kind !== "tuple") return null;
    const at = path[d]!;
    if (at >= t.fields.length) return null;
    let pos = start;
    for (let f = 0; f < at; f++) pos = skipValue(b, pos, t.fields[f]!.type);
    t = t.fields[at]!.type;
    start = pos;
    end = skipValue(b, pos, t);
  }
  return [start, end];
}

/** Whether `path` names a value of these parameter types (checked once per ABI entry). */
export function validPath(types: readonly AbiType[], path: readonly number[]): boolean {
  if (path.length === 0) return false;
  let fields: readonly { type: AbiType }[] = types.map((type) => ({ type }));
  for (const i of path) {
    if (!Number.isInteger(i) || i < 0 || i >= fields.length) return false;
    const t: AbiType = fields[i]!.type;
    fields = t.kind === "tuple" ? t.fields : [];
  }
  return true;
}
