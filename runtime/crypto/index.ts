// runtime/crypto: the chain's two crypto suites (suite.ts says what a suite
// is). getSuite is the entry point; the rest is for tests and tools.
import { ecdsaSuite } from "./ecdsa.ts";
import { smSuite } from "./sm.ts";
import type { KeyedSuite, SuiteName } from "./suite.ts";

export type { CryptoSuite, KeyedSuite, KeyPair, SuiteName } from "./suite.ts";
export { addressOf, checksumAddress, type HashName } from "./address.ts";

export function getSuite(name: SuiteName): KeyedSuite {
  if (name === "ecdsa") return ecdsaSuite;
  if (name === "sm") return smSuite;
  throw new Error(`unknown crypto suite \`${String(name)}\` (ecdsa or sm)`);
}

/** The suite whose hash the compiler calls `hash` ("keccak" → ecdsa, "sm" → sm). */
export function suiteOfHash(hash: "keccak" | "sm"): KeyedSuite {
  return hash === "keccak" ? ecdsaSuite : smSuite;
}
