// The state root: a path-compressed binary trie (crit-bit tree) over 32-byte
// paths (hashes of the state keys, so the tree stays balanced whatever keys
// contracts choose), held in memory. docs/state.md describes it for people
// who verify proofs.
//
//   leaf  = H(0x00 ‖ path ‖ value)
//   inner = H(0x01 ‖ bit ‖ left ‖ right)   bit: the first bit (0 = the most
//           significant bit of path[0]) at which the two subtrees' paths
//           differ; paths with a 0 there are on the left
//   root of the empty trie = 32 zero bytes
//
// The trie of a set of paths is unique, so the root depends only on the
// state, never on the order of writes. Tries are persistent: edit() copies
// the nodes on the changed paths (nodes made by the same edit are changed in
// place), so a prepared block's trie and the committed one share everything
// else, and dropping the new one undoes it. Hashes are computed lazily,
// once per node: a block costs one hash per new or changed node.
import { equalBytes } from "../chain/merkle.ts";

export type HashFn = (data: Uint8Array) => Uint8Array;

/** A leaf has bit 256 and a path; an inner node has children. */
class Node {
  hash: Uint8Array | undefined = undefined;
  constructor(
    public bit: number,
    public left: Node | undefined,
    public right: Node | undefined,
    public readonly path: Uint8Array | undefined,
    public value: Uint8Array | undefined,
    /** The edit that made the node; only that edit may change it. */
    public readonly epoch: number,
  ) {}
}

const LEAF_BIT = 256;
let epochs = 0;

export const EMPTY_ROOT: Uint8Array = new Uint8Array(32);

/** Bit i of a path, most significant bit of byte 0 first (the order in which paths sort). */
export function bitAt(path: Uint8Array, i: number): number {
  return (path[i >> 3]! >> (7 - (i & 7))) & 1;
}

/** The first bit at which two different paths differ. */
function critBit(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const x = a[i]! ^ b[i]!;
    if (x !== 0) return i * 8 + Math.clz32(x) - 24;
  }
  return LEAF_BIT;
}

/** One step of a proof, from the root down: an inner node's bit and the hash of the child not taken. */
export interface ProofStep {
  bit: number;
  sibling: Uint8Array;
}

/**
 * The path from the root towards a path. When the path is absent and the
 * trie not empty, `other` is the leaf the walk ended at: following the
 * path's own bits leads there, which a present path never would.
 */
export interface TrieProof {
  steps: ProofStep[];
  other?: { path: Uint8Array; value: Uint8Array };
}

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
    const sorted = leaves.slice().sort((a, b) => Buffer.compare(a.path, b.path));
    const make = (lo: number, hi: number): Node => {
      if (hi - lo === 1) return new Node(LEAF_BIT, undefined, undefined, sorted[lo]!.path, sorted[lo]!.value, epoch);
      // sorted, so the first and last paths differ at the range's crit bit
      const bit = critBit(sorted[lo]!.path, sorted[hi - 1]!.path);
      if (bit === LEAF_BIT) throw new Error("StateTrie.build: the same path twice");
      let a = lo;
      let b = hi - 1; // first index with a 1 at `bit`: in (lo, hi - 1]
      while (a + 1 < b) {
        const m = (a + b) >> 1;
        if (bitAt(sorted[m]!.path, bit) === 1) b = m;
        else a = m;
      }
      return new Node(bit, make(lo, b), make(b, hi), undefined, undefined, epoch);
    };
    return new StateTrie(hash, sorted.length === 0 ? undefined : make(0, sorted.length), sorted.length);
  }

  get(path: Uint8Array): Uint8Array | undefined {
    const leaf = this.walk(path);
    return leaf && equalBytes(leaf.path!, path) ? leaf.value : undefined;
  }

  /** The leaf that following `path`'s bits leads to. */
  private walk(path: Uint8Array): Node | undefined {
    let n = this.root;
    while (n && n.bit !== LEAF_BIT) n = bitAt(path, n.bit) ? n.right : n.left;
    return n;
  }

  rootHash(): Uint8Array {
    return this.root ? this.hashOf(this.root) : EMPTY_ROOT;
  }

  private hashOf(n: Node): Uint8Array {
    if (n.hash) return n.hash;
    if (n.bit === LEAF_BIT) n.hash = leafHash(this.hashFn, n.path!, n.value!);
    else n.hash = innerHash(this.hashFn, n.bit, this.hashOf(n.left!), this.hashOf(n.right!));
    return n.hash;
  }

  /** A new trie with the writes applied (value undefined deletes); this one is unchanged. */
  edit(writes: Iterable<{ path: Uint8Array; value: Uint8Array | undefined }>): StateTrie {
    const epoch = ++epochs;
    let root = this.root;
    let size = this.size;
    const own = (n: Node): Node => {
      if (n.epoch === epoch) {
        n.hash = undefined;
        return n;
      }
      return new Node(n.bit, n.left, n.right, n.path, n.value, epoch);
    };
    // Replaces the slot at n on path's way down; d is where the new leaf forks off.
    const put = (n: Node, path: Uint8Array, value: Uint8Array, d: number): Node => {
      if (n.bit < d) {
        const o = own(n);
        if (bitAt(path, n.bit)) o.right = put(n.right!, path, value, d);
        else o.left = put(n.left!, path, value, d);
        return o;
      }
      const leaf = new Node(LEAF_BIT, undefined, undefined, path, value, epoch);
      if (d === LEAF_BIT) return leaf; // n is the leaf of this path: replaced
      return bitAt(path, d) ? new Node(d, n, leaf, undefined, undefined, epoch) : new Node(d, leaf, n, undefined, undefined, epoch);
    };
    const remove = (n: Node, path: Uint8Array): Node | undefined => {
      if (n.bit === LEAF_BIT) return undefined; // the caller checked it is path's leaf
      const right = bitAt(path, n.bit) === 1;
      const child = remove(right ? n.right! : n.left!, path);
      if (!child) return right ? n.left : n.right; // the sibling takes n's place
      const o = own(n);
      if (right) o.right = child;
      else o.left = child;
      return o;
    };
    for (const { path, value } of writes) {
      if (path.length !== 32) throw new Error("StateTrie: paths are 32 bytes");
      let leaf = root;
      while (leaf && leaf.bit !== LEAF_BIT) leaf = bitAt(path, leaf.bit) ? leaf.right : leaf.left;
      const d = leaf ? critBit(leaf.path!, path) : LEAF_BIT;
      if (value === undefined) {
        if (leaf && d === LEAF_BIT) {
          root = remove(root!, path);
          size--;
        }
      } else if (!root) {
        root = new Node(LEAF_BIT, undefined, undefined, path, value, epoch);
        size++;
      } else {
        if (d !== LEAF_BIT) size++;
        root = put(root, path, value, d);
      }
    }
    return new StateTrie(this.hashFn, root, size);
  }

  /** A proof for `path`: of its value when present, of its absence otherwise. */
  prove(path: Uint8Array): { value: Uint8Array | undefined; proof: TrieProof } {
    const steps: ProofStep[] = [];
    let n = this.root;
    while (n && n.bit !== LEAF_BIT) {
      const right = bitAt(path, n.bit) === 1;
      steps.push({ bit: n.bit, sibling: this.hashOf(right ? n.left! : n.right!) });
      n = right ? n.right : n.left;
    }
    if (!n) return { value: undefined, proof: { steps } };
    if (equalBytes(n.path!, path)) return { value: n.value, proof: { steps } };
    return { value: undefined, proof: { steps, other: { path: n.path!, value: n.value! } } };
  }
}

/**
 * Whether `proof` shows that `path` holds `value` (undefined: is absent) in
 * the trie whose root hash is `root`. Pure; never throws on malformed input.
 */
export function verifyTrieProof(hash: HashFn, root: Uint8Array, path: Uint8Array, value: Uint8Array | undefined, proof: TrieProof): boolean {
  if (!(root instanceof Uint8Array) || !(path instanceof Uint8Array) || path.length !== 32) return false;
  if (!proof || !Array.isArray(proof.steps)) return false;
  const { steps, other } = proof;
  let leafPath = path;
  let leafValue = value;
  if (value !== undefined && !(value instanceof Uint8Array)) return false;
  if (value === undefined) {
    if (other === undefined) return steps.length === 0 && equalBytes(root, EMPTY_ROOT);
    if (!(other.path instanceof Uint8Array) || !(other.value instanceof Uint8Array) || other.path.length !== 32) return false;
    if (equalBytes(other.path, path)) return false;
    leafPath = other.path;
    leafValue = other.value;
  } else if (other !== undefined) return false;
  let prev = -1;
  for (const s of steps) {
    if (!s || !Number.isInteger(s.bit) || s.bit <= prev || s.bit >= LEAF_BIT) return false;
    if (!(s.sibling instanceof Uint8Array) || s.sibling.length !== 32) return false;
    // the walk followed `path`; the leaf reached must lie on the same side
    if (bitAt(path, s.bit) !== bitAt(leafPath, s.bit)) return false;
    prev = s.bit;
  }
  let h = leafHash(hash, leafPath, leafValue!);
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    h = bitAt(leafPath, s.bit) ? innerHash(hash, s.bit, s.sibling, h) : innerHash(hash, s.bit, h, s.sibling);
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

const innerBuf = new Uint8Array(66);

function innerHash(hash: HashFn, bit: number, left: Uint8Array, right: Uint8Array): Uint8Array {
  innerBuf[0] = 0x01;
  innerBuf[1] = bit;
  innerBuf.set(left, 2);
  innerBuf.set(right, 34);
  return hash(innerBuf);
}
