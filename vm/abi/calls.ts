/** Call data, constructor arguments, outputs and the deploy input (docs/abi.md, "Calls and deployment"). */
import type { ChainCrypto } from "../crypto.ts";
import { VmError } from "../errors.ts";
import { decodeParams, encodeParams } from "./codec.ts";
import { concatBytes, toHex } from "./hex.ts";
import { ScaleReader, ScaleWriter } from "./scale.ts";
import { entrySelector, entrySignature, numberToSelector, selectorToNumber } from "./selector.ts";
import type { Abi, AbiEntry } from "./types.ts";

/** A function by name, or by signature `name(t1,t2)` when the name is overloaded. */
export function findFunction(abi: Abi, nameOrSignature: string): AbiEntry {
  const fns = abi.filter((e) => e.type === "function");
  if (nameOrSignature.includes("(")) {
    const hit = fns.find((e) => entrySignature(e) === nameOrSignature);
    if (hit) return hit;
  } else {
    const hits = fns.filter((e) => e.name === nameOrSignature);
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) {
      throw new VmError("ABI_NOT_FOUND", `"${nameOrSignature}" is overloaded; use one of: ${hits.map(entrySignature).join(", ")}`);
    }
  }
  throw new VmError("ABI_NOT_FOUND", `no function "${nameOrSignature}" in the ABI`);
}

export function findBySelector(abi: Abi, type: "function" | "error", selector: number, crypto: ChainCrypto): AbiEntry | undefined {
  return abi.find((e) => e.type === type && entrySelector(e, crypto) === selector);
}

/** selector ‖ SCALE(args); args in order, or an object keyed by parameter name. */
export function encodeCall(fn: AbiEntry, args: unknown, crypto: ChainCrypto): Uint8Array {
  if (fn.type !== "function") throw new VmError("ABI_BAD_ENTRY", `encodeCall needs a function entry, got ${fn.type}`);
  const body = encodeParams(fn.inputs ?? [], args, fn.name ?? "arguments");
  return concatBytes(numberToSelector(entrySelector(fn, crypto)), body);
}

/** Decode call data back to the function and its arguments. */
export function decodeCall(abi: Abi, input: Uint8Array, crypto: ChainCrypto): { fn: AbiEntry; args: unknown[] } {
  if (input.length < 4) throw new VmError("SCALE_EOF", `call data of ${input.length} bytes has no 4-byte selector`);
  const sel = selectorToNumber(input);
  const fn = findBySelector(abi, "function", sel, crypto);
  if (!fn) throw new VmError("ABI_NOT_FOUND", `no function with selector 0x${toHex(input.subarray(0, 4))}`);
  return { fn, args: decodeParams(fn.inputs ?? [], input.subarray(4), fn.name) };
}

/** SCALE of the constructor arguments (no selector). An ABI without a constructor takes none. */
export function encodeConstructorArgs(abi: Abi, args: unknown = []): Uint8Array {
  const ctor = abi.find((e) => e.type === "constructor");
  return encodeParams(ctor?.inputs ?? [], args, "constructor");
}

/** A function's return values, in order (an empty array for unit). */
export function decodeOutput(fn: AbiEntry, output: Uint8Array): unknown[] {
  return decodeParams(fn.outputs ?? [], output, `${fn.name ?? "function"} output`);
}

/** FISCO's deploy input: SCALE (bytes code, bytes ctorArgs). */
export function encodeDeployInput(code: Uint8Array, ctorArgs: Uint8Array): Uint8Array {
  const w = new ScaleWriter();
  w.lengthPrefixed(code);
  w.lengthPrefixed(ctorArgs);
  return w.finish();
}

export function decodeDeployInput(input: Uint8Array): { code: Uint8Array; ctorArgs: Uint8Array } {
  const r = new ScaleReader(input);
  const code = r.take(r.length()).slice();
  const ctorArgs = r.take(r.length()).slice();
  r.finish();
  return { code, ctorArgs };
}
