// The system contracts of a node, by path (vm/precompile.ts).
import type { Precompile, PrecompileSet } from "../../vm/precompile.ts";
import { cryptoTools, type CryptoToolsDeps } from "./crypto-tools.ts";
import { kvStorage } from "./kv-storage.ts";
import { systemStatus } from "./status.ts";
import { getSuite } from "../crypto/index.ts";

export { PrecompiledContract, Refused, entryOf } from "./base.ts";
export { SYSTEM_CONFIG, genesisStatus, readConfig } from "./status.ts";
export { TABLE_EXISTS } from "./kv-storage.ts";
export type { CryptoToolsDeps };

/** /sys/crypto_tools's hashing and SM2 verification, from the chain's own suites. */
export function suiteCryptoTools(): CryptoToolsDeps {
  const sm = getSuite("sm");
  const ecdsa = getSuite("ecdsa");
  return {
    keccak256: (b) => ecdsa.hash(b),
    sm3: (b) => sm.hash(b),
    sm2Recover: (digest, sig) => sm.recover(digest, sig),
    sm2Address: (pub) => sm.addressOf(pub),
  };
}

export function systemContracts(deps: CryptoToolsDeps = suiteCryptoTools()): PrecompileSet {
  const all: Precompile[] = [systemStatus(), cryptoTools(deps), kvStorage()];
  return new Map(all.map((p) => [p.path, p]));
}
