// The store under the real VM: a token deployed and used through
// BlockStates over the committed state, blocks committed, the store
// reopened — code, code hash, ABI and balances come back as the VM left
// them, and the reopened state runs the contract.
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { compile } from "../../compiler/index.ts";
import { Vm, abi, checksumAddress } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import type { ChainState } from "../../vm/state.ts";
import { ChainStore } from "../../runtime/store/store.ts";
import { BlockState } from "../../runtime/store/diff.ts";
import { commit, hash, tempDir } from "./store-fixtures.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

const source = readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8");
const built = compile({ sources: { "token.weft": source }, contracts: ["Token"] });
if (!built.ok) throw new Error("examples/token.weft does not compile");
const tokenAbi = built.contracts[0]!.abi as unknown as Abi;
const alice = "0x" + "a1".repeat(20);
const bob = "0x" + "b0".repeat(20);
const block = (number: number) => ({ number, timestamp: 1_767_225_600_000 + number * 1000 });

const call = (state: ChainState, fn: string, args: unknown[], number: number, commitIt = true) => {
  const r = new Vm({ state, crypto: "keccak" }).call({
    to: "/apps/token", input: abi.encodeCall(abi.findFunction(tokenAbi, fn), args, "keccak"), sender: alice, gasLimit: 10_000_000, block: block(number), commit: commitIt,
  });
  expect(r.status, r.message).toBe(0);
  return abi.decodeOutput(abi.findFunction(tokenAbi, fn), r.output)[0];
};

describe("chain store with the VM", () => {
  it("keeps what the VM wrote across blocks and a reopen, and runs contracts from the reopened state", async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    let store = await ChainStore.open(t.dir, { hash });
    cleanups.push(() => store.close());

    const genesis = new BlockState(store.state);
    const d = new Vm({ state: genesis, crypto: "keccak" }).deploy({
      address: "/apps/token", code: built.contracts[0]!.wasm, ctorArgs: abi.encodeConstructorArgs(tokenAbi, ["Coin", "C", 1000n]), abi: tokenAbi, sender: alice, gasLimit: 100_000_000, block: block(0),
    });
    expect(d.status, d.message).toBe(0);
    await commit(store, [], genesis.diff());

    // two transfers in one block: the second sees the first's balances
    const b1 = new BlockState(store.state);
    call(b1, "transfer", [bob, 100n], 1);
    call(b1, "transfer", [bob, 50n], 1);
    expect(call(store.state, "balanceOf", [bob], 1, false)).toBe(0n); // not committed yet
    await commit(store, [], b1.diff());
    expect(call(store.state, "balanceOf", [bob], 2, false)).toBe(150n);

    const codeHash = store.state.getCodeHash("/apps/token");
    const root = store.head()!.header.stateRoot;
    await store.close();
    store = await ChainStore.open(t.dir, { hash });
    expect(store.state.getCode("/apps/token")).toEqual(genesis.getCode("/apps/token"));
    expect(store.state.getCodeHash("/apps/token")).toBe(codeHash);
    expect(store.state.getAbi("/apps/token")).toEqual(JSON.parse(JSON.stringify(tokenAbi)));
    expect(store.head()!.header.stateRoot).toEqual(root);
    expect(call(store.state, "balanceOf", [bob], 2, false)).toBe(150n);
    expect(call(store.state, "balanceOf", [checksumAddress(alice, "keccak")], 2, false)).toBe(850n); // the caller's form the VM hands over
    // and a balance proves against the header's root like any storage entry
    const b2 = new BlockState(store.state);
    call(b2, "transfer", [bob, 1n], 2);
    const diff = b2.diff();
    await commit(store, [], diff);
    for (const w of diff.storage) {
      const p = store.proveStorage(w.address, w.key);
      expect(p.value).toEqual(w.value);
      expect(ChainStore.verifyStorageProof(hash, store.head()!.header.stateRoot, p)).toBe(true);
    }
  });
});
