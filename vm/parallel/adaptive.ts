/**
 * Which way to run the next block: on the workers, or serially on the calling
 * thread. A transaction run on a worker costs several times the CPU of a
 * serial one (batching, replicas, recording, validation: docs/parallel.md,
 * "Cost"), so with few cores and cheap transactions serial execution can be
 * the faster of the two. The executor, built with `adaptive: true`, keeps a
 * moving average of the wall time per transaction of each way and takes the
 * cheaper; now and then it looks at the other way again: runs two blocks
 * that way and counts the second (the first warms the way up: a cold
 * worker's code and replicas can cost 10× a warm one's). It looks when the
 * price of a look is at most EXPLORE_SHARE of the time run since the last
 * one (and never within 8 blocks): often while the two are close, rarely
 * while one is far behind. The price is what the way's last look cost in
 * all, the cold block included (before its first look, twice its moving
 * average): priced at the warm figure, looks at workers whose replicas had
 * emptied cost several times the budget.
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

/** Per-transaction costs differ with block size (a 10,000-transaction block costs more per transaction, GC and
 * all), so each size class — powers of 4: 32–127, 128–511, … — keeps its own figures. */
function sizeClass(txs: number): number {
  return Math.floor(Math.log2(txs) / 2);
}

/** One size class's figures and looks. */
interface ClassState {
  /** ms per transaction, moving average (NaN until measured) */
  cost: Record<Way, number>;
  /** blocks, and ms run, since the last look at the other way */
  blocksSince: number;
  msSince: number;
  /** the look under way: its way, the blocks it has still to run, and what its blocks took so far */
  look: { way: Way; left: number; ms: number; txs: number } | undefined;
  /** ms per transaction over all the blocks of each way's last look (NaN until one ended) */
  lookCost: Record<Way, number>;
}

export class WayChooser {
  private readonly classes = new Map<number, ClassState>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  private stateOf(txs: number): ClassState {
    const k = sizeClass(txs);
    let st = this.classes.get(k);
    if (!st) this.classes.set(k, (st = { cost: { parallel: NaN, serial: NaN }, blocksSince: 0, msSince: 0, look: undefined, lookCost: { parallel: NaN, serial: NaN } }));
    return st;
  }

  /** The way to run a block of `txs` transactions. */
  pick(txs: number): Way {
    if (txs < MIN_TXS) return "parallel"; // the executor's own thresholds run small blocks inline anyway
    const st = this.stateOf(txs);
    if (st.look) return st.look.way;
    for (const way of ["parallel", "serial"] as const) if (Number.isNaN(st.cost[way])) return startLook(st, way);
    const best: Way = st.cost.serial <= st.cost.parallel ? "serial" : "parallel";
    const other: Way = best === "serial" ? "parallel" : "serial";
    const perTx = Number.isNaN(st.lookCost[other]) ? st.cost[other] : st.lookCost[other];
    if (++st.blocksSince > MIN_BLOCKS_BETWEEN_LOOKS && LOOK_BLOCKS * perTx * txs <= EXPLORE_SHARE * st.msSince) return startLook(st, other);
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
    const st = this.stateOf(txs);
    const perTx = ms / txs;
    const look = st.look;
    if (look && look.way === way) {
      // a look's last block replaces the way's figure, which is as old as its last run; the others only warm up
      look.ms += ms;
      look.txs += txs;
      if (--look.left === 0) {
        st.cost[way] = perTx;
        st.lookCost[way] = look.ms / look.txs;
        st.look = undefined;
      }
      return;
    }
    const old = st.cost[way];
    st.cost[way] = Number.isNaN(old) ? perTx : old + ALPHA * (perTx - old);
    st.msSince += ms;
  }

  /** The moving averages (ms per transaction) for blocks of about `txs` transactions, for stats and tests. */
  costs(txs: number): Readonly<Record<Way, number>> {
    return { ...this.stateOf(txs).cost };
  }
}

function startLook(st: ClassState, way: Way): Way {
  st.look = { way, left: LOOK_BLOCKS, ms: 0, txs: 0 };
  st.blocksSince = 0;
  st.msSince = 0;
  return way;
}
