/**
 * ABI-driven SCALE encoding of plain JS values (docs/abi.md, "SCALE encoding
 * of Weft types"). Integers decode to bigint; bytes to Uint8Array; structs
 * to objects keyed by component name (arrays when a component is unnamed).
 */
import { VmError } from "../errors.ts";
import { fromHex } from "./hex.ts";
import { ScaleReader, ScaleWriter } from "./scale.ts";
import { minSize, parseParam, type AbiParam, type AbiType } from "./types.ts";

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true });

function bad(path: string, expected: string, v: unknown): never {
  const shown = typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? "an array" : v instanceof Uint8Array ? "a Uint8Array" : String(v);
  throw new VmError("ABI_BAD_VALUE", `${path}: expected ${expected}, got ${shown}`);
}

export function toBigInt(v: unknown, path: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) bad(path, "an integer (a safe-integer number or a bigint)", v);
    return BigInt(v);
  }
  // JSON callers (the CLI, web apps) write big integers as text: decimal or 0x-hex, nothing else.
  if (typeof v === "string" && /^(-?(0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$/.test(v)) return BigInt(v);
  return bad(path, "an integer (bigint, number, or decimal or 0x-hex text)", v);
}

export function toBytes(v: unknown, path: string): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === "string" && /^0x/i.test(v)) {
    try {
      return fromHex(v);
    } catch {
      bad(path, "bytes (a Uint8Array or 0x-hex)", v);
    }
  }
  return bad(path, "bytes (a Uint8Array or 0x-hex)", v);
}

export function intRange(t: { kind: "uint" | "int"; bits: number }): [bigint, bigint] {
  const b = BigInt(t.bits);
  return t.kind === "uint" ? [0n, (1n << b) - 1n] : [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n];
}

export function encodeValue(w: ScaleWriter, t: AbiType, v: unknown, path: string): void {
  switch (t.kind) {
    case "bool":
      if (typeof v !== "boolean") bad(path, "a boolean", v);
      w.byte(v ? 1 : 0);
      return;
    case "uint":
    case "int": {
      const n = toBigInt(v, path);
      const [lo, hi] = intRange(t);
      if (n < lo || n > hi) throw new VmError("ABI_OUT_OF_RANGE", `${path}: ${n} does not fit ${t.kind}${t.bits} [${lo}, ${hi}]`);
      if (t.bits === 256) w.intBE(n, 32);
      else w.intLE(n, t.bits / 8);
      return;
    }
    case "string":
      if (typeof v !== "string") bad(path, "a string", v);
      w.lengthPrefixed(utf8.encode(v));
      return;
    case "bytes":
      w.lengthPrefixed(toBytes(v, path));
      return;
    case "fixedBytes": {
      const b = toBytes(v, path);
      if (b.length !== t.size) throw new VmError("ABI_BAD_VALUE", `${path}: bytes${t.size} needs exactly ${t.size} bytes, got ${b.length}`);
      w.bytes(b);
      return;
    }
    case "array": {
      if (!Array.isArray(v)) bad(path, "an array", v);
      if (t.length !== undefined && v.length !== t.length) {
        throw new VmError("ABI_BAD_VALUE", `${path}: fixed array needs exactly ${t.length} elements, got ${v.length}`);
      }
      if (t.length === undefined) w.compact(v.length);
      v.forEach((x, i) => encodeValue(w, t.item, x, `${path}[${i}]`));
      return;
    }
    case "tuple":
      encodeFields(w, t.fields, v, path);
      return;
  }
}

function encodeFields(w: ScaleWriter, fields: { name: string; type: AbiType }[], v: unknown, path: string): void {
  if (Array.isArray(v)) {
    if (v.length !== fields.length) throw new VmError("ABI_BAD_VALUE", `${path}: expected ${fields.length} values, got ${v.length}`);
    fields.forEach((f, i) => encodeValue(w, f.type, v[i], `${path}.${f.name || i}`));
    return;
  }
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) bad(path, "an object or an array of fields", v);
  const obj = v as Record<string, unknown>;
  const names = new Set(fields.map((f) => f.name));
  for (const k of Object.keys(obj)) {
    if (!names.has(k)) throw new VmError("ABI_BAD_VALUE", `${path}: unknown field "${k}" (fields: ${[...names].join(", ")})`);
  }
  for (const f of fields) {
    if (!(f.name in obj)) throw new VmError("ABI_BAD_VALUE", `${path}: missing field "${f.name}"`);
    encodeValue(w, f.type, obj[f.name], `${path}.${f.name}`);
  }
}

export function decodeValue(r: ScaleReader, t: AbiType, path: string): unknown {
  switch (t.kind) {
    case "bool": {
      const at = r.pos;
      const b = r.byte();
      if (b > 1) throw new VmError("SCALE_BAD_BOOL", `${path}: bool byte ${b} at byte ${at} (must be 0 or 1)`);
      return b === 1;
    }
    case "uint":
    case "int": {
      const raw = t.bits === 256 ? r.uintBE(32) : r.uintLE(t.bits / 8);
      return t.kind === "int" ? BigInt.asIntN(t.bits, raw) : raw;
    }
    case "string": {
      const at = r.pos;
      const b = r.take(r.length());
      try {
        return utf8Strict.decode(b);
      } catch {
        throw new VmError("SCALE_BAD_UTF8", `${path}: string at byte ${at} is not valid UTF-8`);
      }
    }
    case "bytes":
      return r.take(r.length()).slice();
    case "fixedBytes":
      return r.take(t.size).slice();
    case "array": {
      const n = t.length ?? r.length(minSize(t.item));
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(decodeValue(r, t.item, `${path}[${i}]`));
      return out;
    }
    case "tuple": {
      const values = t.fields.map((f, i) => decodeValue(r, f.type, `${path}.${f.name || i}`));
      return asRecord(t.fields.map((f) => f.name), values);
    }
  }
}

/** An object keyed by the names when they are all present and distinct, else the array. */
export function asRecord(names: string[], values: unknown[]): unknown {
  if (names.some((n) => !n) || new Set(names).size !== names.length) return values;
  const out: Record<string, unknown> = {};
  names.forEach((n, i) => (out[n] = values[i]));
  return out;
}

/** SCALE of a parameter list; `values` is an array in order or an object keyed by parameter name. */
export function encodeParams(params: readonly AbiParam[], values: unknown, what = "arguments"): Uint8Array {
  const w = new ScaleWriter();
  encodeFields(w, params.map((p, i) => ({ name: p.name || String(i), type: parseParam(p) })), values, what);
  return w.finish();
}

/** Decode exactly a parameter list (no trailing bytes), as an array in order. */
export function decodeParams(params: readonly AbiParam[], bytes: Uint8Array, what = "values"): unknown[] {
  const r = new ScaleReader(bytes);
  const out = params.map((p, i) => decodeValue(r, parseParam(p), `${what}.${p.name || i}`));
  r.finish();
  return out;
}

/** SCALE of one value of the given type string (components for tuples). */
export function encodeAs(param: AbiParam, value: unknown): Uint8Array {
  const w = new ScaleWriter();
  encodeValue(w, parseParam(param), value, param.name || "value");
  return w.finish();
}

export function decodeAs(param: AbiParam, bytes: Uint8Array): unknown {
  const r = new ScaleReader(bytes);
  const v = decodeValue(r, parseParam(param), param.name || "value");
  r.finish();
  return v;
}
