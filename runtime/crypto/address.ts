// Addresses as FISCO BCOS derives them: the last 20 bytes of the chain hash
// (keccak-256 or SM3) of the 64-byte public key, written as 40 hex
// characters with a checksum in the letter case computed with the chain
// hash (EIP-55's scheme), which is what `bcos.getCaller` hands a contract.
import { toHex } from "./bytes.ts";
import { keccak256, sm3 } from "./hash.ts";

export type HashName = "keccak" | "sm";

const utf8 = new TextEncoder();

export function chainHashOf(hash: HashName): (data: Uint8Array) => Uint8Array {
  return hash === "keccak" ? keccak256 : (d) => sm3(d);
}

/** Checksummed address (EIP-55 letter case, computed with the chain hash). */
export function checksumAddress(hex40: string, hash: HashName): string {
  const lower = hex40.toLowerCase().replace(/^0x/, "");
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new Error(`not a 20-byte hex address: ${hex40}`);
  const h = toHex(chainHashOf(hash)(utf8.encode(lower)));
  let out = "";
  for (let i = 0; i < 40; i++) out += parseInt(h[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  return out;
}

/** The checksummed address of a 64-byte public key (x ‖ y). */
export function addressOf(publicKey: Uint8Array, hash: HashName): string {
  return checksumAddress(toHex(chainHashOf(hash)(publicKey).subarray(12)), hash);
}
