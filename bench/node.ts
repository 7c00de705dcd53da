// `npm run bench:node`: N (20,000) signed token transfers over JSON-RPC to
// `weft node` on LevelDB, once per crypto suite, and in the same run the same
// workload on Hardhat 2's node (EDR) with the equivalent Solidity ERC-20,
// installed on demand in bench/peers-node. Prints transactions per second
// (N / (last receipt − first submission)) and p50/p99 latency from
// submission to the block notification, and the ratio Weft / Hardhat.
// Checks that every transfer succeeded and the balances moved; times
// nothing it asserts. The pieces are in bench/node/.
//
// Environment: N (transfers, default 20000), LANES (HTTP connections,
// default 4), WINDOW (most transactions submitted and not yet in a block,
// default 4000), SUITES (default "ecdsa,sm"), HARDHAT (how Hardhat mines,
// each a run: "auto" or an interval in ms; default "100,auto"; "none" skips
// it), PROFILE=dir (a V8 CPU profile of each Weft node process in dir).
import { resolve } from "node:path";
import { table } from "./stats.ts";
import type { Figures } from "./node/drive.ts";
import { hardhatLabel, runHardhat } from "./node/hardhat.ts";
import { runWeft } from "./node/weft.ts";

const N = Number(process.env.N ?? 20_000);
const LANES = Number(process.env.LANES ?? 4);
const WINDOW = Number(process.env.WINDOW ?? 4_000);
const SUITES = (process.env.SUITES ?? "ecdsa,sm").split(",") as ("ecdsa" | "sm")[];
const TARGET = 2_000;
const drive = { window: WINDOW, stallMs: 60_000 };

const weft = new Map<string, Figures | Error>();
for (const suite of SUITES) {
  process.stderr.write(`weft ${suite}: ${N} transfers …\n`);
  weft.set(suite, await runWeft(suite, N, { ...drive, lanes: LANES, ...(process.env.PROFILE ? { profileDir: resolve(process.env.PROFILE) } : {}) }).catch((e: Error) => e));
}
const modes = (process.env.HARDHAT ?? "100,auto").split(",").filter((m) => m !== "none").map((m) => (m === "auto" ? 0 : Number(m)));
const hardhat = new Map<number, Figures | string>();
for (const interval of modes) {
  process.stderr.write(`${hardhatLabel(interval)}: ${N} transfers …\n`);
  hardhat.set(interval, await runHardhat(N, LANES, interval, drive));
}
const peers = [...hardhat].filter((e): e is [number, Figures] => typeof e[1] !== "string");

const ms = (x: number) => x.toFixed(x < 100 ? 1 : 0);
const cpu = (f: Figures) => (f.cpu ? `${f.cpu.process.toFixed(2)} (${f.cpu.main.toFixed(2)})` : "?");
const row = (label: string, f: Figures) => [label, f.tps.toFixed(0), ms(f.p50), ms(f.p99), String(f.blocks), f.seconds.toFixed(1), cpu(f)];
const rows: string[][] = [];
for (const [suite, f] of weft) {
  if (f instanceof Error) rows.push([`weft ${suite}`, "failed"]);
  else rows.push([...row(`weft ${suite}`, f), ...peers.map(([, p]) => `${(f.tps / p.tps).toFixed(2)}×`)]);
}
for (const [interval, f] of peers) rows.push(row(hardhatLabel(interval), f));
const ratioHeads = peers.map(([interval]) => `weft / ${interval ? "hardhat interval" : "hardhat automine"}`);
console.log(table([`${N} token transfers over JSON-RPC`, "TPS", "p50 ms", "p99 ms", "blocks", "s", "node CPU ms/tx (main thread)", ...ratioHeads], rows));
for (const [suite, f] of weft) if (f instanceof Error) console.log(`weft ${suite} failed: ${f.message}`);
if (modes.length === 0) console.log("hardhat: not run (HARDHAT=none)");
for (const [interval, f] of hardhat) if (typeof f === "string") console.log(`${hardhatLabel(interval)}: no figures this run: ${f}`);
const clients = [...weft.values(), ...peers.map(([, f]) => f)].filter((f): f is Figures => !(f instanceof Error)).map((f) => f.clientCpu);
console.log(`node CPU: the node process's CPU time while timed, per transaction, all threads and (in brackets) its main thread; the bench's own: ${Math.min(...clients).toFixed(2)}–${Math.max(...clients).toFixed(2)} ms/tx`);
console.log(`latency: submission of a transaction's batch to the notification of its block, with up to ${WINDOW} transactions outstanding`);
for (const [suite, f] of weft) {
  if (f instanceof Error) continue;
  const ceiling = f.cpu && f.cpu.main > 0 ? `; its main thread's ${f.cpu.main.toFixed(2)} ms/tx allow ${(1000 / f.cpu.main).toFixed(0)} TPS with a core to itself` : "";
  console.log(`target ≥ ${TARGET.toLocaleString("en")} TPS on this 2-core machine, weft ${suite}: ${f.tps.toFixed(0)} — ${f.tps >= TARGET ? "met" : "NOT met"}${ceiling}`);
}
if ([...weft.values()].some((f) => f instanceof Error)) process.exitCode = 1;
