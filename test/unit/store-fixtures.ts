// Blocks for store tests: transactions with made-up signatures (the store
// does not check them), receipts, headers with real roots, and a helper that
// prepares and commits a block the way the node will.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { encodeHeader, encodeTxData } from "../../runtime/chain/codec.ts";
import { receiptsRoot, transactionsRoot } from "../../runtime/chain/merkle.ts";
import type { Block, Receipt, Transaction } from "../../runtime/chain/types.ts";
import { ChainStore } from "../../runtime/store/store.ts";
import type { StateDiff } from "../../runtime/store/diff.ts";

export const hash = (b: Uint8Array): Uint8Array => keccak_256(b);
export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
export const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** A fresh directory, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "weft-store-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function makeTx(nonce: string, to = "/apps/token"): Transaction {
  const data = { version: 0, chainId: "chain0", groupId: "group0", blockLimit: 500, nonce, to, input: bytes(`call ${nonce}`), abi: "" };
  return { data, hash: hash(encodeTxData(data)), signature: new Uint8Array(65).fill(7), sender: "0x" + "ab".repeat(20) };
}

export function makeReceipt(tx: Transaction, blockNumber: number, index: number, status = 0): Receipt {
  return {
    transactionHash: tx.hash, blockNumber, index, status, output: bytes(`out ${index}`), gasUsed: 1000 + index,
    logs: [{ address: tx.data.to, topics: [hash(bytes("Transfer"))], data: bytes("log") }], contractAddress: "",
    message: status === 0 ? "" : "reverted",
  };
}

/** The block after the store's head with these transactions (statuses by index) and state changes, prepared but not committed. */
export function nextBlock(store: ChainStore, txs: Transaction[], diff: StateDiff, failed: number[] = []): { block: Block; receipts: Receipt[]; prepared: ReturnType<ChainStore["prepare"]> } {
  const head = store.head();
  const number = head ? head.number + 1 : 0;
  const prepared = store.prepare(diff);
  const receipts = txs.map((tx, i) => makeReceipt(tx, number, i, failed.includes(i) ? 16 : 0));
  const header = {
    number, parentHash: head?.hash ?? new Uint8Array(32), timestamp: 1_767_225_600_000 + number * 1000,
    txRoot: transactionsRoot(hash, txs), receiptRoot: receiptsRoot(hash, receipts), stateRoot: prepared.stateRoot,
    gasUsed: receipts.reduce((s, r) => s + r.gasUsed, 0), sealer: new Uint8Array(64).fill(1), signature: new Uint8Array(65).fill(2),
  };
  return { block: { header, hash: hash(encodeHeader(header)), transactions: txs }, receipts, prepared };
}

/** Prepares and commits the next block; returns it. */
export async function commit(store: ChainStore, txs: Transaction[], diff: StateDiff, failed: number[] = []): Promise<Block> {
  const { block, receipts, prepared } = nextBlock(store, txs, diff, failed);
  await store.commitBlock(block, receipts, prepared);
  return block;
}

export const storageDiff = (address: string, entries: [string, string | undefined][]): StateDiff => ({
  storage: entries.map(([k, v]) => ({ address, key: bytes(k), value: v === undefined ? undefined : bytes(v) })),
  contracts: [],
});
