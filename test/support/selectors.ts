// Expected selectors, computed independently of the build (first 4 bytes of
// the hash of the signature, big-endian).
import { keccak_256 } from "@noble/hashes/sha3.js";
import smCrypto from "sm-crypto";

const enc = (s: string) => new TextEncoder().encode(s);
const sel = (d: Uint8Array) => new DataView(d.buffer, d.byteOffset, 4).getUint32(0, false);

export const keccakSel = (sig: string): number => sel(keccak_256(enc(sig)));
export const sm3Sel = (sig: string): number => sel(Buffer.from(smCrypto.sm3(Array.from(enc(sig))), "hex"));

export const PANIC_KECCAK = keccakSel("Panic(uint32)");
export const PANIC_SM3 = sm3Sel("Panic(uint32)");
export const ERROR_KECCAK = keccakSel("Error(string)");
export const ERROR_SM3 = sm3Sel("Error(string)");
