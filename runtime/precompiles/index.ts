// The system contracts of a node, by path (vm/precompile.ts).
import type { Precompile, PrecompileSet } from "../../vm/precompile.ts";
import { cryptoTools, type CryptoToolsDeps } from "./crypto-tools.ts";
import { kvStorage } from "./kv-storage.ts";
import { systemStatus } from "./status.ts";

export { PrecompiledContract, Refused, entryOf } from "./base.ts";
export { SYSTEM_CONFIG, genesisStatus, readConfig } from "./status.ts";
export { TABLE_EXISTS } from "./kv-storage.ts";
export type { CryptoToolsDeps };

export function systemContracts(deps: CryptoToolsDeps): PrecompileSet {
  const all: Precompile[] = [systemStatus(), cryptoTools(deps), kvStorage()];
  return new Map(all.map((p) => [p.path, p]));
}
