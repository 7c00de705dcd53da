// Proofs a client can check against a block header alone: a storage entry
// against the header's stateRoot (the state trie, trie.ts), a receipt
// against its receiptRoot (chain/merkle.ts). The verifiers are pure.
import { merkleProof, receiptHash, verifyMerkleProof, type MerkleProof } from "../chain/merkle.ts";
import type { BlockHeader, Receipt } from "../chain/types.ts";
import { verifyTrieProof, type HashFn, type TrieProof } from "./trie.ts";
import { corrupt, encodeAddress, storageKey } from "./layout.ts";

/** A storage entry's value (undefined: absent) at a block, with the trie path that shows it. */
export interface StorageProof {
  address: string;
  key: Uint8Array;
  value: Uint8Array | undefined;
  blockNumber: number;
  stateRoot: Uint8Array;
  proof: TrieProof;
}

/** A receipt with the Merkle path to its block's receiptRoot. */
export interface ReceiptProof {
  receipt: Receipt;
  blockNumber: number;
  blockHash: Uint8Array;
  receiptRoot: Uint8Array;
  proof: MerkleProof;
}

/** Where a storage entry lives in the state trie: H(0x73 ‖ SCALE(address) ‖ key). */
export function storagePath(hash: HashFn, address: string, key: Uint8Array): Uint8Array {
  return hash(storageKey(encodeAddress(address), key));
}

/** Whether `p` shows its value (or absence) under `stateRoot`. Never throws. */
export function verifyStorageProof(hash: HashFn, stateRoot: Uint8Array, p: StorageProof): boolean {
  try {
    if (typeof p?.address !== "string" || !(p.key instanceof Uint8Array)) return false;
    return verifyTrieProof(hash, stateRoot, storagePath(hash, p.address, p.key), p.value, p.proof);
  } catch {
    return false;
  }
}

/**
 * The proof of `receipt` among its block's stored receipts (encodeReceipt
 * bytes, in block order). Checked before it is handed out: a damaged receipt
 * on its path is STORE_CORRUPT, not a proof that fails later.
 */
export function receiptProof(hash: HashFn, receipt: Receipt, block: { header: BlockHeader; hash: Uint8Array }, stored: Uint8Array[]): ReceiptProof {
  const leaves = stored.map((bytes) => hash(bytes));
  const proof = merkleProof(hash, leaves, receipt.index);
  const p = { receipt, blockNumber: receipt.blockNumber, blockHash: block.hash, receiptRoot: block.header.receiptRoot, proof };
  if (!verifyReceiptProof(hash, block.header.receiptRoot, p)) throw corrupt(`the receipts of block ${receipt.blockNumber} do not match its receiptRoot`);
  return p;
}

/** Whether `p` shows its receipt, at the receipt's own index, under `receiptRoot`. Never throws. */
export function verifyReceiptProof(hash: HashFn, receiptRoot: Uint8Array, p: ReceiptProof): boolean {
  try {
    if (p.proof.index !== p.receipt.index) return false;
    return verifyMerkleProof(hash, receiptRoot, receiptHash(hash, p.receipt), p.proof);
  } catch {
    return false;
  }
}
