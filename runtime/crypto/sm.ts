// The sm suite: SM2 signatures (sm2.ts) with SM3 hashes, in FISCO's
// r ‖ s ‖ public key form (128 bytes). "Recovery" reads the key the
// signature carries and returns it only if the signature verifies with it.
import { addressOf } from "./address.ts";
import { concatBytes, isBytes } from "./bytes.ts";
import { sm3 } from "./hash.ts";
import { isValidSm2PrivateKey, sm2PublicKeyOf, sm2Sign, sm2Verify } from "./sm2.ts";
import type { KeyedSuite, KeyPair } from "./suite.ts";
import { randomBytes } from "node:crypto";

function generateKeyPair(): KeyPair {
  for (;;) {
    const privateKey = new Uint8Array(randomBytes(32));
    if (isValidSm2PrivateKey(privateKey)) return { privateKey, publicKey: sm2PublicKeyOf(privateKey) };
  }
}

function sign(digest: Uint8Array, privateKey: Uint8Array): Uint8Array {
  if (!isBytes(digest, 32)) throw new Error("sm: the digest to sign must be 32 bytes");
  const publicKey = sm2PublicKeyOf(privateKey);
  return concatBytes(sm2Sign(digest, privateKey, publicKey), publicKey);
}

function recover(digest: Uint8Array, signature: Uint8Array): Uint8Array | null {
  if (!isBytes(digest, 32) || !isBytes(signature, 128)) return null;
  const publicKey = signature.slice(64);
  return sm2Verify(digest, signature.subarray(0, 64), publicKey) ? publicKey : null;
}

export const smSuite: KeyedSuite = {
  name: "sm",
  hashName: "sm",
  hash: (data) => sm3(data),
  generateKeyPair,
  publicKeyOf: sm2PublicKeyOf,
  isValidPrivateKey: isValidSm2PrivateKey,
  addressOf: (publicKey) => addressOf(publicKey, "sm"),
  sign,
  recover,
};
