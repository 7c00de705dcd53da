// Function, error and event identifiers: the first 4 bytes (selectors) or
// all 32 bytes (event topics) of the chain hash — keccak-256 on an ECDSA
// chain, SM3 on an SM chain — of a signature or name (docs/abi.md).
import { keccak_256 } from "@noble/hashes/sha3.js";
import smCrypto from "sm-crypto";

const { sm3 } = smCrypto;

export type Crypto = "keccak" | "sm";

const utf8 = new TextEncoder();

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The chain hash of some bytes (keccak-256 or SM3). */
export function chainHash(data: Uint8Array, crypto: Crypto): Uint8Array {
  if (crypto === "keccak") return keccak_256(data);
  return hexToBytes(sm3(Array.from(data)));
}

/** The selector of `name(types)` as an unsigned 32-bit number read big-endian. */
export function selectorOf(signature: string, crypto: Crypto): number {
  const h = chainHash(utf8.encode(signature), crypto);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

/** The selector as 4 bytes. */
export function selectorBytes(signature: string, crypto: Crypto): Uint8Array {
  return chainHash(utf8.encode(signature), crypto).slice(0, 4);
}

/** `[keccakSelector, sm3Selector]` as FISCO's ABI JSON carries it. */
export function selectorPair(signature: string): [number, number] {
  return [selectorOf(signature, "keccak"), selectorOf(signature, "sm")];
}

/** topic0 of an event: the chain hash of the event name (FISCO's convention). */
export function eventTopic(name: string, crypto: Crypto): Uint8Array {
  return chainHash(utf8.encode(name), crypto);
}
