// runtime/store/trie.ts: the state trie's root follows its definition
// (docs/state.md) for any set of leaves, does not depend on the order of
// writes, edits leave the old trie intact, and proofs of presence and of
// absence verify while tampered ones do not.
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { EMPTY_ROOT, StateTrie, digitAt, verifyTrieProof, type TrieProof } from "../../runtime/store/trie.ts";

const H = keccak_256;
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** A small deterministic generator (xorshift32), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const pathOf = (i: number): Uint8Array => H(new Uint8Array([i & 255, (i >> 8) & 255, i >> 16]));

/** The definition, straight: split the set at the first digit where its paths disagree. */
function definitionRoot(entries: Map<string, Uint8Array>): Uint8Array {
  const leaves = [...entries].map(([p, v]) => ({ path: Buffer.from(p, "hex"), value: v }));
  const rec = (set: typeof leaves, from: number): Uint8Array => {
    if (set.length === 0) return new Uint8Array(32);
    if (set.length === 1) return H(new Uint8Array([0, ...set[0]!.path, ...set[0]!.value]));
    for (let d = from; d < 128; d++) {
      const groups = [0, 1, 2, 3].map((k) => set.filter((l) => digitAt(l.path, d) === k));
      if (groups.some((g) => g.length === set.length)) continue;
      return H(new Uint8Array([1, d, ...groups.flatMap((g) => [...rec(g, d + 1)])]));
    }
    throw new Error("duplicate path");
  };
  return leaves.length === 0 ? EMPTY_ROOT : rec(leaves, 0);
}

describe("state trie", () => {
  it("has the defined root, whatever the order of writes, and edits leave the old trie as it was", () => {
    const next = rng(7);
    const model = new Map<string, Uint8Array>();
    let trie = StateTrie.empty(H);
    expect(trie.rootHash()).toEqual(EMPTY_ROOT);
    for (let round = 0; round < 30; round++) {
      const writes: { path: Uint8Array; value: Uint8Array | undefined }[] = [];
      for (let k = next() % 40; k > 0; k--) {
        const path = pathOf(next() % 150);
        // deletes of present and absent paths, new paths, overwrites, the same path twice in one edit
        const value = next() % 4 === 0 ? undefined : new Uint8Array([next() & 255, round]);
        writes.push({ path, value });
      }
      const before = trie;
      const beforeRoot = hex(before.rootHash());
      const beforeModel = new Map(model);
      trie = trie.edit(writes);
      for (const w of writes) {
        if (w.value) model.set(hex(w.path), w.value);
        else model.delete(hex(w.path));
      }
      expect(hex(trie.rootHash()), `round ${round}`).toBe(hex(definitionRoot(model)));
      expect(trie.size).toBe(model.size);
      // the old trie: same root (recomputed from scratch, not cached) and same contents
      expect(hex(StateTrie.build(H, [...beforeModel].map(([p, v]) => ({ path: Buffer.from(p, "hex"), value: v }))).rootHash())).toBe(beforeRoot);
      expect(hex(before.rootHash())).toBe(beforeRoot);
      for (const [p, v] of beforeModel) expect(before.get(Buffer.from(p, "hex"))).toEqual(v);
      // the same state built in one go, from leaves in another order
      const shuffled = [...model].reverse().map(([p, v]) => ({ path: Buffer.from(p, "hex"), value: v }));
      expect(hex(StateTrie.build(H, shuffled).rootHash())).toBe(hex(trie.rootHash()));
    }
    // deleting everything gives the empty root back
    trie = trie.edit([...model.keys()].map((p) => ({ path: Buffer.from(p, "hex"), value: undefined })));
    expect(trie.rootHash()).toEqual(EMPTY_ROOT);
    expect(trie.size).toBe(0);
  });

  it("edits of a large trie give the root of the same entries built from scratch", () => {
    const next = rng(11);
    const model = new Map<string, Uint8Array>();
    for (let i = 0; i < 3000; i++) model.set(hex(pathOf(i)), new Uint8Array([i & 255]));
    const build = () => StateTrie.build(H, [...model].map(([p, v]) => ({ path: Buffer.from(p, "hex"), value: v })));
    let trie = build();
    for (let round = 0; round < 4; round++) {
      const writes = Array.from({ length: 800 }, () => {
        const path = pathOf(next() % 4000);
        return { path, value: next() % 3 === 0 ? undefined : new Uint8Array([round, next() & 255]) };
      });
      trie = trie.edit(writes);
      for (const w of writes) {
        if (w.value) model.set(hex(w.path), w.value);
        else model.delete(hex(w.path));
      }
      expect(hex(trie.rootHash()), `round ${round}`).toBe(hex(build().rootHash()));
      expect(trie.size).toBe(model.size);
    }
  });

  it("proves presence and absence for every path, in tries of 0, 1, 2 and many leaves", () => {
    for (const n of [0, 1, 2, 3, 50]) {
      const leaves = Array.from({ length: n }, (_, i) => ({ path: pathOf(i), value: new Uint8Array([i, 1]) }));
      const trie = StateTrie.build(H, leaves);
      const root = trie.rootHash();
      for (let i = 0; i < n + 20; i++) {
        const { value, proof } = trie.prove(pathOf(i));
        expect(value, `n = ${n}, i = ${i}`).toEqual(i < n ? new Uint8Array([i, 1]) : undefined);
        expect(verifyTrieProof(H, root, pathOf(i), value, proof), `n = ${n}, i = ${i}`).toBe(true);
        // the opposite claim fails: absent for a present path, some value for an absent one
        expect(verifyTrieProof(H, root, pathOf(i), value ? undefined : new Uint8Array([i, 1]), proof)).toBe(false);
      }
    }
  });

  it("rejects tampered proofs", () => {
    const trie = StateTrie.build(H, Array.from({ length: 64 }, (_, i) => ({ path: pathOf(i), value: new Uint8Array([i]) })));
    const root = trie.rootHash();
    const present = trie.prove(pathOf(5));
    // both kinds of absence: the walk ends at another entry's leaf, or at an empty slot
    const absentAt = (leafEnd: boolean): number => {
      for (let i = 64; ; i++) if ((trie.prove(pathOf(i)).proof.other !== undefined) === leafEnd) return i;
    };
    const [otherLeaf, emptySlot] = [absentAt(true), absentAt(false)];
    const absent = trie.prove(pathOf(otherLeaf));
    const empty = trie.prove(pathOf(emptySlot));
    expect(present.proof.steps.length).toBeGreaterThan(2);
    expect(verifyTrieProof(H, root, pathOf(otherLeaf), undefined, absent.proof)).toBe(true);
    expect(verifyTrieProof(H, root, pathOf(emptySlot), undefined, empty.proof)).toBe(true);
    const flip = (b: Uint8Array): Uint8Array => Uint8Array.from(b, (x, k) => (k === 31 ? x ^ 1 : x));
    const p = present.proof;
    const bad: [string, Uint8Array, Uint8Array | undefined, TrieProof][] = [
      ["other value", pathOf(5), new Uint8Array([6]), p],
      ["other path", pathOf(6), present.value, p],
      ["sibling changed", pathOf(5), present.value, { steps: p.steps.map((s, k) => (k === 1 ? { ...s, siblings: [s.siblings[0]!, flip(s.siblings[1]!), s.siblings[2]!] } : s)) }],
      ["siblings swapped", pathOf(5), present.value, { steps: p.steps.map((s, k) => (k === 1 ? { ...s, siblings: [s.siblings[1]!, s.siblings[0]!, s.siblings[2]!] } : s)) }],
      ["sibling missing", pathOf(5), present.value, { steps: p.steps.map((s, k) => (k === 1 ? { ...s, siblings: s.siblings.slice(1) } : s)) }],
      ["digit changed", pathOf(5), present.value, { steps: p.steps.map((s, k) => (k === 1 ? { ...s, digit: s.digit + 1 } : s)) }],
      ["step dropped", pathOf(5), present.value, { steps: p.steps.slice(1) }],
      ["steps out of order", pathOf(5), present.value, { steps: [p.steps[1]!, p.steps[0]!, ...p.steps.slice(2)] }],
      ["presence with an other leaf", pathOf(5), present.value, { ...p, other: absent.proof.other! }],
      // absence "shown" with a leaf the path does not lead to
      ["absent, wrong leaf", pathOf(5), undefined, { steps: p.steps, other: { path: pathOf(4), value: new Uint8Array([4]) } }],
      ["absent, other is the path", pathOf(5), undefined, { steps: p.steps, other: { path: pathOf(5), value: new Uint8Array([5]) } }],
      ["absent, other's value changed", pathOf(otherLeaf), undefined, { ...absent.proof, other: { ...absent.proof.other!, value: new Uint8Array([200]) } }],
      ["absent, other's leaf dropped", pathOf(otherLeaf), undefined, { steps: absent.proof.steps }],
      ["absent, empty slot's steps for another path", pathOf(otherLeaf), undefined, empty.proof],
      ["absent, a present path's steps", pathOf(5), undefined, { steps: p.steps }],
      ["absent, no steps, non-empty trie", pathOf(emptySlot), undefined, { steps: [] }],
      ["short path", pathOf(5).slice(1), present.value, p],
      ["garbage", pathOf(5), present.value, { steps: [{ digit: "x", siblings: null }] } as unknown as TrieProof],
      ["no proof", pathOf(5), present.value, undefined as unknown as TrieProof],
    ];
    for (const [what, path, value, proof] of bad) expect(verifyTrieProof(H, root, path, value, proof), what).toBe(false);
    expect(verifyTrieProof(H, flip(root), pathOf(5), present.value, p)).toBe(false);
  });
});
