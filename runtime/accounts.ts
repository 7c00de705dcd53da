// Accounts and addresses as FISCO BCOS derives them, for callers that name
// the chain by its hash the way the compiler does ("keccak" | "sm"): an
// ECDSA chain uses secp256k1 keys and keccak-256, an SM chain SM2 keys and
// SM3. The work is done by the crypto suites (runtime/crypto/).
//
// Named test accounts derive their private keys from their names, so a test
// chain is the same on every machine.
import type { Crypto } from "../compiler/abi/index.ts";
import { suiteOfHash } from "./crypto/index.ts";
import { addressOf as addressOfKey, checksumAddress as checksum } from "./crypto/address.ts";

export { toHex, fromHex } from "./crypto/bytes.ts";

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

/** The public key (64 bytes, uncompressed, no prefix) for a private key. */
export function publicKeyOf(privateKey: Uint8Array, crypto: Crypto): Uint8Array {
  return suiteOfHash(crypto).publicKeyOf(privateKey);
}

/** Checksummed address (EIP-55 letter case, computed with the chain hash). */
export function checksumAddress(hex40: string, crypto: Crypto): string {
  return checksum(hex40, crypto);
}

export function addressOf(publicKey: Uint8Array, crypto: Crypto): string {
  return addressOfKey(publicKey, crypto);
}

/** A deterministic test account: its private key is the chain hash of "weft test account <name>". */
export function testAccount(name: string, crypto: Crypto): Account {
  const suite = suiteOfHash(crypto);
  let privateKey = suite.hash(utf8.encode(`weft test account ${name}`));
  // Both curves' orders are just below 2^256; a hash that is not a valid key
  // is astronomically unlikely, but rehash until the key is valid rather
  // than assume it.
  while (!suite.isValidPrivateKey(privateKey)) privateKey = suite.hash(privateKey);
  const publicKey = suite.publicKeyOf(privateKey);
  return { name, address: suite.addressOf(publicKey), privateKey, publicKey };
}

/** The names every test chain starts with, in this order. */
export const TEST_ACCOUNT_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"] as const;
