/** The chain's hash function (keccak-256 or SM3) and FISCO's checksummed account form. */
import { keccak_256 } from "@noble/hashes/sha3.js";
import smCrypto from "sm-crypto";
import { fromHex, toHex } from "./abi/hex.ts";

/** 'keccak': a keccak-256 chain (hash_type 0); 'sm': an SM3 chain (hash_type 1). */
export type ChainCrypto = "keccak" | "sm";

export function hashTypeOf(crypto: ChainCrypto): number {
  return crypto === "sm" ? 1 : 0;
}

export function chainHash(crypto: ChainCrypto, data: Uint8Array): Uint8Array {
  if (crypto === "sm") return fromHex(smCrypto.sm3(data));
  return keccak_256(data);
}

const utf8 = new TextEncoder();

export function chainHashText(crypto: ChainCrypto, text: string): Uint8Array {
  return chainHash(crypto, utf8.encode(text));
}

const HEX40 = /^(0x)?[0-9a-fA-F]{40}$/;

export function isAccountAddress(s: string): boolean {
  return HEX40.test(s);
}

/**
 * The 40-character account form FISCO's Wasm host hands to contracts
 * (bcos-wasm fbei.rs `checksum_address`): lowercase hex, with each letter
 * upper-cased where the matching nibble of chainHash(lowercase hex) is ≥ 8.
 */
export function checksumAddress(address: string, crypto: ChainCrypto): string {
  if (!isAccountAddress(address)) throw new TypeError(`not a 40-hex-digit account address: ${address}`);
  const lower = address.replace(/^0x/, "").toLowerCase();
  const hash = toHex(chainHashText(crypto, lower));
  let out = "";
  for (let i = 0; i < 40; i++) {
    const c = lower[i]!;
    out += parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out;
}
