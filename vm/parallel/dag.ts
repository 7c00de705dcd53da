/**
 * The schedule of a segment (the transactions between two barriers), from
 * their declared keys. Transaction u must come before a later t when they
 * share a key and one of them writes it: t's predecessors are, per key, the
 * key's last writer before t and, if t writes the key, every reader since
 * that writer. A transaction's level is one more than the highest level of
 * its predecessors; the transactions of one level are a wave (they do not
 * conflict, by their declared keys).
 *
 * The executor does not wait for whole waves: a transaction is ready when
 * all its predecessors are committed (stream.ts).
 */
import type { KeyList } from "./keys.ts";

export interface Dag {
  n: number;
  /** 1-based */
  level: Int32Array;
  /** predecessors not yet committed (the runner counts them down) */
  waiting: Int32Array;
  /** successors of u: succ[succStart[u] .. succStart[u + 1]) (a successor may repeat; it is counted as often) */
  succStart: Int32Array;
  succ: Int32Array;
  /** the number of levels */
  depth: number;
  /** the size of the largest level */
  widest: number;
}

export function buildDag(list: KeyList): Dag {
  const n = list.txCount;
  const { keys, readOnly, start } = list;
  const slotOf = new Map<number, number>();
  /** per key slot: last writer (-1 none), head of its list of readers since */
  const writer: number[] = [];
  const readersHead: number[] = [];
  /** the readers lists: entries (tx, next) */
  const entryTx: number[] = [];
  const entryNext: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const level = new Int32Array(n);
  const waiting = new Int32Array(n);
  // an edge u → t: counted, and t's level raised above u's (no closure: this runs per key)
  for (let t = 0; t < n; t++) {
    let lv = 1;
    for (let i = start[t]!; i < start[t + 1]!; i++) {
      let s = slotOf.get(keys[i]!);
      if (s === undefined) {
        s = writer.length;
        slotOf.set(keys[i]!, s);
        writer.push(-1);
        readersHead.push(-1);
      }
      const w = writer[s]!;
      if (readOnly[i]) {
        if (w >= 0 && w !== t) {
          from.push(w);
          to.push(t);
          waiting[t]!++;
          if (level[w]! >= lv) lv = level[w]! + 1;
        }
        entryTx.push(t);
        entryNext.push(readersHead[s]!);
        readersHead[s] = entryTx.length - 1;
        continue;
      }
      // a write: after the readers since the last writer (each comes after that writer), else after the writer
      let e = readersHead[s]!;
      let u = e < 0 ? w : entryTx[e]!;
      while (u >= 0) {
        if (u !== t) {
          from.push(u);
          to.push(t);
          waiting[t]!++;
          if (level[u]! >= lv) lv = level[u]! + 1;
        }
        if (e < 0) break;
        e = entryNext[e]!;
        u = e < 0 ? -1 : entryTx[e]!;
      }
      readersHead[s] = -1;
      writer[s] = t;
    }
    level[t] = lv;
  }
  // successor lists, grouped by predecessor
  const succStart = new Int32Array(n + 1);
  for (const u of from) succStart[u + 1]!++;
  for (let u = 0; u < n; u++) succStart[u + 1]! += succStart[u]!;
  const fill = succStart.slice(0, n);
  const succ = new Int32Array(from.length);
  for (let e = 0; e < from.length; e++) succ[fill[from[e]!]!++] = to[e]!;
  const widthOf = new Map<number, number>();
  let depth = 0;
  let widest = 0;
  for (let t = 0; t < n; t++) {
    const l = level[t]!;
    const w = (widthOf.get(l) ?? 0) + 1;
    widthOf.set(l, w);
    if (l > depth) depth = l;
    if (w > widest) widest = w;
  }
  return { n, level, waiting, succStart, succ, depth, widest };
}

/** The waves: positions grouped by level, each in order (for tests and people). */
export function wavesOf(dag: Dag): number[][] {
  const out: number[][] = Array.from({ length: dag.depth }, () => []);
  for (let t = 0; t < dag.n; t++) out[dag.level[t]! - 1]!.push(t);
  return out;
}
