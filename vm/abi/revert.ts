/** Revert data: Error(string), Panic(uint32) and user errors (docs/abi.md, "Revert data"). */
import type { ChainCrypto } from "../crypto.ts";
import { isVmError } from "../errors.ts";
import { asRecord, decodeParams, encodeParams } from "./codec.ts";
import { concatBytes, toHex } from "./hex.ts";
import { entrySignature, selectorBytes, selectorToNumber } from "./selector.ts";
import type { Abi, AbiEntry } from "./types.ts";
import { findBySelector } from "./calls.ts";

export const PANIC_CODES: Readonly<Record<number, string>> = {
  0x01: "assert failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division or modulo by zero",
  0x21: "invalid enum value",
  0x22: "negative shift amount",
  0x31: "decoding of call data or storage failed",
  0x32: "array index out of bounds",
  0x41: "out of memory",
  0x51: "call to a function selector that does not exist",
  0x52: "reentrant call refused",
};

export const ERROR_SIGNATURE = "Error(string)";
export const PANIC_SIGNATURE = "Panic(uint32)";

export type DecodedRevert =
  | { kind: "error"; message: string }
  | { kind: "panic"; code: number; reason: string }
  | { kind: "custom"; name: string; signature: string; args: unknown; entry: AbiEntry }
  | { kind: "unknown"; selector?: string; data: Uint8Array; problem?: string };

export function encodeErrorString(message: string, crypto: ChainCrypto): Uint8Array {
  return concatBytes(selectorBytes(ERROR_SIGNATURE, crypto), encodeParams([{ type: "string" }], [message]));
}

export function encodePanic(code: number, crypto: ChainCrypto): Uint8Array {
  return concatBytes(selectorBytes(PANIC_SIGNATURE, crypto), encodeParams([{ type: "uint32" }], [code]));
}

/** Never throws: data that cannot be decoded comes back as `kind: "unknown"` with the reason. */
export function decodeRevert(data: Uint8Array, crypto: ChainCrypto, abi?: Abi): DecodedRevert {
  if (data.length < 4) return { kind: "unknown", data, problem: "shorter than a 4-byte selector" };
  const selector = selectorToNumber(data);
  const hex = "0x" + toHex(data.subarray(0, 4));
  const body = data.subarray(4);
  try {
    if (selector === selectorToNumber(selectorBytes(ERROR_SIGNATURE, crypto))) {
      return { kind: "error", message: decodeParams([{ type: "string" }], body)[0] as string };
    }
    if (selector === selectorToNumber(selectorBytes(PANIC_SIGNATURE, crypto))) {
      const code = Number(decodeParams([{ type: "uint32" }], body)[0]);
      return { kind: "panic", code, reason: PANIC_CODES[code] ?? `unknown panic code 0x${code.toString(16)}` };
    }
    const entry = abi && findBySelector(abi, "error", selector, crypto);
    if (entry) {
      const inputs = entry.inputs ?? [];
      const values = decodeParams(inputs, body, entry.name);
      return {
        kind: "custom",
        name: entry.name ?? "",
        signature: entrySignature(entry),
        args: asRecord(inputs.map((i) => i.name ?? ""), values),
        entry,
      };
    }
    return { kind: "unknown", selector: hex, data, problem: "no matching error in the ABI" };
  } catch (e) {
    if (!isVmError(e)) throw e;
    return { kind: "unknown", selector: hex, data, problem: e.message };
  }
}

/** One line for people: `Error: text`, `Panic 0x11 (arithmetic overflow…)`, `E(a, b)`. */
export function describeRevert(d: DecodedRevert): string {
  switch (d.kind) {
    case "error":
      return `Error: ${d.message}`;
    case "panic":
      return `Panic 0x${d.code.toString(16).padStart(2, "0")} (${d.reason})`;
    case "custom":
      return `${d.name}(${JSON.stringify(d.args, (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? "0x" + toHex(v) : v))})`;
    case "unknown":
      return `undecodable revert data 0x${toHex(d.data)}${d.problem ? ` (${d.problem})` : ""}`;
  }
}
