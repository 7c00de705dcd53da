/** Signatures and 4-byte selectors: chainHash(`name(type1,type2,…)`)[0..4]. */
import { chainHashText, type ChainCrypto } from "../crypto.ts";
import { VmError } from "../errors.ts";
import { canonicalType, parseParam, type AbiEntry, type AbiParam } from "./types.ts";

export function signatureOf(name: string, params: readonly AbiParam[] = []): string {
  return `${name}(${params.map((p) => canonicalType(parseParam(p))).join(",")})`;
}

export function entrySignature(entry: AbiEntry): string {
  if (!entry.name) throw new VmError("ABI_BAD_ENTRY", `ABI ${entry.type} entry has no name`);
  return signatureOf(entry.name, entry.inputs ?? []);
}

/** The 4 selector bytes of a signature. */
export function selectorBytes(signature: string, crypto: ChainCrypto): Uint8Array {
  return chainHashText(crypto, signature).slice(0, 4);
}

export function selectorToNumber(b: Uint8Array): number {
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

export function numberToSelector(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/**
 * An entry's selector for this chain: the ABI's `selector[0]` (keccak) or
 * `selector[1]` (SM3) when present, else computed from the signature.
 */
export function entrySelector(entry: AbiEntry, crypto: ChainCrypto): number {
  const given = entry.selector?.[crypto === "sm" ? 1 : 0];
  if (typeof given === "number" && Number.isInteger(given) && given >= 0 && given <= 0xffffffff) return given;
  return selectorToNumber(selectorBytes(entrySignature(entry), crypto));
}
