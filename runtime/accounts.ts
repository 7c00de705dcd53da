// Accounts and addresses as FISCO BCOS derives them: an ECDSA chain uses
// secp256k1 keys and the last 20 bytes of keccak-256(public key); an SM chain
// uses SM2 keys and SM3. Addresses are written as 40 hex characters with a
// checksum in the letter case computed with the chain hash (EIP-55's scheme),
// which is what `bcos.getCaller` hands a contract.
//
// Named test accounts derive their private keys from their names, so a test
// chain is the same on every machine.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import smCrypto from "sm-crypto";
import { chainHash, type Crypto } from "../compiler/abi/index.ts";

const utf8 = new TextEncoder();

export interface Account {
  /** The name a test chain knows it by. */
  name: string;
  /** 40 hex characters, checksummed with the chain hash. */
  address: string;
  privateKey: Uint8Array;
  /** Uncompressed public key without the 0x04 prefix (64 bytes). */
  publicKey: Uint8Array;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}

export function fromHex(h: string): Uint8Array {
  const s = h.startsWith("0x") ? h.slice(2) : h;
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error(`not a hex string: ${h}`);
  return new Uint8Array(Buffer.from(s, "hex"));
}

/** The public key (64 bytes, uncompressed, no prefix) for a private key. */
export function publicKeyOf(privateKey: Uint8Array, crypto: Crypto): Uint8Array {
  if (crypto === "keccak") return secp256k1.getPublicKey(privateKey, false).slice(1);
  return fromHex(smCrypto.sm2.getPublicKeyFromPrivateKey(toHex(privateKey))).slice(1);
}

/** Checksummed address (EIP-55 letter case, computed with the chain hash). */
export function checksumAddress(hex40: string, crypto: Crypto): string {
  const lower = hex40.toLowerCase().replace(/^0x/, "");
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new Error(`not a 20-byte hex address: ${hex40}`);
  const h = toHex(chainHash(utf8.encode(lower), crypto));
  let out = "";
  for (let i = 0; i < 40; i++) out += parseInt(h[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  return out;
}

export function addressOf(publicKey: Uint8Array, crypto: Crypto): string {
  return checksumAddress(toHex(chainHash(publicKey, crypto).slice(12)), crypto);
}

/** A deterministic test account: its private key is the chain hash of "weft test account <name>". */
export function testAccount(name: string, crypto: Crypto): Account {
  let privateKey = chainHash(utf8.encode(`weft test account ${name}`), crypto);
  // Both curves' orders are just below 2^256; a hash above the order is astronomically unlikely,
  // but rehash until the key is valid rather than assume it.
  while (!validPrivateKey(privateKey, crypto)) privateKey = chainHash(privateKey, crypto);
  const publicKey = publicKeyOf(privateKey, crypto);
  return { name, address: addressOf(publicKey, crypto), privateKey, publicKey };
}

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

function validPrivateKey(k: Uint8Array, crypto: Crypto): boolean {
  const v = BigInt("0x" + toHex(k));
  return v > 0n && v < (crypto === "keccak" ? SECP256K1_N : SM2_N);
}

/** The names every test chain starts with, in this order. */
export const TEST_ACCOUNT_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"] as const;
