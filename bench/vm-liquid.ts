/**
 * Liquid's transfer.wasm on the Weft VM: 10,000 transfers on the in-memory
 * state, µs per transfer (median of several runs), plus what deployment and
 * a fresh instance cost. Prints figures; asserts nothing.
 *
 *   npx tsx bench/vm-liquid.ts
 */
import { readFileSync } from "node:fs";
import { encodeCall, type Abi } from "../vm/abi/index.ts";
import { CodeCache, InMemoryState, Vm } from "../vm/index.ts";
import { engine } from "../vm/wasm/engine.ts";

const code = new Uint8Array(readFileSync(new URL("../../shared/fixtures/fisco-liquid/transfer.wasm", import.meta.url)));
const abi: Abi = [
  { type: "function", name: "transfer", inputs: [{ name: "from", type: "string" }, { name: "to", type: "string" }, { name: "amount", type: "uint32" }], outputs: [{ name: "", type: "bool" }] },
];
const sender = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
const block = { number: 1, timestamp: 1_700_000_000_000 };
const TRANSFERS = 10_000;
const RUNS = 7;

const cache = new CodeCache();
const state = new InMemoryState();
const vm = new Vm({ state, codeCache: cache });
let t = performance.now();
const deployed = vm.deploy({ address: "/apps/transfer", code, sender, gasLimit: 3_000_000_000, block });
const deployMs = performance.now() - t;
if (deployed.status !== 0) throw new Error(`deploy failed: ${deployed.message}`);

const msg = { to: "/apps/transfer", input: encodeCall(abi[0]!, ["alice", "bob", 1], "keccak"), sender, gasLimit: 3_000_000_000, block };
const runs: number[] = [];
const cpuRuns: number[] = [];
for (let r = 0; r < RUNS + 1; r++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < TRANSFERS; i++) {
    const out = vm.call(msg);
    if (out.status !== 0 || out.output[0] !== 1) throw new Error(`transfer ${i} failed: ${out.status} ${out.message}`);
  }
  const us = ((performance.now() - t) * 1000) / TRANSFERS;
  const used = process.cpuUsage(cpu);
  if (r > 0) {
    // the first run warms up the JIT
    runs.push(us);
    cpuRuns.push((used.user + used.system) / TRANSFERS);
  }
}
runs.sort((a, b) => a - b);
cpuRuns.sort((a, b) => a - b);

// a fresh instance of the sandboxed module: what every call would cost without reuse
const loaded = cache.get(deployed.codeHash!)!;
const stub = () => 0;
const imports = { bcos: Object.fromEntries(engine.Module.imports(loaded.module).map((i) => [i.name, stub])) };
const N = 200;
t = performance.now();
for (let i = 0; i < N; i++) new engine.Instance(loaded.module, imports);
const instantiateUs = ((performance.now() - t) * 1000) / N;

const f = (x: number) => x.toFixed(2);
console.log(`transfer.wasm, ${TRANSFERS} transfers × ${RUNS} runs (after one warm-up run)`);
console.log(`  µs per transfer (wall): median ${f(runs[RUNS >> 1]!)}  min ${f(runs[0]!)}  max ${f(runs[RUNS - 1]!)}`);
console.log(`  µs per transfer (process CPU time, less sensitive to a busy machine): median ${f(cpuRuns[RUNS >> 1]!)}  min ${f(cpuRuns[0]!)}`);
console.log(`  gas per transfer: ${vm.call(msg).gasUsed}`);
console.log(`  deploy (meter + validate + compile + run deploy): ${f(deployMs)} ms, ${deployed.gasUsed} gas`);
console.log(`  fresh instance: ${f(instantiateUs)} µs; instances created by the VM: ${vm.instantiations}`);
