/**
 * Running one wave on the workers. The wave (in block order) is cut into
 * batches, a few per worker, handed out in order with two in flight per
 * worker so that none waits while the calling thread commits. Results are
 * committed in block order as they arrive. A transaction that missed state
 * is tried again in another round, after the rest of its wave (its missing
 * state now in the caches), or here when few are left; one handed back runs
 * here at its turn.
 */
import type { Attempt } from "./attempt.ts";
import { Kind, ResultBatch, type ResultMessage } from "./exec-wire.ts";

/** Rounds on the workers before the rest of a wave runs on the calling thread. */
const MAX_ROUNDS = 4;
const MIN_BATCH = 8;
const BATCHES_PER_WORKER = 2;
const IN_FLIGHT = 2;

export async function runWave(a: Attempt, wave: readonly number[], n: number): Promise<void> {
  let pending = wave;
  for (let round = 0; pending.length > 0; round++) {
    if ((round > 0 && pending.length < a.ex.inlineBelow) || round >= MAX_ROUNDS) {
      for (const j of pending) a.runInline(j, n);
      return;
    }
    pending = await runRound(a, pending, n);
  }
}

/** One round: every transaction of `list` to the workers; resolves with those to try again. */
function runRound(a: Attempt, list: readonly number[], wave: number, mine: readonly number[] = []): Promise<number[]> {
  const ex = a.ex;
  const pool = ex.pool!;
  const workers = ex.workers;
  const batches = Math.max(1, Math.min(Math.ceil(list.length / MIN_BATCH), workers * BATCHES_PER_WORKER));
  const size = Math.ceil(list.length / batches);
  /** per position in list: its batch's results, once they are in */
  const arrived: (ResultBatch | undefined)[] = new Array(list.length);
  const first = new Map<ResultBatch, number>();
  const retry: number[] = [];
  let next = 0;
  let pointer = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      a.cancelled = true;
      reject(e);
    };
    const send = (w: number) => {
      if (next >= list.length || failed) return;
      const from = next;
      const to = Math.min(list.length, from + size);
      next = to;
      const buf = ex.batchFor(w, a.txs, list, from, to, a.env);
      pool.run<ResultMessage>("vm.exec", buf, [buf], w).then((res) => {
        if (failed) return;
        try {
          send(w);
          const batch = new ResultBatch(res, ex.log.nameList);
          first.set(batch, from);
          for (let k = from; k < to; k++) arrived[k] = batch;
          while (pointer < list.length && arrived[pointer] !== undefined) {
            const b = arrived[pointer]!;
            arrived[pointer] = undefined;
            settle(a, b, pointer - first.get(b)!, wave, retry);
            pointer++;
          }
          if (pointer === list.length) resolve(retry);
        } catch (e) {
          fail(e);
        }
      }, fail);
    };
    try {
      for (let k = 0; k < IN_FLIGHT; k++) for (let w = 0; w < workers; w++) send(w);
      for (const j of mine) a.runInline(j, wave);
      if (list.length === 0) resolve(retry);
    } catch (e) {
      fail(e);
    }
  });
}

function settle(a: Attempt, b: ResultBatch, t: number, wave: number, retry: number[]): void {
  const kind = b.kind(t);
  if (kind === Kind.Done) return a.commitWorker(b, t, wave);
  const j = b.index(t);
  if (kind === Kind.HandBack) {
    a.stats.handedBack++;
    return a.runInline(j, wave);
  }
  const m = b.missed(t);
  if (m.key) a.missedKey(m.address, m.key);
  else a.missedCode(m.address);
  retry.push(j);
}
