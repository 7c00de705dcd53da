/**
 * Running a segment on the workers, driven by its DAG (dag.ts): a
 * transaction is ready once its predecessors are committed, and ready
 * transactions go out in batches to whichever worker has room (two batches
 * in flight each, so none waits while this thread commits). Results are
 * committed as they arrive, each releasing its successors. This thread
 * runs ready transactions itself when the workers are all busy, and when
 * too few are ready to be worth a message.
 *
 * A transaction that missed state goes back to the ready list (what it
 * missed is in the next batch's cache updates); after a few misses it runs
 * here. One handed back runs here at once.
 */
import type { Attempt } from "./attempt.ts";
import type { Dag } from "./dag.ts";
import { Kind, ResultBatch, type ResultMessage } from "./exec-wire.ts";

const IN_FLIGHT = 2;
const MIN_BATCH = 8;
const MAX_BATCH = 256;
/** Misses of one transaction before it runs on this thread. */
const MAX_MISSES = 3;
/** Transactions this thread runs in a row while workers are busy, before it looks for their results again. */
const INLINE_STRETCH = 2;

export function runStream(a: Attempt, segment: readonly number[], dag: Dag, waveBase: number): Promise<void> {
  const ex = a.ex;
  const pool = ex.pool!;
  const workers = ex.workers;
  const inFlight = new Int32Array(workers);
  const share = ex.mainShare;
  const misses = new Uint8Array(dag.n);
  const ready: number[] = [];
  let readyHead = 0;
  let committed = 0;
  let flying = 0;
  for (let t = 0; t < dag.n; t++) if (dag.waiting[t] === 0) ready.push(t);

  const release = (t: number) => {
    committed++;
    for (let e = dag.succStart[t]!; e < dag.succStart[t + 1]!; e++) {
      const s = dag.succ[e]!;
      if (--dag.waiting[s] === 0) ready.push(s);
    }
  };
  const inline = (t: number) => {
    a.runInline(segment[t]!, waveBase + dag.level[t]!);
    release(t);
  };

  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      a.cancelled = true;
      reject(e);
    };

    const send = (w: number, count: number) => {
      const from = readyHead;
      readyHead += count;
      const positions = ready.slice(from, readyHead);
      const msg = ex.batchFor(w, a.txs, positions, segment, a.env);
      inFlight[w]!++;
      flying++;
      a.stats.batches++;
      pool.run<ResultMessage>("vm.exec", msg, [msg.buf, ...msg.back], w).then((res) => {
        if (failed) return;
        try {
          inFlight[w]!--;
          flying--;
          settle(new ResultBatch(res, ex.log.nameList), positions);
          ex.recycle(w, res);
          pump();
        } catch (e) {
          fail(e);
        }
      }, fail);
    };

    const settle = (b: ResultBatch, positions: number[]) => {
      for (let k = 0; k < b.n; k++) {
        const t = positions[k]!;
        const wave = waveBase + dag.level[t]!;
        const kind = b.kind(k);
        if (kind === Kind.Done) {
          a.commitWorker(b, k, wave);
          release(t);
        } else if (kind === Kind.HandBack) {
          a.stats.handedBack++;
          inline(t);
        } else {
          const m = b.missed(k);
          if (m.key) a.missedKey(m.address, m.key);
          else a.missedCode(m.address);
          if (++misses[t]! >= MAX_MISSES) inline(t);
          else ready.push(t);
        }
      }
    };

    /** Hand out ready work; run some here; resolve when all is committed. */
    const pump = () => {
      for (;;) {
        let avail = ready.length - readyHead;
        if (avail === 0) break;
        if (flying === 0 && avail < ex.inlineBelow) {
          // too few to be worth a message, and nothing else is running
          inline(ready[readyHead++]!);
          continue;
        }
        const slots = workers * IN_FLIGHT - flying;
        if (slots > 0 && (avail >= MIN_BATCH || flying === 0)) {
          // this thread's share runs here, from the end of the list; the rest goes to workers with room
          const mine = Math.floor(avail * share);
          let give = avail - mine;
          for (let w = 0; w < workers && give > 0; w++) {
            if (inFlight[w]! >= IN_FLIGHT) continue;
            const count = Math.min(give, MAX_BATCH, Math.max(MIN_BATCH, Math.ceil(give / slots)));
            send(w, count);
            give -= count;
          }
          for (let i = 0; i < mine && ready.length > readyHead; i++) inline(ready.pop()!);
          continue;
        }
        // every worker is busy (or too little is ready for one): take a few here
        for (let i = 0; i < INLINE_STRETCH && readyHead < ready.length; i++) inline(ready[readyHead++]!);
        if (flying === 0) continue;
        break;
      }
      if (readyHead > 4096 && readyHead * 2 > ready.length) {
        ready.splice(0, readyHead);
        readyHead = 0;
      }
      if (committed === dag.n) resolve();
      else if (flying === 0 && readyHead === ready.length) throw new Error(`scheduler stalled with ${dag.n - committed} transactions waiting`);
    };

    try {
      pump();
    } catch (e) {
      fail(e);
    }
  });
}
