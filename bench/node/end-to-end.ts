// The end-to-end row of bench:parallel: N signed token transfers among
// 1,000 senders and 1,000 recipients over JSON-RPC to `weft node` on LevelDB
// (bench/node/weft.ts), once with `--serial` (signatures on the worker
// threads, blocks executed on the main thread: the node as it was before
// parallel execution) and once as it runs by default (parallel), in the same
// run. Also prints the ratio to the figure bench:node measured before
// parallel execution existed (commit 6a5acab, one sender, same machine).
import { table } from "../stats.ts";
import { runWeft } from "./weft.ts";
import type { Figures } from "./drive.ts";

/** bench:node, weft ecdsa, at commit 6a5acab (before parallel execution), 2026-11-23, load ~1.5: two runs. */
export const BEFORE_TPS = 2_527;

export async function endToEnd(n: number, target: number): Promise<void> {
  const runs: [string, string[]][] = [["--serial (before: serial execution)", ["--serial"]], ["parallel (default)", []]];
  const got: [string, Figures][] = [];
  for (const [label, args] of runs) {
    process.stderr.write(`end to end, ${label}: ${n} transfers …\n`);
    got.push([label, await runWeft("ecdsa", n, { window: 4_000, stallMs: 60_000, lanes: 4, senders: 1_000, recipients: 1_000, nodeArgs: args })]);
  }
  const serial = got[0]![1].tps;
  const cpu = (f: Figures) => (f.cpu ? `${f.cpu.process.toFixed(2)} (${f.cpu.main.toFixed(2)})` : "?");
  console.log(
    table(
      [`end to end: ${n} signed transfers, 1,000 senders, ecdsa`, "TPS", "p50 ms", "p99 ms", "node CPU ms/tx (main)", "vs --serial", `vs before (${BEFORE_TPS})`],
      got.map(([label, f]) => [label, f.tps.toFixed(0), f.p50.toFixed(0), f.p99.toFixed(0), cpu(f), `${(f.tps / serial).toFixed(2)}×`, `${(f.tps / BEFORE_TPS).toFixed(2)}×`]),
    ),
  );
  const parallel = got[1]![1].tps;
  console.log(`target: end to end ≥ ${target}× the TPS before this issue: ${(parallel / BEFORE_TPS).toFixed(2)}× — ${parallel / BEFORE_TPS >= target ? "met" : "NOT met"} (vs --serial in this run: ${(parallel / serial).toFixed(2)}×)`);
}
