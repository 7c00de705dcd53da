// runtime/store: blocks, transactions, receipts and state survive a reopen;
// the BlockState overlay; the state root depends only on the state; and
// commitBlock refuses what does not fit the head without changing anything.
import { afterEach, describe, expect, it } from "vitest";
import { ChainStore } from "../../runtime/store/store.ts";
import { BlockState } from "../../runtime/store/diff.ts";
import { EMPTY_ROOT } from "../../runtime/store/trie.ts";
import { ChainError } from "../../runtime/chain/errors.ts";
import { bytes, commit, hash, hex, makeTx, nextBlock, storageDiff, tempDir } from "./store-fixtures.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function fresh(): Promise<{ store: ChainStore; dir: string }> {
  const t = tempDir();
  const store = await ChainStore.open(t.dir, { hash });
  cleanups.push(t.remove, () => store.close());
  return { store, dir: t.dir };
}

const genesisDiff = {
  storage: [{ address: "/apps/token", key: bytes("supply"), value: bytes("1000") }],
  contracts: [{ address: "/apps/token", code: new Uint8Array([0, 97, 115, 109]), codeHash: "c0de", abi: '[{"type":"function","name":"transfer"}]' }],
};

describe("chain store", () => {
  it("keeps blocks, transactions, receipts, counters and state across a reopen", async () => {
    const { store, dir } = await fresh();
    expect(store.head()).toBeNull();
    expect(store.counts()).toEqual({ transactionCount: 0, failedTransactionCount: 0 });
    const genesis = await commit(store, [], genesisDiff);
    const txs = [makeTx("1"), makeTx("2"), makeTx("3")];
    const b1 = await commit(store, txs, storageDiff("/apps/token", [["alice", "10"], ["bob", "20"]]), [1]);
    const b2 = await commit(store, [makeTx("4")], storageDiff("/apps/token", [["alice", undefined], ["carol", "5"]]));
    await store.close();

    const again = await ChainStore.open(dir, { hash });
    cleanups.push(() => again.close());
    expect(again.head()?.number).toBe(2);
    expect(hex(again.head()!.hash)).toBe(hex(b2.hash));
    expect(again.counts()).toEqual({ transactionCount: 4, failedTransactionCount: 1 });
    const s = again.state;
    expect(s.getStorage("/apps/token", bytes("alice"))).toBeUndefined();
    expect(s.getStorage("/apps/token", bytes("bob"))).toEqual(bytes("20"));
    expect(s.getStorage("/apps/token", bytes("carol"), "carol")).toEqual(bytes("5"));
    expect(s.getStorage("/apps/token", bytes("supply"))).toEqual(bytes("1000"));
    expect(s.getCode("/apps/token")).toEqual(new Uint8Array([0, 97, 115, 109]));
    expect(s.getCodeHash("/apps/token")).toBe("c0de");
    expect(s.getAbi("/apps/token")).toEqual([{ type: "function", name: "transfer" }]);
    expect(s.getCode("/apps/none")).toBeUndefined();

    expect(await again.getBlockByNumber(1)).toEqual(b1);
    expect(await again.getBlockByHash(genesis.hash)).toEqual(genesis);
    expect(await again.getHeader(2)).toEqual({ header: b2.header, hash: b2.hash });
    expect(await again.getBlockByNumber(3)).toBeNull();
    expect(await again.getTransactionHashes(1)).toEqual(txs.map((t) => t.hash));
    expect(await again.getTransactionHashes(0)).toEqual([]);
    expect(await again.getTransactionHashes(3)).toBeNull();
    expect(await again.getBlockByHash(hash(bytes("nothing")))).toBeNull();
    expect(await again.getTransaction(txs[2]!.hash)).toEqual({ tx: txs[2], blockNumber: 1, index: 2 });
    const r = await again.getReceipt(txs[1]!.hash);
    expect(r).toMatchObject({ blockNumber: 1, index: 1, status: 16, message: "reverted" });
    expect(again.hasTransaction(txs[0]!.hash)).toBe(true);
    expect(again.hasTransaction(makeTx("99").hash)).toBe(false);
    expect(await again.getTransaction(makeTx("99").hash)).toBeNull();
    expect(await again.getReceipt(makeTx("99").hash)).toBeNull();
  });

  it("BlockState: later reads of a block see its earlier writes; the committed state changes only on commit", async () => {
    const { store } = await fresh();
    await commit(store, [], genesisDiff);
    const block = new BlockState(store.state);
    expect(block.getStorage("/apps/token", bytes("supply"))).toEqual(bytes("1000"));
    block.setStorage("/apps/token", bytes("supply"), bytes("999"));
    block.setStorage("/apps/token", bytes("zed"), bytes("1"));
    block.setStorage("/apps/token", bytes("amy"), bytes("2"));
    block.setStorage("/apps/token", bytes("amy"), new Uint8Array(0)); // empty deletes, as in InMemoryState
    block.setStorage("/apps/other", bytes("k"), bytes("v"));
    block.setAbi("/apps/token", [{ type: "event", name: "E" }]);
    block.setCode("/apps/new", new Uint8Array([1, 2]), "beef");
    expect(block.getStorage("/apps/token", bytes("supply"))).toEqual(bytes("999"));
    expect(block.getStorage("/apps/token", bytes("amy"))).toBeUndefined();
    expect(block.getAbi("/apps/token")).toEqual([{ type: "event", name: "E" }]);
    expect(block.getCode("/apps/token")).toEqual(genesisDiff.contracts[0]!.code);
    expect(block.getCodeHash("/apps/new")).toBe("beef");
    expect(store.state.getStorage("/apps/token", bytes("supply"))).toEqual(bytes("1000"));
    expect(() => store.state.setStorage("/apps/token", bytes("x"), bytes("y"))).toThrow(/read-only/);

    const diff = block.diff();
    expect(diff.storage.map((w) => `${w.address} ${new TextDecoder().decode(w.key)} ${w.value ? new TextDecoder().decode(w.value) : "-"}`)).toEqual([
      "/apps/other k v", "/apps/token amy -", "/apps/token supply 999", "/apps/token zed 1",
    ]);
    expect(diff.contracts).toEqual([
      { address: "/apps/new", code: new Uint8Array([1, 2]), codeHash: "beef", abi: "" },
      { address: "/apps/token", code: genesisDiff.contracts[0]!.code, codeHash: "c0de", abi: '[{"type":"event","name":"E"}]' },
    ]);
    await commit(store, [], diff);
    expect(store.state.getStorage("/apps/token", bytes("supply"))).toEqual(bytes("999"));
    expect(store.state.getStorage("/apps/other", bytes("k"))).toEqual(bytes("v"));
    expect(store.state.getAbi("/apps/token")).toEqual([{ type: "event", name: "E" }]);
    expect(store.state.getCodeHash("/apps/new")).toBe("beef");
  });

  it("has a state root that depends only on the state, not on how it was reached", async () => {
    const a = (await fresh()).store;
    const b = (await fresh()).store;
    expect(a.prepare({ storage: [], contracts: [] }).stateRoot).toEqual(EMPTY_ROOT);
    await commit(a, [], storageDiff("/c", [["k1", "1"], ["k2", "2"], ["k3", "3"]]));
    await commit(b, [], storageDiff("/c", [["k3", "x"], ["k9", "9"]]));
    await commit(b, [], storageDiff("/c", [["k2", "2"], ["k9", undefined], ["k3", "3"]]));
    await commit(b, [], storageDiff("/c", [["k1", "0"], ["k1", "1"]])); // the last write of a key wins
    expect(hex(b.head()!.header.stateRoot)).toBe(hex(a.head()!.header.stateRoot));
    // a write that changes nothing leaves the root as it is; any change moves it
    expect(a.prepare(storageDiff("/c", [["k1", "1"]])).stateRoot).toEqual(a.head()!.header.stateRoot);
    for (const diff of [storageDiff("/c", [["k1", "2"]]), storageDiff("/d", [["k1", "1"]]), storageDiff("/c", [["k1", undefined]])]) {
      expect(hex(a.prepare(diff).stateRoot)).not.toBe(hex(a.head()!.header.stateRoot));
    }
    // any address length: nothing a transaction names can make a block fail to prepare
    expect(a.prepare(storageDiff("/x".repeat(40_000), [["k", "v"]])).stateRoot).toHaveLength(32);
    // the address and key are told apart even where their bytes run together
    expect(hex(a.prepare(storageDiff("/c/", [["k1", "1"]])).stateRoot)).not.toBe(hex(a.prepare(storageDiff("/c", [["/k1", "1"]])).stateRoot));
  });

  it("refuses blocks that do not follow the head, and changes nothing when it does", async () => {
    const { store } = await fresh();
    await commit(store, [], genesisDiff);
    const head = store.head()!;
    const tx = makeTx("a");
    const good = nextBlock(store, [tx], storageDiff("/apps/token", [["x", "1"]]));
    const refusals: [string, () => Promise<void>][] = [
      ["number", () => store.commitBlock({ ...good.block, header: { ...good.block.header, number: 5 } }, good.receipts, good.prepared)],
      ["parent", () => commitWith({ parentHash: hash(bytes("other")) })],
      ["state root", () => commitWith({ stateRoot: hash(bytes("other")) })],
      ["block hash", () => store.commitBlock({ ...good.block, hash: hash(bytes("x")) }, good.receipts, good.prepared)],
      ["receipts", () => store.commitBlock(good.block, [], good.prepared)],
      ["receipt order", () => store.commitBlock(good.block, [{ ...good.receipts[0]!, index: 1 }], good.prepared)],
      ["twice in a block", () => { const t = nextBlock(store, [tx, tx], { storage: [], contracts: [] }); return store.commitBlock(t.block, t.receipts, t.prepared); }],
    ];
    async function commitWith(change: object): Promise<void> {
      const header = { ...good.block.header, ...change };
      const { encodeHeader } = await import("../../runtime/chain/codec.ts");
      await store.commitBlock({ ...good.block, header, hash: hash(encodeHeader(header)) }, good.receipts, good.prepared);
    }
    for (const [what, f] of refusals) {
      await expect(f(), what).rejects.toThrow(ChainError);
      expect(store.head(), what).toBe(head);
    }
    expect(store.state.getStorage("/apps/token", bytes("x"))).toBeUndefined();

    // a write that fails leaves memory as it was; the same prepared block commits afterwards
    const db = (store as unknown as { db: { batch: (...a: unknown[]) => Promise<void> } }).db;
    const batch = db.batch.bind(db);
    db.batch = () => Promise.reject(new Error("disk full"));
    await expect(store.commitBlock(good.block, good.receipts, good.prepared)).rejects.toThrow("disk full");
    expect(store.head()).toBe(head);
    expect(store.state.getStorage("/apps/token", bytes("x"))).toBeUndefined();
    expect(store.hasTransaction(tx.hash)).toBe(false);
    db.batch = batch;
    await store.commitBlock(good.block, good.receipts, good.prepared);
    expect(store.head()!.number).toBe(1);
    expect(store.state.getStorage("/apps/token", bytes("x"))).toEqual(bytes("1"));

    // prepared on a state that is no longer the head's; a transaction already in a block
    const stale = nextBlock(store, [makeTx("b")], storageDiff("/apps/token", [["y", "1"]]));
    await commit(store, [], storageDiff("/apps/token", [["z", "1"]]));
    await expect(store.commitBlock(stale.block, stale.receipts, stale.prepared)).rejects.toThrow(/prepared on another state/);
    await expect(commit(store, [tx], { storage: [], contracts: [] })).rejects.toThrow(/already in a block/);
    expect(store.head()!.number).toBe(2);
  });

  it("reports a closed store, and a store in use by another process", async () => {
    const { store, dir } = await fresh();
    await expect(ChainStore.open(dir, { hash })).rejects.toThrow(/in use by another process/);
    await store.close();
    expect(() => store.head()).not.toThrow();
    expect(() => store.hasTransaction(new Uint8Array(32))).toThrow(expect.objectContaining({ code: "NODE_STOPPED" }));
    await expect(store.getReceipt(new Uint8Array(32))).rejects.toMatchObject({ code: "NODE_STOPPED" });
  });
});
