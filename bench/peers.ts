// Installs the comparison peers (bench/peers/package.json) on first use, so
// that they never enter the main lockfile, and loads them from there.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const peersDir = fileURLToPath(new URL("./peers/", import.meta.url));

/** Loads a peer package, installing bench/peers first if needed; null if it cannot be had. */
export function loadPeer<T>(name: string): T | null {
  if (!existsSync(join(peersDir, "node_modules", name))) {
    process.stderr.write(`installing comparison peers in bench/peers (${name}) …\n`);
    const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: peersDir, stdio: "inherit" });
    if (r.status !== 0) return null;
  }
  try {
    return createRequire(join(peersDir, "package.json"))(name) as T;
  } catch {
    return null;
  }
}
