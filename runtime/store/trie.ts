// The state root: a path-compressed radix-4 trie over 32-byte paths (hashes
// of the state keys, so the trie stays balanced whatever keys contracts
// choose), held in memory. docs/state.md defines it for proof verifiers.
//
//   leaf  = H(0x00 ‖ path ‖ value)
//   inner = H(0x01 ‖ d ‖ c0 ‖ c1 ‖ c2 ‖ c3)   d: the first 2-bit digit of the
//           paths (0 = the top two bits of path[0] … 127) at which the
//           node's entries do not all agree; ci: the hash of the sub-trie of
//           the entries whose digit d is i, or 32 zero bytes if there are none
//   root of the empty trie = 32 zero bytes
//
// Why radix 4: an inner node's 130 bytes still fit one keccak-256 block
// (136 bytes), and the trie is half as deep as a binary one, so a block
// rehashes a third fewer nodes (SM3 pays 3 blocks per node instead of 2,
// still fewer in all). The trie of a set is unique, so the root depends only
// on the state. Tries are persistent: edit() copies the nodes on changed
// paths (nodes made by the same edit are changed in place), so a prepared
// block's trie shares everything else with the committed one, and dropping
// it undoes it. Hashes are computed lazily, once per node.
import { equalBytes } from "../chain/merkle.ts";

export type HashFn = (data: Uint8Array) => Uint8Array;

const LEAF = 128;
const ZERO = new Uint8Array(32);
let epochs = 0;

/** A leaf has digit LEAF and a path; an inner node has four child slots, at least two filled. */
class Node {
  hash: Uint8Array | undefined = undefined;
  constructor(
    public readonly digit: number,
    public readonly kids: (Node | undefined)[] | undefined,
    public readonly path: Uint8Array | undefined,
    public readonly value: Uint8Array | undefined,
    /** The edit that made the node; only that edit may change it. */
    public readonly epoch: number,
  ) {}
}

export const EMPTY_ROOT: Uint8Array = new Uint8Array(32);

/** Digit i (0..127) of a path: two bits, most significant first (the order in which paths sort). */
export function digitAt(path: Uint8Array, i: number): number {
  return (path[i >> 2]! >> (6 - 2 * (i & 3))) & 3;
}

/** The first digit at which two paths differ; LEAF when they are equal. */
function firstDiff(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const x = a[i]! ^ b[i]!;
    if (x !== 0) return i * 4 + ((Math.clz32(x) - 24) >> 1);
  }
  return LEAF;
}

/** One step of a proof, root first: an inner node's digit and its other three slots' hashes in slot order. */
export interface ProofStep {
  digit: number;
  siblings: Uint8Array[];
}

/**
 * The walk from the root along a path. Absent paths: the walk ends at an
 * empty slot (no `other`), or at another entry's leaf, given as `other`;
 * a present path's walk always ends at its own leaf.
 */
export interface TrieProof {
  steps: ProofStep[];
  other?: { path: Uint8Array; value: Uint8Array };
}

const anyKid = (n: Node): Node => n.kids![0] ?? n.kids![1] ?? n.kids![2] ?? n.kids![3]!;
const leaf = (path: Uint8Array, value: Uint8Array, epoch: number): Node => new Node(LEAF, undefined, path, value, epoch);

export class StateTrie {
  private constructor(
    private readonly hashFn: HashFn,
    private readonly root: Node | undefined,
    readonly size: number,
  ) {}

  static empty(hash: HashFn): StateTrie {
    return new StateTrie(hash, undefined, 0);
  }

  /** The trie of the given leaves (paths all different), built in one pass over them sorted. */
  static build(hash: HashFn, leaves: { path: Uint8Array; value: Uint8Array }[]): StateTrie {
    const epoch = ++epochs;
    const s = leaves.slice().sort((a, b) => Buffer.compare(a.path, b.path));
    const make = (lo: number, hi: number): Node => {
      if (hi - lo === 1) return leaf(s[lo]!.path, s[lo]!.value, epoch);
      // sorted, so the first and last paths differ at the range's digit
      const d = firstDiff(s[lo]!.path, s[hi - 1]!.path);
      if (d === LEAF) throw new Error("StateTrie.build: the same path twice");
      const kids: (Node | undefined)[] = [undefined, undefined, undefined, undefined];
      for (let a = lo; a < hi; ) {
        const k = digitAt(s[a]!.path, d);
        let b = a + 1;
        while (b < hi && digitAt(s[b]!.path, d) === k) b++;
        kids[k] = make(a, b);
        a = b;
      }
      return new Node(d, kids, undefined, undefined, epoch);
    };
    return new StateTrie(hash, s.length === 0 ? undefined : make(0, s.length), s.length);
  }

  get(path: Uint8Array): Uint8Array | undefined {
    let n = this.root;
    while (n && n.digit !== LEAF) n = n.kids![digitAt(path, n.digit)];
    return n && equalBytes(n.path!, path) ? n.value : undefined;
  }

  /** A copy: it goes into headers, and the trie's cached hashes must not change with them. */
  rootHash(): Uint8Array {
    return this.root ? this.hashOf(this.root).slice() : new Uint8Array(32);
  }

  private hashOf(n: Node): Uint8Array {
    if (n.hash) return n.hash;
    if (n.digit === LEAF) {
      const buf = new Uint8Array(33 + n.value!.length);
      buf[0] = 0x00;
      buf.set(n.path!, 1);
      buf.set(n.value!, 33);
      return (n.hash = this.hashFn(buf));
    }
    const k = n.kids!;
    return (n.hash = innerHash(this.hashFn, n.digit, [k[0] ? this.hashOf(k[0]) : ZERO, k[1] ? this.hashOf(k[1]) : ZERO, k[2] ? this.hashOf(k[2]) : ZERO, k[3] ? this.hashOf(k[3]) : ZERO]));
  }

  /** A new trie with the writes applied (value undefined deletes); this one is unchanged. */
  edit(writes: Iterable<{ path: Uint8Array; value: Uint8Array | undefined }>): StateTrie {
    const epoch = ++epochs;
    let root = this.root;
    let size = this.size;
    // the node itself if this edit made it (its hash is then stale), else a copy
    const own = (n: Node): Node => {
      if (n.epoch !== epoch) return new Node(n.digit, n.kids!.slice(), undefined, undefined, epoch);
      n.hash = undefined;
      return n;
    };
    // Replaces the slot holding n on path's way down; d is the first digit where path leaves the trie's
    // paths, and q a path under n (the one the lookup walk reached).
    const put = (n: Node, path: Uint8Array, value: Uint8Array, d: number, q: Uint8Array): Node => {
      if (n.digit < d) {
        const o = own(n);
        const k = digitAt(path, n.digit);
        o.kids![k] = put(n.kids![k]!, path, value, d, q);
        return o;
      }
      if (d === LEAF) return leaf(path, value, epoch); // n is path's leaf: replaced
      if (n.digit === d) {
        const o = own(n); // path's slot is empty here, or the walk would have taken it
        o.kids![digitAt(path, d)] = leaf(path, value, epoch);
        return o;
      }
      const kids: (Node | undefined)[] = [undefined, undefined, undefined, undefined];
      kids[digitAt(path, d)] = leaf(path, value, epoch);
      kids[digitAt(q, d)] = n;
      return new Node(d, kids, undefined, undefined, epoch);
    };
    const remove = (n: Node, path: Uint8Array): Node | undefined => {
      if (n.digit === LEAF) return undefined; // the caller checked it is path's leaf
      const k = digitAt(path, n.digit);
      const child = remove(n.kids![k]!, path);
      if (!child) {
        const left = n.kids!.filter((x, i) => x && i !== k);
        if (left.length === 1) return left[0]; // one entry left below: it takes n's place
      }
      const o = own(n);
      o.kids![k] = child;
      return o;
    };
    for (const { path, value } of writes) {
      if (path.length !== 32) throw new Error("StateTrie: paths are 32 bytes");
      // walk along path; where its slot is empty, on to any entry below (they all share the node's digits so far)
      let n = root;
      while (n && n.digit !== LEAF) n = n.kids![digitAt(path, n.digit)] ?? anyKid(n);
      const d = n ? firstDiff(n.path!, path) : LEAF;
      if (value === undefined) {
        if (n && d === LEAF) {
          root = remove(root!, path);
          size--;
        }
      } else if (!root) {
        root = leaf(path, value, epoch);
        size++;
      } else {
        if (d !== LEAF) size++;
        root = put(root, path, value, d, n!.path!);
      }
    }
    return new StateTrie(this.hashFn, root, size);
  }

  /** A proof for `path`: of its value when present, of its absence otherwise. */
  prove(path: Uint8Array): { value: Uint8Array | undefined; proof: TrieProof } {
    const steps: ProofStep[] = [];
    let n = this.root;
    while (n && n.digit !== LEAF) {
      const k = digitAt(path, n.digit);
      // copies: a proof leaves the store, and the trie's cached hashes must not change with it
      steps.push({ digit: n.digit, siblings: n.kids!.filter((_, i) => i !== k).map((x) => (x ? this.hashOf(x) : ZERO).slice()) });
      n = n.kids![k];
    }
    if (!n) return { value: undefined, proof: { steps } };
    if (equalBytes(n.path!, path)) return { value: n.value!.slice(), proof: { steps } };
    return { value: undefined, proof: { steps, other: { path: n.path!.slice(), value: n.value!.slice() } } };
  }
}

/**
 * Whether `proof` shows that `path` holds `value` (undefined: is absent) in
 * the trie whose root hash is `root`. Pure; never throws on malformed input.
 */
export function verifyTrieProof(hash: HashFn, root: Uint8Array, path: Uint8Array, value: Uint8Array | undefined, proof: TrieProof): boolean {
  if (!(root instanceof Uint8Array) || !(path instanceof Uint8Array) || path.length !== 32) return false;
  if (!proof || !Array.isArray(proof.steps)) return false;
  if (value !== undefined && !(value instanceof Uint8Array)) return false;
  const { steps, other } = proof;
  let h: Uint8Array; // the bottom of the walk: the entry's leaf, another entry's leaf, or an empty slot
  let leafPath = path;
  if (value !== undefined) {
    if (other !== undefined) return false;
    h = leafHash(hash, path, value);
  } else if (other !== undefined) {
    if (!(other.path instanceof Uint8Array) || !(other.value instanceof Uint8Array) || other.path.length !== 32) return false;
    if (equalBytes(other.path, path)) return false;
    leafPath = other.path;
    h = leafHash(hash, other.path, other.value);
  } else h = ZERO;
  let prev = -1;
  for (const s of steps) {
    if (!s || !Number.isInteger(s.digit) || s.digit <= prev || s.digit >= LEAF || !Array.isArray(s.siblings) || s.siblings.length !== 3) return false;
    if (!s.siblings.every((x) => x instanceof Uint8Array && x.length === 32)) return false;
    // the walk followed `path`; another entry's leaf at its end must lie the same way at every step
    if (digitAt(path, s.digit) !== digitAt(leafPath, s.digit)) return false;
    prev = s.digit;
  }
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    const slots = s.siblings.slice();
    slots.splice(digitAt(path, s.digit), 0, h);
    h = innerHash(hash, s.digit, slots);
  }
  return equalBytes(h, root);
}

function leafHash(hash: HashFn, path: Uint8Array, value: Uint8Array): Uint8Array {
  const buf = new Uint8Array(33 + value.length);
  buf[0] = 0x00;
  buf.set(path, 1);
  buf.set(value, 33);
  return hash(buf);
}

const innerBuf = new Uint8Array(130);

function innerHash(hash: HashFn, digit: number, kids: Uint8Array[]): Uint8Array {
  innerBuf[0] = 0x01;
  innerBuf[1] = digit;
  for (let i = 0; i < 4; i++) innerBuf.set(kids[i]!, 2 + 32 * i);
  return hash(innerBuf);
}
