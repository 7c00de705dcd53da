// The frame of a system contract written in TypeScript: an ABI built from
// Solidity-style signatures (with the keccak and SM3 selector pair, like a
// compiled contract's), dispatch by selector, argument decoding, gas, and
// FISCO's outcomes — status 15 (precompiled error) with an Error(string)
// revert payload when a method refuses, 12 when gas runs out.
import type { Precompile, PrecompileContext, PrecompileResult } from "../../vm/precompile.ts";
import type { Abi, AbiEntry, AbiParam } from "../../vm/abi/types.ts";
import { decodeParams, encodeParams } from "../../vm/abi/codec.ts";
import { entrySignature, selectorBytes, selectorToNumber } from "../../vm/abi/selector.ts";
import { encodeErrorString } from "../../vm/abi/revert.ts";

/** A method's refusal: status 15 with `message` as Error(string). */
export class Refused extends Error {}

export const STATUS_PRECOMPILED_ERROR = 15;
export const STATUS_OUT_OF_GAS = 12;
export const STATUS_PERMISSION_DENIED = 18;

export interface Method<A extends unknown[] = never[]> {
  /** `name(type name, …) returns (type, …)`, Solidity style; `view` marks a constant method. */
  signature: string;
  /** Gas for this call, from its decoded arguments. */
  gas(args: A, ctx: PrecompileContext): bigint;
  run(args: A, ctx: PrecompileContext): unknown[];
}

function params(list: string): AbiParam[] {
  return list.trim() === ""
    ? []
    : list.split(",").map((p) => {
        const [type, name] = p.trim().split(/\s+/);
        return name ? { name, type: type! } : { type: type! };
      });
}

/** The ABI entry of a signature such as `get(string key) view returns (bool, string)`. */
export function entryOf(signature: string): AbiEntry {
  const m = /^(\w+)\(([^)]*)\)\s*(view)?\s*(?:returns\s*\(([^)]*)\))?$/.exec(signature.trim());
  if (!m) throw new Error(`bad precompile signature: ${signature}`);
  const entry: AbiEntry = { type: "function", name: m[1]!, inputs: params(m[2]!), outputs: params(m[4] ?? ""), constant: m[3] === "view" };
  const sig = entrySignature(entry);
  return { ...entry, selector: [selectorToNumber(selectorBytes(sig, "keccak")), selectorToNumber(selectorBytes(sig, "sm"))] };
}

export class PrecompiledContract implements Precompile {
  readonly abi: Abi;
  private readonly methods: { entry: AbiEntry; method: Method<unknown[]> }[];

  constructor(
    readonly path: string,
    methods: Method<any>[], // eslint-disable-line @typescript-eslint/no-explicit-any -- each method types its own args
  ) {
    this.methods = methods.map((method) => ({ entry: entryOf(method.signature), method }));
    this.abi = this.methods.map((m) => m.entry);
  }

  call(ctx: PrecompileContext): PrecompileResult {
    const fail = (status: number, message: string, gasUsed: bigint): PrecompileResult => ({
      status, output: encodeErrorString(message, ctx.crypto), gasUsed, message: `${this.path}: ${message}`,
    });
    if (ctx.input.length < 4) return fail(STATUS_PRECOMPILED_ERROR, "call data has no 4-byte selector", 0n);
    const sel = selectorToNumber(ctx.input);
    const slot = ctx.crypto === "sm" ? 1 : 0;
    const hit = this.methods.find((m) => m.entry.selector![slot] === sel);
    if (!hit) return fail(STATUS_PRECOMPILED_ERROR, `no method with selector 0x${sel.toString(16).padStart(8, "0")}`, 0n);
    let args: unknown[];
    try {
      args = decodeParams(hit.entry.inputs ?? [], ctx.input.subarray(4), hit.entry.name);
    } catch (e) {
      return fail(STATUS_PRECOMPILED_ERROR, `bad arguments to ${hit.entry.name}: ${(e as Error).message}`, 0n);
    }
    const gas = hit.method.gas(args, ctx);
    if (gas > ctx.gas) return { status: STATUS_OUT_OF_GAS, output: new Uint8Array(), gasUsed: ctx.gas, message: `${this.path}: out of gas` };
    try {
      const out = hit.method.run(args, ctx);
      return { status: 0, output: encodeParams(hit.entry.outputs ?? [], out, hit.entry.name), gasUsed: gas };
    } catch (e) {
      if (e instanceof Refused) return fail(STATUS_PRECOMPILED_ERROR, e.message, gas);
      throw e;
    }
  }
}

/** Gas of hashing `n` bytes: 30 + 6 per 32-byte word (the EVM's SHA3 price). */
export function hashGas(n: number): bigint {
  return 30n + 6n * BigInt(Math.ceil(n / 32));
}
