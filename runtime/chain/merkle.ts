// Binary Merkle trees over a block's transaction hashes and receipt hashes
// (the header's txRoot and receiptRoot), with inclusion proofs. Pure: the
// chain's suite hash (keccak-256 or SM3) is passed in.
//
// Shape (RFC 6962 style domain separation, so a leaf can never pass for an
// inner node or the other way round):
//   leaf  = H(0x00 ‖ item)          item: a 32-byte tx hash or receipt hash
//   inner = H(0x01 ‖ left ‖ right)
// Levels are built pairwise from the left; an odd last node is carried up
// unchanged (not paired with itself, which would let two different lists
// share a root, as Bitcoin's tree does). The root of no items is H(empty).
// A proof holds the item's index, the number of items and the siblings from
// the leaf up; the count fixes where the carried-up nodes are. The root does
// not commit to the count, so a proof shows that the item is in the tree, not
// its position: a receipt carries its own index and block number, and a
// transaction's position comes with its receipt.
import { ChainError } from "./errors.ts";
import { encodeReceipt } from "./codec.ts";
import type { Receipt, Transaction } from "./types.ts";

export type HashFn = (data: Uint8Array) => Uint8Array;

export interface MerkleProof {
  /** The item's position in the list. */
  index: number;
  /** How many items the list has. */
  count: number;
  /** Sibling hashes from the leaf level up (carried-up levels have none). */
  siblings: Uint8Array[];
}

const LEAF = 0x00;
const INNER = 0x01;

function leafHash(hash: HashFn, item: Uint8Array, buf: Uint8Array): Uint8Array {
  if (buf.length !== item.length + 1) buf = new Uint8Array(item.length + 1);
  buf[0] = LEAF;
  buf.set(item, 1);
  return hash(buf);
}

function innerHash(hash: HashFn, left: Uint8Array, right: Uint8Array, buf: Uint8Array): Uint8Array {
  buf[0] = INNER;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return hash(buf);
}

/** The levels of the tree, leaves first, root level (one node) last. */
function levels(hash: HashFn, items: readonly Uint8Array[]): Uint8Array[][] {
  const leafBuf = new Uint8Array(33);
  const innerBuf = new Uint8Array(65);
  let level = items.map((it) => leafHash(hash, it, leafBuf));
  const out = [level];
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(innerHash(hash, level[i]!, level[i + 1]!, innerBuf));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    out.push((level = next));
  }
  return out;
}

/** The root over `items` (32-byte hashes, in block order). */
export function merkleRoot(hash: HashFn, items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return hash(new Uint8Array(0));
  const ls = levels(hash, items);
  return ls[ls.length - 1]![0]!;
}

/** A proof that items[index] is in the tree whose root merkleRoot(hash, items) gives. */
export function merkleProof(hash: HashFn, items: readonly Uint8Array[], index: number): MerkleProof {
  if (!Number.isSafeInteger(index) || index < 0 || index >= items.length) {
    throw new ChainError("BAD_ARGUMENT", `no item ${index} in a list of ${items.length}`);
  }
  const siblings: Uint8Array[] = [];
  let i = index;
  for (const level of levels(hash, items)) {
    if (level.length === 1) break;
    const j = i ^ 1;
    if (j < level.length) siblings.push(level[j]!);
    i >>= 1;
  }
  return { index, count: items.length, siblings };
}

/**
 * Whether `proof` shows `item` at proof.index in a list whose root is
 * `root`. Never throws: a malformed proof is simply false.
 */
export function verifyMerkleProof(hash: HashFn, root: Uint8Array, item: Uint8Array, proof: MerkleProof): boolean {
  const { index, count, siblings } = proof ?? {};
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 0 || index >= count) return false;
  if (!Array.isArray(siblings) || !(item instanceof Uint8Array)) return false;
  const buf = new Uint8Array(65);
  let node = leafHash(hash, item, new Uint8Array(item.length + 1));
  let i = index;
  let n = count;
  let used = 0;
  while (n > 1) {
    const j = i ^ 1;
    if (j < n) {
      const s = siblings[used++];
      if (!(s instanceof Uint8Array) || s.length !== node.length) return false;
      node = i % 2 === 0 ? innerHash(hash, node, s, buf) : innerHash(hash, s, node, buf);
    }
    i >>= 1;
    n = (n + 1) >> 1;
  }
  return used === siblings.length && equalBytes(node, root);
}

/** The header's txRoot: over the transactions' hashes in block order. */
export function transactionsRoot(hash: HashFn, txs: readonly Pick<Transaction, "hash">[]): Uint8Array {
  return merkleRoot(hash, txs.map((t) => t.hash));
}

/** What the receipt tree's leaves are made of: the hash of the receipt's canonical encoding. */
export function receiptHash(hash: HashFn, receipt: Receipt): Uint8Array {
  return hash(encodeReceipt(receipt));
}

/** The header's receiptRoot: over the receipts' hashes in block order. */
export function receiptsRoot(hash: HashFn, receipts: readonly Receipt[]): Uint8Array {
  return merkleRoot(hash, receipts.map((r) => receiptHash(hash, r)));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
