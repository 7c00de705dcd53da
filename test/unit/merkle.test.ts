// runtime/chain/merkle.ts: the tx and receipt trees. With SHA-256 the tree
// is RFC 6962's, so published vectors pin the hashing; an independent
// recursive definition pins the shape for every size; every proof verifies
// and every tampered one does not.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { keccak_256 } from "@noble/hashes/sha3.js";
import {
  merkleProof, merkleRoot, receiptHash, receiptsRoot, transactionsRoot, verifyMerkleProof, type MerkleProof,
} from "../../runtime/chain/merkle.ts";
import { encodeReceipt } from "../../runtime/chain/codec.ts";
import type { Receipt } from "../../runtime/chain/types.ts";

const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash("sha256").update(b).digest());
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** RFC 6962 section 2.1, written the other way round (split at the largest power of two below n). */
function mth(items: Uint8Array[]): Uint8Array {
  if (items.length === 0) return sha256(new Uint8Array(0));
  if (items.length === 1) return sha256(new Uint8Array([0, ...items[0]!]));
  let k = 1;
  while (k * 2 < items.length) k *= 2;
  return sha256(new Uint8Array([1, ...mth(items.slice(0, k)), ...mth(items.slice(k))]));
}

const items = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => sha256(new Uint8Array([i, i >> 8])));

describe("merkle tree", () => {
  it("matches RFC 6962 vectors with SHA-256", () => {
    expect(hex(merkleRoot(sha256, []))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(merkleRoot(sha256, [new Uint8Array(0)]))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    expect(hex(merkleRoot(sha256, [text("L123456")]))).toBe("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    expect(hex(merkleRoot(sha256, [text("N123"), text("N456")]))).toBe("dc9a0536ff2e196d5a628a5bf377ab247bbddf83342be39699461c1e766e6646");
  });

  it("has RFC 6962's shape for every size up to 70", () => {
    for (let n = 0; n <= 70; n++) expect(hex(merkleRoot(sha256, items(n))), `n = ${n}`).toBe(hex(mth(items(n))));
  });

  it("differs when an odd last item is duplicated (no CVE-2012-2459)", () => {
    const three = items(3);
    expect(hex(merkleRoot(sha256, three))).not.toBe(hex(merkleRoot(sha256, [...three, three[2]!])));
  });

  it("proves every item of every size up to 40", () => {
    for (let n = 1; n <= 40; n++) {
      const list = items(n);
      const root = merkleRoot(keccak_256, list);
      for (let i = 0; i < n; i++) {
        const proof = merkleProof(keccak_256, list, i);
        expect(proof.siblings.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyMerkleProof(keccak_256, root, list[i]!, proof), `n = ${n}, i = ${i}`).toBe(true);
      }
    }
  });

  it("rejects tampered proofs, items, roots and malformed input", () => {
    const list = items(13);
    const root = merkleRoot(keccak_256, list);
    const proof = merkleProof(keccak_256, list, 6);
    const bad: [string, Uint8Array, MerkleProof, Uint8Array][] = [
      ["other item", list[7]!, proof, root],
      ["other index", list[6]!, { ...proof, index: 7 }, root],
      ["other count", list[6]!, { ...proof, count: 7 }, root],
      ["index past count", list[6]!, { ...proof, index: 13 }, root],
      ["negative index", list[6]!, { ...proof, index: -1 }, root],
      ["sibling flipped", list[6]!, { ...proof, siblings: proof.siblings.map((s, k) => (k === 1 ? flip(s) : s)) }, root],
      ["sibling missing", list[6]!, { ...proof, siblings: proof.siblings.slice(1) }, root],
      ["sibling extra", list[6]!, { ...proof, siblings: [...proof.siblings, root] }, root],
      ["short sibling", list[6]!, { ...proof, siblings: [proof.siblings[0]!.slice(1), ...proof.siblings.slice(1)] }, root],
      ["other root", list[6]!, proof, flip(root)],
      // an inner node presented as a leaf, with the proof of its subtree's position
      ["inner as leaf", innerOf(list, 6), { index: 3, count: 7, siblings: proof.siblings.slice(1) }, root],
    ];
    for (const [what, item, p, r] of bad) expect(verifyMerkleProof(keccak_256, r, item, p), what).toBe(false);
    expect(verifyMerkleProof(keccak_256, root, list[6]!, null as unknown as MerkleProof)).toBe(false);
    expect(verifyMerkleProof(keccak_256, root, list[6]!, { index: 6, count: 13, siblings: "x" } as unknown as MerkleProof)).toBe(false);
    expect(() => merkleProof(keccak_256, list, 13)).toThrow(/no item 13/);
  });

  it("builds the header roots from transactions and receipts in block order", () => {
    const txs = items(5).map((hash) => ({ hash }));
    expect(transactionsRoot(keccak_256, txs)).toEqual(merkleRoot(keccak_256, txs.map((t) => t.hash)));
    const receipts: Receipt[] = txs.map((t, index) => ({
      transactionHash: t.hash, blockNumber: 3, index, status: index === 2 ? 16 : 0, output: new Uint8Array([index]),
      gasUsed: 21000 + index, logs: [], contractAddress: "", message: "",
    }));
    expect(receiptHash(keccak_256, receipts[1]!)).toEqual(keccak_256(encodeReceipt(receipts[1]!)));
    const root = receiptsRoot(keccak_256, receipts);
    expect(root).toEqual(merkleRoot(keccak_256, receipts.map((r) => receiptHash(keccak_256, r))));
    expect(receiptsRoot(keccak_256, [receipts[1]!, receipts[0]!, ...receipts.slice(2)])).not.toEqual(root);
  });
});

function flip(b: Uint8Array): Uint8Array {
  const c = b.slice();
  c[0]! ^= 1;
  return c;
}

/** The inner node over leaves 6 and 7 of the keccak tree (what a forger would present as an item). */
function innerOf(list: Uint8Array[], i: number): Uint8Array {
  const leaf = (x: Uint8Array) => keccak_256(new Uint8Array([0, ...x]));
  return keccak_256(new Uint8Array([1, ...leaf(list[i]!), ...leaf(list[i + 1]!)]));
}
