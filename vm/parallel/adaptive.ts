/**
 * Which way to run the next block: on the workers, or serially on the calling
 * thread. A transaction run on a worker costs several times the CPU of a
 * serial one (batching, replicas, recording, validation: docs/parallel.md,
 * "Cost"), so with few cores and cheap transactions serial execution can be
 * the faster of the two. The executor, built with `adaptive: true`, keeps a
 * moving average of the wall time per transaction of each way and takes the
 * cheaper; now and then it looks at the other way again: runs two blocks
 * that way and counts the second (the first warms the way up: a cold
 * worker's code and replicas can cost 10× a warm one's). A look costs what
 * the other way costs, so it looks when that price is at most EXPLORE_SHARE
 * of the time run since the last look (and never within 8 blocks): often
 * while the two are close, rarely while one is far behind.
 *
 * Only speed depends on this choice: both ways give serial execution's
 * results, so a block's outcome never depends on the clock.
 */
export type Way = "parallel" | "serial";

/** weight of the newest block in the moving average */
const ALPHA = 0.3;
/** the most of its time the chooser spends running the other way to look at it */
const EXPLORE_SHARE = 0.03;
const MIN_BLOCKS_BETWEEN_LOOKS = 8;
/** blocks smaller than this say little about either way's cost and are not counted */
const MIN_TXS = 32;

/** a look runs this many blocks the other way and counts only the last: the first warms the way up (worker code, replicas) */
const LOOK_BLOCKS = 2;

export class WayChooser {
  /** ms per transaction, moving average (NaN until measured) */
  private readonly cost: Record<Way, number> = { parallel: NaN, serial: NaN };
  /** blocks, and ms run, since the last look at the other way */
  private blocksSince = 0;
  private msSince = 0;
  /** the look under way: its way and the blocks it has still to run */
  private look: { way: Way; left: number } | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The way to run a block of `txs` transactions. */
  pick(txs: number): Way {
    if (txs < MIN_TXS) return "parallel"; // the executor's own thresholds run small blocks inline anyway
    if (this.look) return this.look.way;
    for (const way of ["parallel", "serial"] as const) if (Number.isNaN(this.cost[way])) return this.startLook(way);
    const best: Way = this.cost.serial <= this.cost.parallel ? "serial" : "parallel";
    const other: Way = best === "serial" ? "parallel" : "serial";
    if (++this.blocksSince > MIN_BLOCKS_BETWEEN_LOOKS && LOOK_BLOCKS * this.cost[other] * txs <= EXPLORE_SHARE * this.msSince) return this.startLook(other);
    return best;
  }

  private startLook(way: Way): Way {
    this.look = { way, left: LOOK_BLOCKS };
    this.blocksSince = 0;
    this.msSince = 0;
    return way;
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
    const look = this.look;
    if (look && look.way === way) {
      // a look's last block replaces the way's figure, which is as old as its last run; the others only warm up
      if (--look.left === 0) {
        this.cost[way] = perTx;
        this.look = undefined;
      }
      return;
    }
    const old = this.cost[way];
    this.cost[way] = Number.isNaN(old) ? perTx : old + ALPHA * (perTx - old);
    this.msSince += ms;
  }

  /** The moving averages (ms per transaction), for stats and tests. */
  costs(): Readonly<Record<Way, number>> {
    return { ...this.cost };
  }
}
