/**
 * The validation rule, applied when transaction j's result is committed
 * (docs/parallel.md has the proof that it gives serial results):
 * - j read k: invalid if a transaction after j (in block order) that wrote k
 *   is already committed;
 * - j wrote k: invalid if a transaction after j that read or wrote k is
 *   already committed.
 * Together with "every value j read equals the committed value when j
 * commits" (checked by the caller, or true by construction on the calling
 * thread) this makes every pair of transactions that actually conflict
 * commit in block order.
 *
 * A VM transaction reads every key it writes (the journal loads a key
 * before changing it), so its writes are also among its reads.
 */
import type { KeyRec } from "./records.ts";

/** The first key on which committing j now would break the rule, or undefined. Records must be touched. */
export function orderViolation(j: number, reads: readonly KeyRec[], nReads: number, writes: readonly KeyRec[], nWrites: number): KeyRec | undefined {
  for (let i = 0; i < nReads; i++) {
    const r = reads[i]!;
    if (r.maxWriter > j) return r;
  }
  for (let i = 0; i < nWrites; i++) {
    const w = writes[i]!;
    if (w.maxReader > j || w.maxWriter > j) return w;
  }
  return undefined;
}

/** The committed transaction that j's commit would be out of order with, on key r. */
export function laterAccessor(r: KeyRec): number {
  return Math.max(r.maxReader, r.maxWriter);
}

/** Record that j (committed now, in `wave`) read and wrote these keys. */
export function markCommitted(j: number, wave: number, reads: readonly KeyRec[], nReads: number, writes: readonly KeyRec[], nWrites: number): void {
  for (let i = 0; i < nReads; i++) {
    const r = reads[i]!;
    if (r.maxReader < j) r.maxReader = j;
  }
  for (let i = 0; i < nWrites; i++) {
    const w = writes[i]!;
    if (w.maxWriter < j) w.maxWriter = j;
    w.writerWave = wave;
  }
}
