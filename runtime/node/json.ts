// The JSON forms of runtime/node/api.ts, built from the chain's data.
import type { Block, BlockHeader, LogEntry, Receipt, Transaction } from "../chain/types.ts";
import type { BlockHeaderJson, BlockJson, LogJson, ReceiptJson, TransactionJson } from "./api.ts";

export function hex(b: Uint8Array): string {
  return "0x" + Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

export function logJson(l: LogEntry): LogJson {
  return { address: l.address, topics: l.topics.map(hex), data: hex(l.data) };
}

export function receiptJson(r: Receipt, tx: Transaction): ReceiptJson {
  return {
    version: 0,
    transactionHash: hex(r.transactionHash),
    blockNumber: r.blockNumber,
    transactionIndex: r.index,
    status: r.status,
    output: hex(r.output),
    gasUsed: String(r.gasUsed),
    logEntries: r.logs.map(logJson),
    contractAddress: r.contractAddress,
    from: tx.sender,
    to: tx.data.to,
    message: r.message,
  };
}

export function transactionJson(tx: Transaction, at?: { blockNumber: number; index: number }): TransactionJson {
  const d = tx.data;
  const out: TransactionJson = {
    version: d.version,
    hash: hex(tx.hash),
    chainID: d.chainId,
    groupID: d.groupId,
    blockLimit: d.blockLimit,
    nonce: d.nonce,
    to: d.to,
    input: hex(d.input),
    abi: d.abi,
    from: tx.sender,
    signature: hex(tx.signature),
  };
  if (at) {
    out.blockNumber = at.blockNumber;
    out.transactionIndex = at.index;
  }
  return out;
}

export function headerJson(h: BlockHeader, hash: Uint8Array): BlockHeaderJson {
  return {
    number: h.number,
    hash: hex(hash),
    parentHash: hex(h.parentHash),
    timestamp: h.timestamp,
    transactionsRoot: hex(h.txRoot),
    receiptsRoot: hex(h.receiptRoot),
    stateRoot: hex(h.stateRoot),
    gasUsed: String(h.gasUsed),
    sealer: hex(h.sealer),
    signature: hex(h.signature),
  };
}

export function blockJson(b: Block, full: boolean): BlockJson {
  return {
    ...headerJson(b.header, b.hash),
    transactions: b.transactions.map((tx, index) => (full ? transactionJson(tx, { blockNumber: b.header.number, index }) : hex(tx.hash))),
  };
}
