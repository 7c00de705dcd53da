// The Liquid transfer.wasm fixture's parallel case (shared/fixtures/fisco-liquid/
// README.md): with its documented conflictFields, the block alice→bob 1000,
// charlie→david 2000, bob→david 200, david→alice 400 runs on worker threads
// and gives the documented results, the same as serial execution.
import { afterAll, describe, expect, it } from "vitest";
import { encodeCall, findFunction } from "../../vm/abi/index.ts";
import { BlockExecutor, InMemoryState, type BlockTx } from "../../vm/index.ts";
import { BLOCK, GAS, LIQUID_TRANSFER_ABI, SENDER, fixture, toHex } from "./helpers.ts";

const abi = LIQUID_TRANSFER_ABI;
const PATH = "/apps/transfer";
const transfer = (from: string, to: string, amount: number): BlockTx => ({ kind: "call", sender: SENDER, to: PATH, input: encodeCall(findFunction(abi, "transfer"), [from, to, amount], "keccak") });
const query = (name: string): BlockTx => ({ kind: "call", sender: SENDER, to: PATH, input: encodeCall(findFunction(abi, "query"), [name], "keccak") });
const env = { block: BLOCK, gasLimit: GAS };
const u32le = (n: number) => toHex(new Uint8Array(new Uint32Array([n]).buffer));

const executors: BlockExecutor[] = [];
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});

async function run(workers: number) {
  // inlineBelow 1: every wave goes to the worker threads, however small
  const ex = new BlockExecutor({ workers, crypto: "keccak", inlineBelow: workers ? 1 : 0 });
  executors.push(ex);
  const state = new InMemoryState();
  const deployed = await ex.execute(state, [{ kind: "deploy", sender: SENDER, address: PATH, code: fixture("transfer.wasm"), ctorArgs: new Uint8Array(), abi }], env);
  expect(deployed.results[0]!.status).toBe(0);
  const block = await ex.execute(state, [transfer("alice", "bob", 1000), transfer("charlie", "david", 2000), transfer("bob", "david", 200), transfer("david", "alice", 400)], env);
  const balances = await ex.execute(state, ["alice", "bob", "charlie", "david"].map(query), env);
  return { block, balances: balances.results.map((r) => toHex(r.output)), dump: state.dump() };
}

describe("transfer.wasm in parallel mode", () => {
  it("gives the README's balances, returns 01 for each transfer, and runs the first wave on the workers", async () => {
    const parallel = await run(2);
    expect(parallel.block.results.map((r) => [r.status, toHex(r.output)])).toEqual([[0, "01"], [0, "01"], [0, "01"], [0, "01"]]);
    expect(parallel.balances).toEqual([u32le(4294966695), u32le(800), u32le(4294965295), u32le(1800)]);
    const s = parallel.block.stats;
    expect(s.fallback).toBe(false);
    // alice→bob and charlie→david share no key: one wave of two on the workers; then bob→david, then david→alice
    expect(s.waves).toBe(3);
    expect(s.parallel).toBeGreaterThanOrEqual(2);
    expect(s.barriers).toBe(0);
  });

  it("matches serial execution: outputs, gas, logs and the final state", async () => {
    const [parallel, serial] = [await run(2), await run(0)];
    const view = (o: typeof parallel) => o.block.results.map((r) => ({ status: r.status, output: toHex(r.output), gas: r.gasUsed, logs: r.logs.length }));
    expect(view(parallel)).toEqual(view(serial));
    expect(parallel.dump).toBe(serial.dump);
  });
});
