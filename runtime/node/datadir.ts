// The node's folder: node.json (suite, chain and group ids; fixed when the
// chain is created), node.key (the sealer's private key, hex, 0600) and db/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ChainError } from "../chain/errors.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { getSuite } from "../crypto/index.ts";
import { suiteCryptoTools, type CryptoToolsDeps } from "../precompiles/index.ts";

export interface NodeConfig {
  crypto: "ecdsa" | "sm";
  chainId: string;
  groupId: string;
  cryptoTools: CryptoToolsDeps;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function openDataDir(options: { dataDir: string; crypto?: "ecdsa" | "sm"; chainId?: string; groupId?: string }): {
  suite: CryptoSuite;
  config: NodeConfig;
  sealerKey: Uint8Array;
  dbDir: string;
} {
  const dir = options.dataDir;
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, "node.json");
  const keyFile = join(dir, "node.key");
  let saved: { crypto: "ecdsa" | "sm"; chainId: string; groupId: string };
  if (existsSync(configFile)) {
    try {
      saved = JSON.parse(readFileSync(configFile, "utf8")) as typeof saved;
      if ((saved.crypto !== "ecdsa" && saved.crypto !== "sm") || !ID.test(saved.chainId) || !ID.test(saved.groupId)) throw new Error("bad fields");
    } catch (e) {
      throw new ChainError("STORE_CORRUPT", `${configFile} is damaged (${(e as Error).message}); it records the chain's suite and ids`);
    }
    for (const k of ["crypto", "chainId", "groupId"] as const) {
      if (options[k] !== undefined && options[k] !== saved[k]) {
        throw new ChainError("BAD_ARGUMENT", `the chain in ${dir} has ${k} "${saved[k]}", not "${options[k]}"`);
      }
    }
  } else {
    saved = { crypto: options.crypto ?? "ecdsa", chainId: options.chainId ?? "chain0", groupId: options.groupId ?? "group0" };
    if (saved.crypto !== "ecdsa" && saved.crypto !== "sm") throw new ChainError("BAD_ARGUMENT", `crypto must be ecdsa or sm, not "${String(saved.crypto)}"`);
    for (const k of ["chainId", "groupId"] as const) {
      if (!ID.test(saved[k])) throw new ChainError("BAD_ARGUMENT", `${k} "${saved[k]}": use 1-64 letters, digits, _ or -`);
    }
  }
  const suite = getSuite(saved.crypto);
  let sealerKey: Uint8Array;
  if (existsSync(keyFile)) {
    const text = readFileSync(keyFile, "utf8").trim();
    if (!/^[0-9a-f]{64}$/i.test(text)) throw new ChainError("STORE_CORRUPT", `${keyFile} does not hold a 32-byte hex private key`);
    sealerKey = new Uint8Array(Buffer.from(text, "hex"));
  } else {
    sealerKey = suite.generateKeyPair().privateKey;
    writeFileSync(keyFile, Buffer.from(sealerKey).toString("hex") + "\n", { mode: 0o600 });
  }
  if (!existsSync(configFile)) writeFileSync(configFile, JSON.stringify(saved, null, 2) + "\n");
  return { suite, config: { ...saved, cryptoTools: suiteCryptoTools() }, sealerKey, dbDir: join(dir, "db") };
}
