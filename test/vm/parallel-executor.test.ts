// The block executor's paths that random blocks reach only by chance, each
// forced here and compared with serial execution: a cancelled attempt after
// a serial prefix (and the barrier it teaches), a contract that calls a
// precompile from a worker, a state the workers' replicas do not match, a
// worker thread that dies mid-block, and a pool busy with other work.
import { afterAll, describe, expect, it } from "vitest";
import { encodeCall, encodeParams, findFunction, type Abi } from "../../vm/abi/index.ts";
import { BlockExecutor, InMemoryState, type BlockTx, type ExecResult } from "../../vm/index.ts";
import type { Precompile, PrecompileSet } from "../../vm/precompile.ts";
import { BLOCK, GAS, LIQUID_TRANSFER_ABI, SENDER, fixture, toHex } from "./helpers.ts";

const env = { block: BLOCK, gasLimit: GAS };
const LIQUID = "/apps/transfer";
// wrong on purpose: keyed by the amount, so transfers touching the same account share a wave
const wrongAbi: Abi = LIQUID_TRANSFER_ABI.map((e) => (e.name === "transfer" ? { ...e, conflictFields: [{ kind: 3, value: [2], slot: 0 }] } : e));
const transfer = (from: string, to: string, amount: number): BlockTx => ({ kind: "call", sender: SENDER, to: LIQUID, input: encodeCall(findFunction(LIQUID_TRANSFER_ABI, "transfer"), [from, to, amount], "keccak") });
const deployLiquid = (abi: Abi): BlockTx => ({ kind: "deploy", sender: SENDER, address: LIQUID, code: fixture("transfer.wasm"), ctorArgs: new Uint8Array(), abi });
const view = (rs: ExecResult[]) => rs.map((r) => [r.status, toHex(r.output), r.revertData ? toHex(r.revertData) : "", r.gasUsed, r.message ?? "", r.logs.length].join("|"));

const open: BlockExecutor[] = [];
afterAll(async () => {
  await Promise.all(open.map((e) => e.close()));
});
function executor(options: Partial<ConstructorParameters<typeof BlockExecutor>[0]> = {}): BlockExecutor {
  const ex = new BlockExecutor({ workers: 2, crypto: "keccak", inlineBelow: 1, ...options });
  open.push(ex);
  return ex;
}

/** Runs the blocks on `ex` and on a serial executor, each on its own state; returns the parallel outcomes after checking both agree. */
async function againstSerial(ex: BlockExecutor, blocks: BlockTx[][], precompiles?: PrecompileSet) {
  const serial = executor({ workers: 0, ...(precompiles ? { precompiles } : {}) });
  const [p, s] = [new InMemoryState(), new InMemoryState()];
  const outs = [];
  for (const [i, txs] of blocks.entries()) {
    const got = await ex.execute(p, txs, env);
    const want = await serial.execute(s, txs, env);
    expect(view(got.results), `block ${i}`).toEqual(view(want.results));
    expect(p.dump(), `block ${i}`).toBe(s.dump());
    outs.push(got);
  }
  return outs;
}

describe("BlockExecutor", () => {
  it("re-runs only what follows the serial prefix when an attempt is cancelled, and learns the barrier", async () => {
    const ex = executor();
    const nowhere: BlockTx = { kind: "call", sender: SENDER, to: "/apps/nowhere", input: new Uint8Array([1, 2, 3, 4]) };
    const [, , second, third] = await againstSerial(ex, [
      [deployLiquid(wrongAbi)],
      [transfer("alice", "bob", 5)], // the workers now hold alice's and bob's balances
      // charlie's balance is not in any replica: the first transfer misses and commits after the second, which read alice
      [nowhere, transfer("charlie", "alice", 7), transfer("alice", "bob", 3)],
      [transfer("charlie", "bob", 2), transfer("bob", "charlie", 1)],
    ]);
    expect(second!.stats.fallback).toBe(true);
    expect(second!.stats.learned).toEqual([`${LIQUID}#28c4d6a6`]);
    expect(third!.stats.fallback).toBe(false);
    expect(third!.stats.barriers).toBe(2); // the learned function runs alone from now on
  });

  it("hands a transaction that reaches a precompile back to the calling thread", async () => {
    let calls = 0;
    const echo: Precompile = {
      path: "/sys/echo",
      abi: [],
      call(ctx) {
        calls++;
        const set = toHex(ctx.input.subarray(0, 4)) === "4ed3885e";
        if (set) ctx.setStorage(new Uint8Array([1]), ctx.input.slice(4));
        return { status: 0, output: set ? new Uint8Array() : (ctx.getStorage(new Uint8Array([1])) ?? encodeParams([{ type: "string" }], [""])), gasUsed: 1000n };
      },
    };
    const precompiles = new Map([[echo.path, echo]]);
    const callerAbi: Abi = [
      { type: "constructor", inputs: [{ name: "addr", type: "string" }] },
      { type: "function", name: "set", inputs: [{ name: "n", type: "string" }], outputs: [], selector: [0x4ed3885e, 0], conflictFields: [{ kind: 1, value: [], slot: 0 }] },
      { type: "function", name: "get", inputs: [], outputs: [{ name: "", type: "string" }], selector: [0x6d4ce63c, 0], conflictFields: [{ kind: 1, value: [], slot: 0, read_only: true }] },
    ];
    const call = (name: string, args: unknown[]): BlockTx => ({ kind: "call", sender: SENDER, to: "/apps/caller", input: encodeCall(findFunction(callerAbi, name), args, "keccak") });
    const ex = executor({ precompiles });
    const deploy: BlockTx = { kind: "deploy", sender: SENDER, address: "/apps/caller", code: fixture("hello_world_caller.wasm"), abi: callerAbi, ctorArgs: encodeParams([{ type: "string" }], [echo.path]) };
    const [, block] = await againstSerial(ex, [[deploy, call("set", ["x"])], Array.from({ length: 12 }, () => call("get", []))], precompiles);
    expect(block!.stats.handedBack).toBeGreaterThan(0);
    expect(block!.results.every((r) => toHex(r.output) === toHex(encodeParams([{ type: "string" }], ["x"])))).toBe(true);
    expect(calls).toBeGreaterThan(0);
  });

  it("gives serial results on a state its replicas do not match, and resetCaches spares the re-runs", async () => {
    const ex = executor();
    const block = [transfer("alice", "bob", 10), transfer("charlie", "david", 20)];
    const a = new InMemoryState();
    await ex.execute(a, [deployLiquid(LIQUID_TRANSFER_ABI)], env);
    for (let i = 0; i < 3; i++) await ex.execute(a, block, env);
    // another chain, made without this executor: the same contract, other balances
    const other = async () => {
      const s = new InMemoryState();
      await executor({ workers: 0 }).execute(s, [deployLiquid(LIQUID_TRANSFER_ABI), transfer("alice", "bob", 99), transfer("charlie", "david", 77)], env);
      return s;
    };
    const run = async (s: InMemoryState) => {
      const [got, want] = [await ex.execute(s, block, env), await executor({ workers: 0 }).execute(await other(), block, env)];
      expect(view(got.results)).toEqual(view(want.results));
      return got.stats;
    };
    expect((await run(await other())).reexecuted).toBeGreaterThan(0); // the replicas still held the first chain's balances
    ex.resetCaches();
    const fresh = await run(await other());
    expect(fresh.reexecuted).toBe(0);
    expect(fresh.misses).toBeGreaterThan(0);
  });

  it("runs the block serially when a worker thread dies under it, then goes on with its replacement", async () => {
    const ex = executor({ workerModules: [new URL("./parallel/handlers.ts", import.meta.url)] });
    const pair = [transfer("alice", "bob", 1), transfer("charlie", "david", 1)];
    const state = new InMemoryState();
    await ex.execute(state, [deployLiquid(LIQUID_TRANSFER_ABI)], env);
    await ex.execute(state, pair, env);
    void ex.pool!.run("test.die", null, [], 0).catch(() => undefined); // worker 0 ends before it reads the next batch
    const died = await ex.execute(state, pair, env);
    expect(died.stats.fallback).toBe(true);
    expect(died.stats.fallbackReason).toMatch(/worker thread 0/);
    // the new thread starts with an empty replica: a few misses (each run here after three), then it takes work
    const after = [];
    for (let i = 0; i < 4; i++) after.push(await ex.execute(state, pair, env));
    expect(after.map((o) => o.stats.fallback)).toEqual([false, false, false, false]);
    expect(after[3]!.stats.parallel).toBe(2);
    expect([died, ...after].flatMap((o) => o.results).every((r) => r.status === 0 && toHex(r.output) === "01")).toBe(true);
  });

  it("runs a block on the calling thread while every worker is busy with other tasks, and keeps the replicas current", async () => {
    const ex = executor({ workerModules: [new URL("./parallel/handlers.ts", import.meta.url)] });
    const pair = (n: number) => [transfer("alice", "bob", n), transfer("charlie", "david", n)];
    const blocks = [[deployLiquid(LIQUID_TRANSFER_ABI)], pair(1), pair(2), pair(3)];
    const serial = executor({ workers: 0 });
    const [p, s] = [new InMemoryState(), new InMemoryState()];
    const outs = [];
    for (const [i, txs] of blocks.entries()) {
      // block 2 starts while both threads sleep: it runs here, writing balances the replicas hold
      const sleeping = i === 2 ? [0, 1].map((w) => ex.pool!.run("test.sleep", 200, [], w)) : [];
      const got = await ex.execute(p, txs, env);
      await Promise.all(sleeping);
      expect(view(got.results), `block ${i}`).toEqual(view((await serial.execute(s, txs, env)).results));
      expect(p.dump(), `block ${i}`).toBe(s.dump());
      outs.push(got.stats);
    }
    expect(outs[2]).toMatchObject({ poolBusy: true, parallel: 0, inline: 2, batches: 0 });
    // block 3 on the workers again: had block 2's writes not reached the replicas, both transfers would run twice
    expect(outs[3]).toMatchObject({ poolBusy: false, parallel: 2, reexecuted: 0, misses: 0 });
    // and without yieldToBusyPool the block waits for the workers
    const patient = executor({ workerModules: [new URL("./parallel/handlers.ts", import.meta.url)], yieldToBusyPool: false });
    const q = new InMemoryState();
    for (const txs of blocks.slice(0, 2)) await patient.execute(q, txs, env);
    const sleeping = [0, 1].map((w) => patient.pool!.run("test.sleep", 100, [], w));
    expect((await patient.execute(q, pair(2), env)).stats).toMatchObject({ poolBusy: false, parallel: 2 });
    await Promise.all(sleeping);
  });
});
