// `npm run bench:parallel`: the parallel block executor (vm/parallel) on the
// in-memory state. examples/token.weft (optimised; its ABI carries
// conflictFields) is deployed by a deployer holding the supply, A accounts
// are funded, then blocks of transfers among the A accounts (sender and
// recipient from a seeded PRNG, distinct) run under four executors:
// workers: 0 (the serial reference, this thread), workers: 1, workers:
// os.availableParallelism(), and the same with `adaptive: true` (as `weft
// node` runs it: each block the way that has lately been faster). Every
// executor gets the same blocks on a state of its own, and they take turns
// block by block (execRow); results must all be status 0 and the final
// state must equal the serial executor's (it throws otherwise). Then the same with ecdsa
// signatures recovered per block (on the executor's pool threads, inline for
// workers: 0) before execution. Asserts the figures nothing; prints targets.
import os from "node:os";
import { readFileSync } from "node:fs";
import { compile } from "../compiler/index.ts";
import { getSuite, checksumAddress } from "../runtime/crypto/index.ts";
import { VERIFY_TASK, sendersOf, type VerifyRequest } from "../runtime/node/verify-handler.ts";
import { InMemoryState } from "../vm/state.ts";
import { BlockExecutor, WorkerPool, type BlockTx, type BlockEnv, type BlockStats } from "../vm/parallel/index.ts";
import { encodeCall, encodeConstructorArgs, findFunction, type Abi } from "../vm/abi/index.ts";
import { table } from "./stats.ts";
import { KEYS_TASK, SIGN_TASK, type BenchKey } from "./parallel/keys-handler.ts";
import { check, transfers, type Tx } from "./parallel/workload.ts";
import { endToEnd } from "./node/end-to-end.ts";

const list = (v: string | undefined, d: number[]) => (v ? v.split(",").map((s) => Number(s.trim())) : d);
const ACCOUNTS = list(process.env.ACCOUNTS, [2, 10, 100, 1_000, 10_000]);
const BLOCKS = list(process.env.BLOCKS, [1_000, 10_000]);
const SIG_ACCOUNTS = list(process.env.SIG_ACCOUNTS, [2, 1_000, 10_000]);
const SIG_BLOCKS = list(process.env.SIG_BLOCKS, [1_000]);
const SIG_TIMED = Number(process.env.SIG_TIMED ?? 5);
const SIG_ROUNDS = Number(process.env.SIG_ROUNDS ?? 3);
const MIN_MS = Number(process.env.MIN_MS ?? 1000);
const CORES = Number(process.env.WORKERS ?? os.availableParallelism());
const BATCH = 64;

const suite = getSuite("ecdsa");
const TOKEN = "/apps/Token";
const DEPLOYER = checksumAddress("00000000000000000000000000000000000000d1", "keccak");
const SUPPLY = 10n ** 30n;
const FUND = 10n ** 15n;
const env: BlockEnv = { block: { number: 1, timestamp: 1_767_225_600_000 }, gasLimit: 10_000_000 };

const source = readFileSync(new URL("../examples/token.weft", import.meta.url), "utf8");
const built = compile({ sources: { "token.weft": source }, optimize: true, contracts: ["Token"] });
if (!built.ok) throw new Error("examples/token.weft does not compile");
const wasm = built.contracts[0]!.wasm;
const tokenAbi = built.contracts[0]!.abi as unknown as Abi;
const transferFn = findFunction(tokenAbi, "transfer");
if (!transferFn.conflictFields?.length) throw new Error("the token's transfer has no conflictFields: every block would run serially");

const loadStart = os.loadavg();
const t00 = performance.now();

// ---- accounts: deterministic ecdsa keys, derived on worker threads (untimed) ----
const maxAccounts = Math.max(...ACCOUNTS, ...SIG_ACCOUNTS);
const helperModule = new URL("./parallel/keys-handler.ts", import.meta.url);
const helper = new WorkerPool({ size: Math.max(1, os.availableParallelism()), modules: [helperModule] });
const keys: BenchKey[] = [];
{
  const parts: Promise<BenchKey[]>[] = [];
  for (let from = 0; from < maxAccounts; from += 250) parts.push(helper.run<BenchKey[]>(KEYS_TASK, { from, to: Math.min(maxAccounts, from + 250) }));
  for (const p of await Promise.all(parts)) keys.push(...p);
}
const inputTo = keys.map((k) => encodeCall(transferFn, [k.address, 1n], "keccak"));

const workload = (accounts: number, size: number, seed: number) => transfers(keys, inputTo, TOKEN, accounts, size, seed);

/** A fresh state with the token deployed and `accounts` accounts funded (serial, untimed). */
async function setup(accounts: number): Promise<InMemoryState> {
  const state = new InMemoryState();
  const ex = new BlockExecutor({ workers: 0, crypto: "keccak" });
  try {
    const txs: BlockTx[] = [{ kind: "deploy", sender: DEPLOYER, address: TOKEN, code: wasm, ctorArgs: encodeConstructorArgs(tokenAbi, ["Bench", "B", SUPPLY]), abi: tokenAbi }];
    for (let i = 0; i < accounts; i++) txs.push({ kind: "call", sender: DEPLOYER, to: TOKEN, input: encodeCall(transferFn, [keys[i]!.address, FUND], "keccak") });
    check(await ex.execute(state, txs, env), "setup");
  } finally {
    await ex.close();
  }
  return state;
}

/** an executor of the run: its worker count, or "adaptive" (all cores, `adaptive: true`, as `weft node` runs) */
type Exec = number | "adaptive";
const executorName = (w: Exec) => (w === "adaptive" ? `workers: ${CORES}, adaptive` : w === 0 ? "serial (workers: 0)" : `workers: ${w}`);
const WORKER_COUNTS: Exec[] = [...new Set([0, 1, CORES])];
const EXEC_CONFIGS: Exec[] = [...WORKER_COUNTS, "adaptive"];

interface Run {
  workers: Exec;
  blocks: number;
  txs: number;
  wallMs: number;
  cpuMs: number;
  stats: BlockStats;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) + "×" : "-");
const statText = (s: BlockStats) => `${s.waves}/${s.parallel}/${s.inline}/${s.reexecuted}${s.fallback ? "/FALLBACK: " + (s.fallbackReason ?? "") : "/-"}${s.poolBusy ? " (pool busy: ran here)" : ""}${s.chosenSerial ? " (adaptive: ran serially)" : ""}`;

// ---- execution only ----
console.log(`bench:parallel — ${os.cpus()[0]?.model ?? "?"}, availableParallelism ${os.availableParallelism()}, load average ${loadStart.map((l) => l.toFixed(2)).join(" ")}`);
console.log(`${maxAccounts.toLocaleString("en-US")} keys derived in ${((performance.now() - t00) / 1000).toFixed(1)} s (untimed)\n`);

/**
 * One executor per thread count for the whole run, as a node keeps one: its
 * threads' code warms up once (V8 optimises each thread's code on its own;
 * a fresh pool takes ~15,000 transfers to reach its speed on this machine).
 * Each state is new, so the workers' caches start cold on every row.
 */
const executors = new Map<Exec, BlockExecutor>();
async function executorFor(workers: Exec): Promise<BlockExecutor> {
  let ex = executors.get(workers);
  if (!ex) {
    const threads = workers === "adaptive" ? CORES : workers;
    executors.set(workers, (ex = new BlockExecutor({ workers: threads, adaptive: workers === "adaptive", crypto: "keccak", workerModules: [new URL("../runtime/node/verify-handler.ts", import.meta.url)] })));
    // untimed: 1,000-transfer blocks among 1,000 accounts for 30 blocks and at least 3 s
    const state = await setup(Math.min(1000, maxAccounts));
    const w = workload(Math.min(1000, maxAccounts), 1000, 1);
    const until = performance.now() + 3000;
    for (let b = 0; b < 30 || performance.now() < until; b++) check(await ex.execute(state, w.next(), env), "warm-up");
  }
  return ex;
}

/** One executor's part of a row: its own state, and what its timed blocks took. */
interface Lane {
  workers: Exec;
  ex: BlockExecutor;
  state: InMemoryState;
  wallMs: number;
  cpuMs: number;
  blocks: number;
  stats: BlockStats | undefined;
}

async function lanesFor(accounts: number): Promise<Lane[]> {
  const lanes: Lane[] = [];
  for (const workers of EXEC_CONFIGS) {
    const state = await setup(accounts);
    const ex = await executorFor(workers);
    ex.resetCaches(); // a new state: what the workers hold belongs to the last one
    lanes.push({ workers, ex, state, wallMs: 0, cpuMs: 0, blocks: 0, stats: undefined });
  }
  return lanes;
}

/** Time `run` for one lane: wall and CPU (all threads of the process) added to the lane's figures. */
async function timed(lane: Lane, run: () => Promise<BlockStats>): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  lane.stats = await run();
  lane.wallMs += performance.now() - t0;
  const c = process.cpuUsage(c0);
  lane.cpuMs += (c.user + c.system) / 1000;
}

/** The lanes as runs, each final state checked against the serial lane's. */
function finish(lanes: Lane[], size: number, what: string): Run[] {
  const serialDump = lanes[0]!.state.dump();
  return lanes.map((l) => {
    const dump = l === lanes[0] ? serialDump : l.state.dump();
    if (dump !== serialDump) throw new Error(`${what}: the final state under ${executorName(l.workers)} differs from serial execution's`);
    return { workers: l.workers, blocks: l.blocks, txs: l.blocks * size, wallMs: l.wallMs, cpuMs: l.cpuMs, stats: l.stats! };
  });
}

/**
 * A row of the execution-only table. The executors take turns block by block
 * (each on its own state, every one the same blocks; who goes first rotates),
 * so a slow spell of the machine or of the heap falls on all of them alike
 * instead of on whichever ran during it. Timed until the serial executor has
 * run ≥ MIN_MS and ≥ 2 blocks.
 */
async function execRow(accounts: number, size: number): Promise<Run[]> {
  const lanes = await lanesFor(accounts);
  const w = workload(accounts, size, accounts * 7919 + size);
  const what = `${accounts} accounts, block ${size}`;
  // warm-up: at least 10 blocks and 10,000 transfers (this state is new to the workers' caches, and the
  // adaptive executor measures each block size's two ways before it settles, as a node does early on)
  for (let b = 0, done = 0; b < 10 || done < 10_000; b++, done += size) {
    const txs = w.next();
    for (const l of lanes) check(await l.ex.execute(l.state, txs, env), `${what}, warm-up`);
  }
  const serial = lanes[0]!;
  for (let round = 0; serial.blocks < 2 || serial.wallMs < MIN_MS; round++) {
    const txs = w.next();
    for (let k = 0; k < lanes.length; k++) {
      const l = lanes[(round + k) % lanes.length]!;
      await timed(l, async () => {
        const out = await l.ex.execute(l.state, txs, env);
        check(out, `${what}, ${executorName(l.workers)}`);
        return out.stats;
      });
      l.blocks++;
    }
  }
  return finish(lanes, size, what);
}

interface Row {
  accounts: number;
  size: number;
  runs: Run[];
}

function rowsOf(rows: Row[]): string[][] {
  const out: string[][] = [];
  for (const r of rows) {
    const tps = (x: Run) => (x.txs / x.wallMs) * 1000;
    const serial = r.runs.find((x) => x.workers === 0)!;
    const one = r.runs.find((x) => x.workers === 1);
    for (const x of r.runs)
      out.push([fmtInt(r.accounts), fmtInt(r.size), executorName(x.workers), String(x.blocks), fmtInt(tps(x)), ratio(tps(x), tps(serial)), ratio(tps(x), one && tps(one)), (x.cpuMs / x.txs).toFixed(4), statText(x.stats)]);
  }
  return out;
}

const header = ["accounts", "block", "executor", "blocks", "TPS", "vs serial", "vs 1 worker", "CPU ms/tx", "last block: waves/parallel/inline/reexec/fallback"];
const execRows: Row[] = [];
for (const accounts of ACCOUNTS) for (const size of BLOCKS) execRows.push({ accounts, size, runs: await execRow(accounts, size) });
console.log("Execution only (final state equal to serial execution's in every configuration):\n");
console.log(table(header, rowsOf(execRows)));

// ---- with signature verification ----
// A node recovers the signatures of the transactions it will execute next while it executes a block, so with a
// pool the blocks are pipelined: block b+1's signatures are sent to the threads before block b executes. The
// executor sees its threads busy and runs block b on this thread (yieldToBusyPool), where it costs a few ms.
// With workers: 0 there is one thread and nothing to overlap. Timed: from the first timed block's recovery
// requests to the last block's execution; the warm-up block runs alone before.
type SignedBlock = { txs: Tx[]; digests: Uint8Array[]; sigs: Uint8Array[] };
function recoverBlock(ex: BlockExecutor, { digests, sigs }: SignedBlock): Promise<(string | null)[]> {
  if (!ex.pool) return Promise.resolve(sendersOf({ suite: "ecdsa", digests, signatures: sigs }));
  const parts: Promise<(string | null)[]>[] = [];
  for (let i = 0; i < digests.length; i += BATCH) {
    const req: VerifyRequest = { suite: "ecdsa", digests: digests.slice(i, i + BATCH), signatures: sigs.slice(i, i + BATCH) };
    parts.push(ex.pool.run<(string | null)[]>(VERIFY_TASK, req));
  }
  return Promise.all(parts).then((p) => p.flat());
}

/**
 * One lane's turn in a signed row: blocks [from, to) pipelined, timed from
 * the first block's recovery requests to the last block's execution.
 */
async function signedTurn(lane: Lane, blocks: SignedBlock[], from: number, to: number, what: string): Promise<void> {
  const one = async (b: number, senders: (string | null)[]) => {
    const { txs } = blocks[b]!;
    for (let i = 0; i < txs.length; i++) {
      if (senders[i] !== txs[i]!.sender) throw new Error(`${what}: transaction ${i} of block ${b}: the signature does not recover its sender`);
    }
    const out = await lane.ex.execute(lane.state, txs, env);
    check(out, `${what}, ${executorName(lane.workers)}`);
    return out.stats;
  };
  await timed(lane, async () => {
    let next = recoverBlock(lane.ex, blocks[from]!);
    let stats: BlockStats | undefined;
    for (let b = from; b < to; b++) {
      const senders = await next;
      if (b + 1 < to) next = recoverBlock(lane.ex, blocks[b + 1]!);
      stats = await one(b, senders);
    }
    return stats!;
  });
  lane.blocks += to - from;
}

/**
 * A signed row: block 0 warms each lane up, then SIG_ROUNDS rounds in which
 * every lane (first one rotating) runs its next SIG_TIMED blocks pipelined.
 */
async function signedRow(accounts: number, size: number, blocks: SignedBlock[]): Promise<Run[]> {
  const lanes = await lanesFor(accounts);
  const what = `signed, ${accounts} accounts, block ${size}`;
  for (const l of lanes) await signedTurn(l, blocks, 0, 1, what);
  for (const l of lanes) l.wallMs = l.cpuMs = l.blocks = 0; // the warm-up is not counted
  for (let round = 0; round < SIG_ROUNDS; round++) {
    const from = 1 + round * SIG_TIMED;
    for (let k = 0; k < lanes.length; k++) await signedTurn(lanes[(round + k) % lanes.length]!, blocks, from, from + SIG_TIMED, what);
  }
  return finish(lanes, size, what);
}

const sigRows: Row[] = [];
for (const accounts of SIG_ACCOUNTS) {
  for (const size of SIG_BLOCKS) {
    // pre-sign (untimed, on the helper threads): digest = keccak(input ‖ index), signed with the sender's key
    const t0 = performance.now();
    const w = workload(accounts, size, accounts * 104_729 + size);
    const blocks: SignedBlock[] = [];
    let index = 0;
    for (let b = 0; b < 1 + SIG_ROUNDS * SIG_TIMED; b++) {
      const txs = w.next() as Tx[];
      const digests = txs.map((tx) => {
        const bytes = new Uint8Array(tx.input.length + 4);
        bytes.set(tx.input);
        new DataView(bytes.buffer).setUint32(tx.input.length, index++);
        return suite.hash(bytes);
      });
      const parts: Promise<Uint8Array[]>[] = [];
      for (let i = 0; i < size; i += 250) parts.push(helper.run<Uint8Array[]>(SIGN_TASK, { keys: txs.slice(i, i + 250).map((tx) => keys[tx.from]!.privateKey), digests: digests.slice(i, i + 250) }));
      blocks.push({ txs, digests, sigs: (await Promise.all(parts)).flat() });
    }
    console.log(`(signed ${fmtInt(blocks.length * size)} transfers for ${accounts} accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s, untimed)`);
    sigRows.push({ accounts, size, runs: await signedRow(accounts, size, blocks) });
  }
}
await helper.close();
for (const ex of executors.values()) await ex.close();
console.log(`\nWith signature verification (ecdsa recovery of every transaction before its block executes; serial = inline recovery + workers: 0; with a pool, block b+1's recovery overlaps block b's execution; 1 warm-up block, then ${SIG_ROUNDS} rounds of ${SIG_TIMED} pipelined blocks per executor, the executors taking turns):\n`);
console.log(table(header, rowsOf(sigRows)));

// ---- targets ----
const tpsOf = (x: Run) => (x.txs / x.wallMs) * 1000;
const get = (r: Row, w: Exec) => r.runs.find((x) => x.workers === w)!;
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
console.log(`\nTargets (all cores = workers: ${CORES}):`);
for (const w of [CORES, "adaptive"] as Exec[]) {
  for (const r of sigRows.filter((r) => r.accounts >= 1000)) {
    const all = tpsOf(get(r, w));
    const vs = all / tpsOf(get(r, 0));
    const vs1 = get(r, 1) ? all / tpsOf(get(r, 1)) : NaN;
    console.log(`  ≥ 1.7× serial with signatures, ${fmtInt(r.accounts)} accounts, block ${fmtInt(r.size)}, ${executorName(w)}: ${verdict(vs >= 1.7)} (${vs.toFixed(2)}× serial; ${vs1.toFixed(2)}× 1 worker)`);
  }
}
for (const w of [CORES, "adaptive"] as Exec[]) {
  for (const r of execRows.filter((r) => r.accounts === 2)) {
    const vs = tpsOf(get(r, w)) / tpsOf(get(r, 0));
    console.log(`  ≥ 0.95× serial with 2 accounts, execution only, block ${fmtInt(r.size)}, ${executorName(w)}: ${verdict(vs >= 0.95)} (${vs.toFixed(2)}×)`);
  }
  const big = execRows.filter((r) => r.accounts >= 1000);
  if (big.length) {
    const best = big.reduce((a, b) => (tpsOf(get(b, w)) > tpsOf(get(a, w)) ? b : a));
    const tps = tpsOf(get(best, w));
    console.log(`  ≥ 100,000 transfers/s without signatures, ≥ 1,000 accounts, ${executorName(w)}: ${verdict(tps >= 100_000)} (best ${fmtInt(tps)} TPS: ${fmtInt(best.accounts)} accounts, block ${fmtInt(best.size)})`);
  }
}
if (process.env.E2E !== "0") {
  console.log("");
  await endToEnd(Number(process.env.E2E_N ?? 20_000), 1.6);
}
const loadEnd = os.loadavg();
console.log(`\nload average at start ${loadStart.map((l) => l.toFixed(2)).join(" ")}, at end ${loadEnd.map((l) => l.toFixed(2)).join(" ")}; ${((performance.now() - t00) / 1000).toFixed(0)} s in all`);
