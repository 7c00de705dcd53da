/**
 * Which way to run the next block: on the workers, or serially on the calling
 * thread. A transaction run on a worker costs several times the CPU of a
 * serial one (batching, replicas, recording, validation: docs/parallel.md,
 * "Cost"), so with few cores and cheap transactions serial execution can be
 * the faster of the two. The executor, built with `adaptive: true`, keeps a
 * moving average of the wall time per transaction of each way and takes the
 * cheaper; now and then it runs a block the other way to see whether that
 * has changed (after 8 blocks, doubling up to 64 while the other way keeps
 * losing).
 *
 * Only speed depends on this choice: both ways give serial execution's
 * results, so a block's outcome never depends on the clock.
 */
export type Way = "parallel" | "serial";

/** weight of the newest block in the moving average */
const ALPHA = 0.3;
const FIRST_INTERVAL = 8;
const MAX_INTERVAL = 64;
/** blocks smaller than this say little about either way's cost and are not counted */
const MIN_TXS = 32;

export class WayChooser {
  /** ms per transaction, moving average (NaN until measured) */
  private readonly cost: Record<Way, number> = { parallel: NaN, serial: NaN };
  private sinceExplore = 0;
  private interval = FIRST_INTERVAL;
  private exploring = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The way to run a block of `txs` transactions. */
  pick(txs: number): Way {
    this.exploring = false;
    if (txs < MIN_TXS) return "parallel"; // the executor's own thresholds run small blocks inline anyway
    if (Number.isNaN(this.cost.parallel)) return "parallel";
    if (Number.isNaN(this.cost.serial)) return "serial";
    const best: Way = this.cost.serial <= this.cost.parallel ? "serial" : "parallel";
    if (++this.sinceExplore >= this.interval) {
      this.sinceExplore = 0;
      this.exploring = true;
      return best === "serial" ? "parallel" : "serial";
    }
    return best;
  }

  /** Start timing a block run `way`; call the returned function when it is done. */
  time(way: Way, txs: number): () => void {
    const t0 = this.now();
    return () => this.record(way, txs, this.now() - t0);
  }

  /** A block of `txs` transactions took `ms` run `way`. */
  record(way: Way, txs: number, ms: number): void {
    if (txs < MIN_TXS) return;
    const perTx = ms / txs;
    const old = this.cost[way];
    // an explored way's average is as old as its last run: the new figure replaces it
    this.cost[way] = Number.isNaN(old) || this.exploring ? perTx : old + ALPHA * (perTx - old);
    if (this.exploring) {
      const other: Way = way === "serial" ? "parallel" : "serial";
      // still the worse way: look again later; better now: look often while things change
      this.interval = this.cost[way] > this.cost[other] ? Math.min(MAX_INTERVAL, this.interval * 2) : FIRST_INTERVAL;
    }
  }

  /** The moving averages (ms per transaction), for stats and tests. */
  costs(): Readonly<Record<Way, number>> {
    return { ...this.cost };
  }
}
