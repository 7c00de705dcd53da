// Which program runs the Weft language server, from the `weft.server.*`
// settings and the workspace folders. Kept free of the `vscode` module so
// that tests can call it directly (test/vscode/server-command.test.ts).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface ServerSettings {
  /** `weft.server.command`; empty means "find it". */
  command: string;
  /** `weft.server.args`. */
  args: string[];
}

export interface ServerCommand {
  command: string;
  args: string[];
  /** The folder the server runs in (the first workspace folder), when there is one. */
  cwd?: string;
  /** How the command was chosen, for the output channel. */
  reason: string;
}

/** What the resolver may look at on disk (tests pass their own). */
export interface Disk {
  exists(path: string): boolean;
  read(path: string): string | undefined;
}

export const realDisk: Disk = {
  exists: existsSync,
  read: (path) => {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
};

/**
 * The server command. An explicit `weft.server.command` wins. Otherwise,
 * from each workspace folder up to the file system root: the project's own
 * `node_modules/.bin/weft`, or `cli/bin/weft.js` run with `node` when the
 * folder is the Weft repository itself (package.json named "weft"). Failing
 * both, `weft` on the PATH.
 */
export function resolveServer(
  settings: ServerSettings,
  folders: readonly string[],
  disk: Disk = realDisk,
  platform: NodeJS.Platform = process.platform,
): ServerCommand {
  const cwd = folders[0];
  const at = cwd === undefined ? {} : { cwd };
  const args = [...settings.args];
  const explicit = settings.command.trim();
  if (explicit) return { command: explicit, args, ...at, reason: "the weft.server.command setting" };
  const bin = platform === "win32" ? "weft.cmd" : "weft";
  for (const folder of folders) {
    for (let dir = folder; ; dir = dirname(dir)) {
      const local = join(dir, "node_modules", ".bin", bin);
      if (disk.exists(local)) return { command: local, args, cwd: folder, reason: `the project's weft (${local})` };
      const script = join(dir, "cli", "bin", "weft.js");
      if (disk.exists(script) && isWeftRepository(disk.read(join(dir, "package.json"))))
        return { command: "node", args: [script, ...args], cwd: folder, reason: `the Weft repository's CLI (${script})` };
      if (dirname(dir) === dir) break;
    }
  }
  return { command: bin, args, ...at, reason: "weft on the PATH (no weft in the workspace)" };
}

function isWeftRepository(packageJson: string | undefined): boolean {
  if (packageJson === undefined) return false;
  try {
    return (JSON.parse(packageJson) as { name?: unknown }).name === "weft";
  } catch {
    return false;
  }
}
