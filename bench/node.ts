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
// default 4000), SUITES (default "ecdsa,sm"), PEER=0 (skip Hardhat),
// BENCH_INTERVAL_MS (Hardhat interval mining instead of automine),
// PROFILE=dir (a V8 CPU profile of each Weft node process in dir).
import { resolve } from "node:path";
import { table } from "./stats.ts";
import type { Figures } from "./node/drive.ts";
import { HARDHAT_LABEL, runHardhat } from "./node/hardhat.ts";
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
let hardhat: Figures | string = "skipped (PEER=0)";
if (process.env.PEER !== "0") {
  process.stderr.write(`${HARDHAT_LABEL}: ${N} transfers …\n`);
  hardhat = await runHardhat(N, LANES, drive);
}

const ms = (x: number) => x.toFixed(x < 100 ? 1 : 0);
const row = (label: string, f: Figures, ratio: string) => [label, f.tps.toFixed(0), ms(f.p50), ms(f.p99), String(f.blocks), f.seconds.toFixed(1), ratio];
const rows: string[][] = [];
for (const [suite, f] of weft) {
  if (f instanceof Error) rows.push([`weft ${suite}`, "failed", "", "", "", "", ""]);
  else rows.push(row(`weft ${suite}`, f, typeof hardhat === "string" ? "" : `${(f.tps / hardhat.tps).toFixed(2)}×`));
}
if (typeof hardhat !== "string") rows.push(row(HARDHAT_LABEL, hardhat, "1.00×"));
console.log(
  table([`${N} token transfers over JSON-RPC`, "TPS", "p50 ms", "p99 ms", "blocks", "s", "TPS / hardhat"], rows),
);
for (const [suite, f] of weft) if (f instanceof Error) console.log(`weft ${suite} failed: ${f.message}`);
if (typeof hardhat === "string") console.log(`hardhat: no figures this run: ${hardhat}`);
for (const [suite, f] of weft) {
  if (!(f instanceof Error)) console.log(`target ≥ ${TARGET.toLocaleString("en")} TPS (2 cores), weft ${suite}: ${f.tps.toFixed(0)} — ${f.tps >= TARGET ? "met" : "NOT met"}`);
}
if ([...weft.values()].some((f) => f instanceof Error)) process.exitCode = 1;
