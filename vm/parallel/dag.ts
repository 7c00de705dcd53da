/**
 * The schedule of a segment (the transactions between two barriers): a
 * transaction's level is one more than the highest level of the earlier
 * transactions it conflicts with (they share a key and one of them writes
 * it); the transactions of one level form a wave. Waves run one after
 * another; the transactions of a wave do not conflict (by their declared
 * keys), so they may run side by side.
 *
 * Per key: the level of its last writer, and the highest level among that
 * writer and the readers since (a writer must come after both, a reader
 * after the writer only).
 */
import type { KeyList } from "./keys.ts";

/** Levels (1-based) of each transaction of `list`, in order. */
export function levels(list: KeyList): number[] {
  const slotOf = new Map<number, number>();
  /** per key slot: the level of its last writer (0: none), and max(writer, readers since) */
  const writer: number[] = [];
  const readers: number[] = [];
  const { keys, readOnly, start } = list;
  const n = list.txCount;
  const out: number[] = new Array(n);
  for (let t = 0; t < n; t++) {
    const from = start[t]!;
    const to = start[t + 1]!;
    let level = 1;
    for (let i = from; i < to; i++) {
      const s = slotOf.get(keys[i]!);
      if (s === undefined) continue;
      const after = readOnly[i] ? writer[s]! : readers[s]!;
      if (after >= level) level = after + 1;
    }
    for (let i = from; i < to; i++) {
      let s = slotOf.get(keys[i]!);
      if (s === undefined) {
        s = writer.length;
        slotOf.set(keys[i]!, s);
        writer.push(readOnly[i] ? 0 : level);
        readers.push(level);
      } else if (readOnly[i]) {
        if (level > readers[s]!) readers[s] = level;
      } else {
        writer[s] = level;
        readers[s] = level;
      }
    }
    out[t] = level;
  }
  return out;
}

/** The waves: positions grouped by level, each in order. */
export function waves(levelOf: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let t = 0; t < levelOf.length; t++) {
    const l = levelOf[t]! - 1;
    while (out.length <= l) out.push([]);
    out[l]!.push(t);
  }
  return out;
}
