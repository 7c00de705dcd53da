// Run by store-crash.test.ts: commits the workload's blocks after the
// store's head, forever, printing "<number> <block hash> <tx hashes…>" once
// commitBlock has resolved. The test kills it with SIGKILL at random.
import { encodeHeader } from "../../runtime/chain/codec.ts";
import { receiptsRoot, transactionsRoot } from "../../runtime/chain/merkle.ts";
import type { Receipt } from "../../runtime/chain/types.ts";
import { ChainStore } from "../../runtime/store/store.ts";
import { diffFor, failedOf, hash, txsFor } from "./store-workload.ts";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const store = await ChainStore.open(process.argv[2]!, { hash });
for (;;) {
  const head = store.head();
  const number = head ? head.number + 1 : 0;
  const txs = txsFor(number);
  const failed = failedOf(number);
  const prepared = store.prepare(diffFor(number, store.state));
  const receipts: Receipt[] = txs.map((tx, index) => ({
    transactionHash: tx.hash, blockNumber: number, index, status: failed.includes(index) ? 16 : 0, output: new Uint8Array([index]),
    gasUsed: 100 + index, logs: [], contractAddress: "", message: "",
  }));
  const header = {
    number, parentHash: head?.hash ?? new Uint8Array(32), timestamp: 1_767_225_600_000 + number, txRoot: transactionsRoot(hash, txs),
    receiptRoot: receiptsRoot(hash, receipts), stateRoot: prepared.stateRoot, gasUsed: 0, sealer: new Uint8Array(64), signature: new Uint8Array(0),
  };
  const block = { header, hash: hash(encodeHeader(header)), transactions: txs };
  await store.commitBlock(block, receipts, prepared);
  // one write of less than PIPE_BUF bytes: the test never sees half a line
  process.stdout.write(`${number} ${hex(block.hash)} ${txs.map((t) => hex(t.hash)).join(" ")}\n`);
}
