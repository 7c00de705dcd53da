// SCALE bytes of compile-time constants (docs/abi.md "SCALE encoding of
// Weft types"), for constant map keys in `conflictFields`: the suffix of a
// storage key `name$SCALE(k)` is exactly these bytes. The generated code
// encodes the same values at run time (lower/scale.ts, the support library);
// test/unit/parallel-keys.test.ts checks the two agree.
import type { ConstValue, Type } from "../types/model.ts";

const utf8 = new TextEncoder();

/** SCALE compact encoding of a length. */
export function compactLength(n: number): number[] {
  if (n < 1 << 6) return [n << 2];
  if (n < 1 << 14) return [((n << 2) | 1) & 0xff, n >> 6];
  if (n < 2 ** 30) {
    const v = n * 4 + 2;
    return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  }
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.push(v % 256);
  return [((bytes.length - 4) << 2) | 3, ...bytes];
}

/** Little-endian two's complement of `v` in `width` bytes, or null when it does not fit. */
function intBytes(v: bigint, bits: number, signed: boolean): number[] | null {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (v < min || v > max) return null;
  let u = v < 0n ? v + (1n << BigInt(bits)) : v;
  const out: number[] = [];
  for (let i = 0; i < bits / 8; i++) {
    out.push(Number(u & 0xffn));
    u >>= 8n;
  }
  return out;
}

/** The SCALE encoding of a constant of type `t`, or null when `t` has no constant keys of that shape. */
export function scaleOfConst(value: ConstValue, t: Type): number[] | null {
  switch (t.kind) {
    case "int": {
      if (value.kind !== "int") return null;
      const le = intBytes(value.value, t.bits, t.signed);
      // u256 and i256 are 32 bytes big-endian; every other width little-endian.
      return le && t.bits === 256 ? le.reverse() : le;
    }
    case "bool":
      return value.kind === "bool" ? [value.value ? 1 : 0] : null;
    case "string":
    case "address":
    case "bytes": {
      const raw = value.kind === "string" ? utf8.encode(value.value) : value.kind === "bytes" ? value.value : null;
      return raw ? [...compactLength(raw.length), ...raw] : null;
    }
    case "bytesN":
      return value.kind === "bytes" && value.value.length === t.size ? [...value.value] : null;
    default:
      return null;
  }
}

/** How a constant key reads in explanations: `5`, `"EUR"`, `true`, `hex"00ff"`. */
export function constText(value: ConstValue): string {
  switch (value.kind) {
    case "int":
    case "bool":
      return String(value.value);
    case "string":
      return JSON.stringify(value.value);
    case "bytes":
      return `hex"${[...value.value].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
  }
}
