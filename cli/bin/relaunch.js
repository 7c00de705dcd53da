// `weft node` runs in a second process, started with NODE_HEAP_FLAGS (V8
// heap settings that keep block execution fast, below). Plain JS: this runs
// before tsx's loader is registered, and the launcher never loads it (it
// stays a small process that only waits).
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";

/**
 * Measured 2026-11-23: with V8's defaults the node's serial block execution
 * often fell into a state where each scavenge promoted ~26 MB of a block's
 * short-lived objects to the old space and the process took a minor page
 * fault about every 3 transactions, running at ~200k TPS ±20% instead of
 * ~330k. Allocation-site pretenuring sets that state off (it decides, from
 * one unlucky scavenge, to allocate a site's objects in the old space): with
 * it off, 7 of 7 runs stayed fast; 64 MB semi-spaces alone made the state
 * rarer (scavenges come less often) but not gone. V8 reads these flags only
 * when the process starts (`v8.setFlagsFromString` later has no effect),
 * hence the relaunch.
 */
export const NODE_HEAP_FLAGS = Object.freeze(["--max-semi-space-size=64", "--no-allocation-site-pretenuring"]);

const WEFT_JS = fileURLToPath(new URL("./weft.js", import.meta.url));
/** V8 accepts `_` for `-` in flag names. */
const SEMI_SPACE = /--max[-_]semi[-_]space[-_]size/;

/**
 * Only `weft node`, only when the user has not chosen a semi-space size
 * (on the command line or in NODE_OPTIONS: their choice wins), not with
 * WEFT_NO_RELAUNCH=1, and never in the relaunched process (WEFT_PARENT_PID
 * set): one relaunch, whatever its flags.
 */
export function needsRelaunch(argv = process.argv, execArgv = process.execArgv, env = process.env) {
  return (
    argv[2] === "node" &&
    env.WEFT_NO_RELAUNCH !== "1" &&
    env.WEFT_PARENT_PID === undefined &&
    !execArgv.some((a) => SEMI_SPACE.test(a)) &&
    !SEMI_SPACE.test(env.NODE_OPTIONS ?? "")
  );
}

/** Starts `weft node` again with NODE_HEAP_FLAGS and stays as its launcher until it exits. */
export function relaunch(execPath = process.execPath) {
  const posix = process.platform !== "win32";
  const child = spawn(execPath, [...process.execArgv, ...NODE_HEAP_FLAGS, WEFT_JS, ...process.argv.slice(2)], {
    stdio: "inherit",
    // A process group of its own: a terminal's Ctrl-C reaches only this
    // launcher, which passes it on once (the node takes a second SIGINT as
    // "stop now", cli/commands/node.ts).
    detached: posix,
    // The node watches this pid and stops if the launcher dies without passing a signal on (SIGKILL).
    env: { ...process.env, WEFT_PARENT_PID: String(process.pid) },
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    // On Windows the console delivers Ctrl-C to the child itself, and kill() would end it at once: only stay alive.
    process.on(signal, () => void (posix && child.kill(signal)));
  }
  child.once("error", (e) => {
    process.stderr.write(`error: weft node: cannot start ${execPath}: ${e.message}\n(set WEFT_NO_RELAUNCH=1 to run the node in this process)\n`);
    process.exit(1);
  });
  child.once("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}
