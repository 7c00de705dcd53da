// The guarantee of vm/parallel: for any block, parallel execution gives the
// same results (status, output, revert data, gas, logs, message) and the same
// final storage as serial execution. 1,000 random blocks with 2 worker
// threads and 200 with 1, each compared with the serial executor on its own
// state: random contention (2 to 24 accounts), a mix of contracts — the
// Weft token with the compiler's conflictFields, the same token with WRONG
// ones and with NONE, Liquid's transfer.wasm with its documented fields,
// hello_world called directly and through hello_world_caller whose ABI
// wrongly claims it touches nothing — reverts, out-of-gas blocks and
// deployments in the middle of blocks. The seed is printed on failure.
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { compile } from "../../compiler/index.ts";
import { encodeCall, encodeConstructorArgs, encodeParams, findFunction, type Abi } from "../../vm/abi/index.ts";
import { BlockExecutor, InMemoryState, type BlockTx, type ExecResult } from "../../vm/index.ts";
import { LIQUID_TRANSFER_ABI, fixture, toHex } from "./helpers.ts";

const built = compile({ sources: { "token.weft": readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8") }, crypto: "keccak" });
if (!built.ok) throw new Error("examples/token.weft does not compile");
const tokenWasm = built.contracts[0]!.wasm;
const tokenAbi = built.contracts[0]!.abi as unknown as Abi;
const withFields = (abi: Abi, f: (name: string) => unknown[] | undefined): Abi =>
  abi.map((e) => {
    if (e.type !== "function") return e;
    const { conflictFields: _drop, ...rest } = e;
    const fields = f(e.name!);
    return fields === undefined ? rest : { ...rest, conflictFields: fields };
  });
// wrong: transfer keyed by the amount and not the caller; mint claims it touches nothing
const wrongAbi = withFields(tokenAbi, (n) => (n === "transfer" ? [{ kind: 3, value: [1], slot: 4, read_only: false }] : n === "mint" ? [{ kind: 5, value: [], slot: 0 }] : (tokenAbi.find((e) => e.name === n)?.conflictFields as unknown[])));
const missingAbi = withFields(tokenAbi, () => undefined);
const liquidAbi = LIQUID_TRANSFER_ABI;
const helloAbi: Abi = [
  { type: "constructor", inputs: [{ name: "name", type: "string" }] },
  { type: "function", name: "set", inputs: [{ name: "n", type: "string" }], outputs: [], selector: [0x4ed3885e, 0], conflictFields: [{ kind: 1, value: [], slot: 0, read_only: false }] },
  { type: "function", name: "get", inputs: [], outputs: [{ name: "", type: "string" }], selector: [0x6d4ce63c, 0], constant: true, conflictFields: [{ kind: 1, value: [], slot: 0, read_only: true }] },
];
// wrong: the caller writes hello_world's storage through bcos.call but claims nothing
const callerAbi: Abi = helloAbi.map((e) => (e.type === "function" ? { ...e, conflictFields: [{ kind: 5, value: [], slot: 0 }] } : { ...e, inputs: [{ name: "addr", type: "string" }] }));

const ACCOUNTS = Array.from({ length: 24 }, (_, i) => (i + 1).toString(16).padStart(40, "a"));
const DEPLOYER = ACCOUNTS[0]!;
const TOKENS: [string, Abi][] = [["/apps/token", tokenAbi], ["/apps/wrong", wrongAbi], ["/apps/missing", missingAbi]];
const NAMES = ["alice", "bob", "charlie", "david", "erin", "frank"];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(a: readonly T[]) => a[Math.floor(next() * a.length)]! };
}

function setupBlock(): BlockTx[] {
  const deploy = (address: string, code: Uint8Array, abi: Abi, ctorArgs: Uint8Array): BlockTx => ({ kind: "deploy", sender: DEPLOYER, address, code, abi, ctorArgs });
  const txs: BlockTx[] = TOKENS.map(([path, abi]) => deploy(path, tokenWasm, abi, encodeConstructorArgs(abi, ["T", "T", 10n ** 12n])));
  txs.push(deploy("/apps/liquid", fixture("transfer.wasm"), liquidAbi, new Uint8Array()));
  txs.push(deploy("/apps/hello", fixture("hello_world.wasm"), helloAbi, encodeParams([{ type: "string" }], ["alice"])));
  txs.push(deploy("/apps/caller", fixture("hello_world_caller.wasm"), callerAbi, encodeParams([{ type: "string" }], ["/apps/hello"])));
  for (const [path, abi] of TOKENS) for (const a of ACCOUNTS.slice(1)) txs.push({ kind: "call", sender: DEPLOYER, to: path, input: encodeCall(findFunction(abi, "transfer"), [a, 1000n], "keccak") });
  return txs;
}

function randomBlock(r: ReturnType<typeof rng>, n: number, deployed: { count: number }): BlockTx[] {
  const k = 2 + r.int(r.next() < 0.3 ? 2 : 23); // contention: 30% of blocks among 2–3 accounts
  const accounts = ACCOUNTS.slice(0, k);
  const txs: BlockTx[] = [];
  const len = 1 + r.int(80);
  for (let i = 0; i < len; i++) {
    const sender = r.pick(accounts);
    const roll = r.next();
    if (roll < 0.55) {
      const [path, abi] = r.pick(TOKENS);
      const f = r.next();
      const amount = BigInt(r.next() < 0.1 ? 5000 : r.int(30)); // some exceed the balance: reverts
      const input =
        f < 0.75 ? encodeCall(findFunction(abi, "transfer"), [r.pick(accounts), amount], "keccak")
        : f < 0.85 ? encodeCall(findFunction(abi, "approve"), [r.pick(accounts), amount], "keccak")
        : f < 0.92 ? encodeCall(findFunction(abi, "transferFrom"), [r.pick(accounts), r.pick(accounts), amount], "keccak")
        : f < 0.96 ? encodeCall(findFunction(abi, "mint"), [r.pick(accounts), amount], "keccak") // reverts unless the deployer sends it
        : encodeCall(findFunction(abi, "balanceOf"), [r.pick(accounts)], "keccak");
      txs.push({ kind: "call", sender, to: path, input });
    } else if (roll < 0.8) {
      const names = NAMES.slice(0, Math.max(2, Math.min(6, k)));
      txs.push({ kind: "call", sender, to: "/apps/liquid", input: encodeCall(findFunction(liquidAbi, "transfer"), [r.pick(names), r.pick(names), r.int(3000)], "keccak") });
    } else if (roll < 0.95) {
      const to = r.next() < 0.5 ? "/apps/hello" : "/apps/caller";
      const abi = to === "/apps/hello" ? helloAbi : callerAbi;
      txs.push({ kind: "call", sender, to, input: r.next() < 0.6 ? encodeCall(findFunction(abi, "set"), [`v${r.int(1000)}`], "keccak") : encodeCall(findFunction(abi, "get"), [], "keccak") });
    } else if (roll < 0.97) {
      const path = `/apps/t${deployed.count++}`;
      txs.push({ kind: "deploy", sender, address: path, code: tokenWasm, abi: tokenAbi, ctorArgs: encodeConstructorArgs(tokenAbi, ["N", "N", 100n]) });
    } else {
      txs.push({ kind: "call", sender, to: "/apps/nowhere", input: new Uint8Array([1, 2, 3, 4]) }); // no contract: status 19
    }
  }
  return txs.slice(0, Math.max(1, n));
}

const view = (rs: ExecResult[]) =>
  rs.map((x) => ({ status: x.status, output: toHex(x.output), revert: x.revertData ? toHex(x.revertData) : "", gas: x.gasUsed, message: x.message ?? "", logs: x.logs.map((l) => [l.address, ...l.topics.map(toHex), toHex(l.data)].join(",")) }));

const open: BlockExecutor[] = [];
afterAll(async () => {
  await Promise.all(open.map((e) => e.close()));
});

async function compare(seed: number, blocks: number, workers: number, renewEvery: number) {
  const r = rng(seed);
  const serial = new BlockExecutor({ workers: 0, crypto: "keccak" });
  open.push(serial);
  const sState = new InMemoryState();
  const pState = new InMemoryState();
  let parallel: BlockExecutor | undefined;
  const counts = { parallel: 0, fallbacks: 0, txs: 0 };
  const deployed = { count: 0 };
  const env = (i: number) => ({ block: { number: i + 1, timestamp: 1_700_000_000_000 + i }, gasLimit: r.next() < 0.05 ? 60_000 : 300_000_000 });
  for (let b = -1; b < blocks; b++) {
    if (!parallel || (b > 0 && b % renewEvery === 0)) {
      // a fresh executor from time to time: empty worker caches, and no barriers learned from wrong ABIs
      if (parallel) await parallel.close();
      parallel = new BlockExecutor({ workers, crypto: "keccak", inlineBelow: 1 + r.int(2) });
      open.push(parallel);
    }
    const txs = b < 0 ? setupBlock() : randomBlock(r, 1000, deployed);
    const e = b < 0 ? { block: { number: 0, timestamp: 1_700_000_000_000 }, gasLimit: 300_000_000 } : env(b);
    const want = await serial.execute(sState, txs, e);
    const got = await parallel.execute(pState, txs, e);
    const where = `seed ${seed}, block ${b} (${txs.length} txs, ${workers} workers)`;
    expect(view(got.results), where).toEqual(view(want.results));
    expect(pState.dump(), where).toBe(sState.dump());
    counts.parallel += got.stats.parallel;
    counts.fallbacks += got.stats.fallback ? 1 : 0;
    counts.txs += txs.length;
  }
  await parallel!.close();
  return counts;
}

describe("parallel execution equals serial execution", () => {
  it("on 1,000 random blocks with 2 worker threads", async () => {
    const seed = Number(process.env.PARALLEL_SEED ?? 20261123);
    const c = await compare(seed, 1000, 2, 100);
    // the property is only worth something if the workers did run transactions, and wrong ABIs were caught
    expect(c.parallel).toBeGreaterThan(c.txs / 10);
    expect(c.fallbacks).toBeGreaterThan(0);
  }, 240_000);

  it("on 200 random blocks with 1 worker thread", async () => {
    const c = await compare(7, 200, 1, 50);
    expect(c.parallel).toBeGreaterThan(0);
  }, 120_000);
});
