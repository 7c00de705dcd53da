// Storage proofs against a header's stateRoot and receipt proofs against its
// receiptRoot: what the store hands out verifies with the static, pure
// verifiers alone, and nothing altered does.
import { afterEach, describe, expect, it } from "vitest";
import { ChainStore } from "../../runtime/store/store.ts";
import type { ReceiptProof, StorageProof } from "../../runtime/store/proofs.ts";
import { bytes, commit, hash, makeTx, storageDiff, tempDir } from "./store-fixtures.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function chain(): Promise<ChainStore> {
  const t = tempDir();
  const store = await ChainStore.open(t.dir, { hash });
  cleanups.push(t.remove, () => store.close());
  const entries = Array.from({ length: 200 }, (_, i): [string, string] => [`balance/${i}`, `${i * 10}`]);
  await commit(store, [], {
    ...storageDiff("/apps/token", entries),
    contracts: [{ address: "/apps/token", code: new Uint8Array([1, 2, 3]), codeHash: "aa", abi: "[]" }],
  });
  return store;
}

describe("storage proofs", () => {
  it("prove present and absent keys against the head's stateRoot, and only that root", async () => {
    const store = await chain();
    const root0 = store.head()!.header.stateRoot;
    for (const key of ["balance/0", "balance/77", "balance/199", "balance/200", "missing", ""]) {
      const p = store.proveStorage("/apps/token", bytes(key));
      expect(p.blockNumber).toBe(0);
      expect(p.stateRoot).toEqual(root0);
      expect(p.value).toEqual(store.state.getStorage("/apps/token", bytes(key)));
      expect(ChainStore.verifyStorageProof(hash, root0, p), key).toBe(true);
    }
    const p = store.proveStorage("/apps/token", bytes("balance/5"));
    expect(p.value).toEqual(bytes("50"));
    expect(p.proof.steps.length).toBeGreaterThan(2); // ~log4(201) levels

    const forged: [string, StorageProof][] = [
      ["another value", { ...p, value: bytes("5000") }],
      ["claimed absent", { ...p, value: undefined }],
      ["another key", { ...p, key: bytes("balance/6") }],
      ["another contract", { ...p, address: "/apps/other" }],
      ["garbage", { ...p, proof: { steps: [{ digit: -1, siblings: [new Uint8Array(32)] }] } }],
      ["not a proof", null as unknown as StorageProof],
    ];
    for (const [what, f] of forged) expect(ChainStore.verifyStorageProof(hash, root0, f), what).toBe(false);

    // after the next block: the old proof holds for the old root only, a new one for the new root
    await commit(store, [], storageDiff("/apps/token", [["balance/5", "49"]]));
    const root1 = store.head()!.header.stateRoot;
    expect(ChainStore.verifyStorageProof(hash, root1, p)).toBe(false);
    expect(ChainStore.verifyStorageProof(hash, root0, p)).toBe(true);
    const p1 = store.proveStorage("/apps/token", bytes("balance/5"));
    expect(p1.value).toEqual(bytes("49"));
    expect(ChainStore.verifyStorageProof(hash, root1, p1)).toBe(true);
  });

  it("needs a block to prove against", async () => {
    const t = tempDir();
    const store = await ChainStore.open(t.dir, { hash });
    cleanups.push(t.remove, () => store.close());
    expect(() => store.proveStorage("/apps/token", bytes("k"))).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});

describe("receipt proofs", () => {
  it("prove every receipt of a block against its receiptRoot", async () => {
    const store = await chain();
    const txs = Array.from({ length: 11 }, (_, i) => makeTx(`r${i}`));
    const block = await commit(store, txs, storageDiff("/apps/token", [["x", "1"]]), [3]);
    for (const [i, tx] of txs.entries()) {
      const p = (await store.proveReceipt(tx.hash))!;
      expect(p.blockNumber).toBe(1);
      expect(p.blockHash).toEqual(block.hash);
      expect(p.receiptRoot).toEqual(block.header.receiptRoot);
      expect(p.receipt).toEqual(await store.getReceipt(tx.hash));
      expect(p.proof.index).toBe(i);
      expect(ChainStore.verifyReceiptProof(hash, block.header.receiptRoot, p), `receipt ${i}`).toBe(true);
    }
    expect(await store.proveReceipt(makeTx("none").hash)).toBeNull();

    const p = (await store.proveReceipt(txs[3]!.hash))!;
    expect(p.receipt.status).toBe(16);
    const forged: [string, ReceiptProof][] = [
      ["status changed", { ...p, receipt: { ...p.receipt, status: 0 } }],
      ["output changed", { ...p, receipt: { ...p.receipt, output: bytes("other") } }],
      ["index moved", { ...p, receipt: { ...p.receipt, index: 4 }, proof: { ...p.proof, index: 4 } }],
      ["proof index only", { ...p, proof: { ...p.proof, index: 2 } }],
      ["sibling dropped", { ...p, proof: { ...p.proof, siblings: p.proof.siblings.slice(1) } }],
      ["not a proof", { ...p, proof: undefined as unknown as ReceiptProof["proof"] }],
    ];
    for (const [what, f] of forged) expect(ChainStore.verifyReceiptProof(hash, block.header.receiptRoot, f), what).toBe(false);
    expect(ChainStore.verifyReceiptProof(hash, block.header.txRoot, p)).toBe(false);
  });
});
