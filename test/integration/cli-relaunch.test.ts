// `weft node` starts itself again with NODE_HEAP_FLAGS (cli/bin/relaunch.js):
// the process that serves has the flag and is the launcher's child; SIGINT
// to the launcher stops the node cleanly; after SIGKILL to the launcher the
// node stops on its own; a semi-space size the user chose, or
// WEFT_NO_RELAUNCH=1, means no relaunch.
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { NODE_HEAP_FLAGS, needsRelaunch } from "../../cli/bin/relaunch.js";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";

const weft = new URL("../../cli/bin/weft.js", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "weft-cli-relaunch-"));
const proc = existsSync("/proc/self/cmdline");
/** Launchers and nodes started here, by pid: killed at the end even when a test fails or times out. */
const pids = new Set<number>();
afterAll(() => {
  for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

/** The environment without anything that would change the decision under test. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e = { ...process.env, ...extra };
  for (const k of ["NODE_OPTIONS", "WEFT_NO_RELAUNCH", "WEFT_PARENT_PID"]) if (!(k in extra)) delete e[k];
  return e;
}

/** A zombie (exited, not yet reaped by whoever adopted it) counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (!proc) return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

interface Started {
  launcher: ChildProcess;
  /** stdout so far (the launcher's and the node's: the same pipe). */
  output: () => string;
  /** The first line that `ready` accepted. */
  ready: string;
  /** The launcher's exit, once every process holding its stdout has gone. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `group`: the launcher leads a process group of its own, as in a terminal, so a test can signal the group. */
async function start(args: string[], opts: { env?: NodeJS.ProcessEnv; nodeFlags?: string[]; ready?: RegExp; group?: boolean } = {}): Promise<Started> {
  const launcher = spawn(process.execPath, [...(opts.nodeFlags ?? []), weft, "node", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: opts.env ?? env(),
    detached: opts.group ?? false,
  });
  pids.add(launcher.pid!);
  let text = "";
  let err = "";
  launcher.stderr!.on("data", (b: Buffer) => void (err += b.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => launcher.once("close", (code, signal) => r({ code, signal })));
  const ready = await new Promise<string>((resolve, reject) => {
    createInterface({ input: launcher.stdout! }).on("line", (l) => {
      text += l + "\n";
      if ((opts.ready ?? /^\{/).test(l)) resolve(l);
    });
    void closed.then(({ code }) => reject(new Error(`weft node exited with ${code}: ${text}${err}`)));
  });
  return { launcher, output: () => text, ready, closed };
}

/** `--json` mode: where it listens and the pid of the process that serves. */
async function startJson(data: string, opts: Parameters<typeof start>[1] = {}) {
  const s = await start(["--data", data, "--port", "0", "--json"], opts);
  const info = JSON.parse(s.ready) as { url: string; pid: number; blockNumber: number };
  pids.add(info.pid);
  return { ...s, info };
}

async function blockNumber(url: string): Promise<number> {
  const res = await fetch(url, { method: "POST", body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getBlockNumber", params: ["group0", ""] }) });
  return ((await res.json()) as { result: number }).result;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("weft node relaunches itself with a larger young generation", () => {
  it("is what bench:parallel and the help name: the same flags", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["bench:parallel"]!.split(" ")).toEqual(expect.arrayContaining([...NODE_HEAP_FLAGS]));
    let help = "";
    const io: Io = { out: (t) => void (help += t), err: (t) => void (help += t), color: false, cwd: process.cwd() };
    expect(await main(["node", "--help"], io)).toBe(0);
    for (const flag of NODE_HEAP_FLAGS) expect(help).toContain(flag);
  });

  it("decides: only `weft node`, and only when no semi-space size was chosen", () => {
    const argv = ["node", "weft.js", "node", "--port", "0"];
    expect(needsRelaunch(argv, [], {})).toBe(true);
    expect(needsRelaunch(["node", "weft.js", "build", "x.weft"], [], {})).toBe(false);
    expect(needsRelaunch(argv, ["--max_semi_space_size=8"], {})).toBe(false);
    expect(needsRelaunch(argv, [], { NODE_OPTIONS: "--max-old-space-size=4096 --max-semi-space-size=32" })).toBe(false);
    expect(needsRelaunch(argv, [], { WEFT_NO_RELAUNCH: "1" })).toBe(false);
    expect(needsRelaunch(argv, [...NODE_HEAP_FLAGS], {})).toBe(false);
    expect(needsRelaunch(argv, [], { WEFT_PARENT_PID: "1" })).toBe(false); // the relaunched process, whatever its flags
  });

  it("serves from a child process that has the flags", async () => {
    const node = await startJson(join(tmp, "flags"));
    expect(node.info.pid).not.toBe(node.launcher.pid);
    if (proc) {
      expect(readFileSync(`/proc/${node.info.pid}/cmdline`, "utf8").split("\0")).toEqual(expect.arrayContaining([...NODE_HEAP_FLAGS]));
      const [, ppid, pgrp] = readFileSync(`/proc/${node.info.pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ").map(Number);
      expect(ppid).toBe(node.launcher.pid);
      // a process group of its own: a terminal's Ctrl-C reaches it only through the launcher
      expect(pgrp).toBe(node.info.pid);
    }
    node.launcher.kill("SIGINT");
    expect(await node.closed).toEqual({ code: 0, signal: null });
  }, 60_000);

  // Ctrl-C at a terminal signals the foreground process group: the node must
  // get SIGINT once (from the launcher), or it takes the second as "stop now".
  it("stops cleanly on Ctrl-C (SIGINT to the launcher's group): the folder reopens at the block it stopped at", async () => {
    const data = join(tmp, "sigint");
    const node = await start(["--data", data, "--port", "0", "--empty-blocks", "20"], { ready: /^\s+http\s/, group: true });
    const url = /http\s+(\S+)/.exec(node.ready)![1]!;
    while ((await blockNumber(url)) < 2) await sleep(20);
    process.kill(-node.launcher.pid!, "SIGINT");
    expect(await node.closed).toEqual({ code: 0, signal: null });
    const stoppedAt = Number(/stopped at block (\d+)/.exec(node.output())?.[1]);
    expect(stoppedAt).toBeGreaterThanOrEqual(2);
    const again = await startJson(data);
    expect(again.info.blockNumber).toBe(stoppedAt);
    again.launcher.kill("SIGINT");
    expect((await again.closed).code).toBe(0);
  }, 60_000);

  it("stops on its own when the launcher is killed with SIGKILL", async () => {
    const data = join(tmp, "sigkill");
    const node = await startJson(data);
    node.launcher.kill("SIGKILL");
    while (alive(node.info.pid)) await sleep(100); // the test's timeout is the only clock
    // it let go of the folder
    const again = await startJson(data);
    again.launcher.kill("SIGINT");
    expect((await again.closed).code).toBe(0);
  }, 60_000);

  it("ends with the node's exit code, or 128 + the signal that ended it", async () => {
    const bad = spawn(process.execPath, [weft, "node", "--port", "70000"], { stdio: ["ignore", "ignore", "pipe"], env: env() });
    let err = "";
    bad.stderr!.on("data", (b: Buffer) => void (err += b.toString()));
    expect(await new Promise((r) => bad.once("close", r))).toBe(2);
    expect(err).toMatch(/--port must be at most 65535/);
    // the node has no SIGHUP handler: the forwarded signal ends it
    const node = await startJson(join(tmp, "sighup"));
    node.launcher.kill("SIGHUP");
    expect(await node.closed).toEqual({ code: 128 + 1, signal: null });
    expect(alive(node.info.pid)).toBe(false);
  }, 60_000);

  it.each([
    ["NODE_OPTIONS sets a semi-space size", { env: env({ NODE_OPTIONS: "--max-semi-space-size=32" }) }],
    ["node's own options set one", { nodeFlags: ["--max-semi-space-size=16"] }],
    ["WEFT_NO_RELAUNCH=1", { env: env({ WEFT_NO_RELAUNCH: "1" }) }],
  ])("does not relaunch when %s", async (_, opts) => {
    const node = await startJson(join(tmp, "no-relaunch"), opts);
    expect(node.info.pid).toBe(node.launcher.pid);
    node.launcher.kill("SIGINT");
    expect(await node.closed).toEqual({ code: 0, signal: null });
  }, 60_000);

  it("says what went wrong when the node process cannot start", async () => {
    const script = `import { relaunch } from ${JSON.stringify(new URL("../../cli/bin/relaunch.js", import.meta.url).href)}; relaunch("/nonexistent/node");`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"], env: env() });
    let err = "";
    child.stderr!.on("data", (b: Buffer) => void (err += b.toString()));
    const code = await new Promise((r) => child.once("close", r));
    expect(code).toBe(1);
    expect(err).toMatch(/^error: weft node: cannot start \/nonexistent\/node: .*ENOENT.*\n\(set WEFT_NO_RELAUNCH=1 to run the node in this process\)\n$/);
  }, 60_000);
});
