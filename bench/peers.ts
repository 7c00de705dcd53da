// Installs the comparison peers on first use, each folder with its own
// package.json (bench/peers: solc-js; bench/peers-node: Hardhat's node), so
// that they never enter the main lockfile, and loads them from there.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const peersDir = fileURLToPath(new URL("./peers/", import.meta.url));
export const peersNodeDir = fileURLToPath(new URL("./peers-node/", import.meta.url));

/**
 * Runs `npm install` in `dir` (no lockfile) unless every package in `names`
 * is there already; false if the install fails or leaves one missing.
 */
export function ensurePeers(dir: string, names: string[]): boolean {
  const missing = () => names.filter((n) => !existsSync(join(dir, "node_modules", n, "package.json")));
  if (missing().length === 0) return true;
  process.stderr.write(`installing comparison peers in ${dir} (${missing().join(", ")}) …\n`);
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: dir, stdio: "inherit" });
  return r.status === 0 && missing().length === 0;
}

/** Loads a package installed in `dir` (CommonJS require from there); null if it cannot be had. */
export function requirePeer<T>(dir: string, name: string): T | null {
  if (!ensurePeers(dir, [name])) return null;
  try {
    return createRequire(join(dir, "package.json"))(name) as T;
  } catch {
    return null;
  }
}

/** Loads a package of bench/peers, installing it first if needed; null if it cannot be had. */
export function loadPeer<T>(name: string): T | null {
  return requirePeer<T>(peersDir, name);
}
