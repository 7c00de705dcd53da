// The timed part, the same for every node: prebuilt JSON-RPC bodies of
// signed transactions go out over a few connections at once, each
// connection (lane) sending its next body when the last one is answered,
// with at most `window` transactions submitted and not yet in a block; the
// node's block notifications say when each one is. TPS = transactions / (last
// receipt − first submission); latency = receipt − submission of its batch.
import { firstError, type HttpRpc } from "./rpc.ts";
import { percentile } from "../stats.ts";
import { cpuTime } from "./child.ts";

export interface Workload {
  /** Lower-case 0x-hex hash of each transaction, in submission order. */
  hashes: string[];
  /** Per connection, its request bodies in order; each submits transactions [first, first + count). */
  lanes: Body[][];
}

export interface Body {
  body: string;
  first: number;
  count: number;
}

/** Bodies of JSON-RPC batches of `size` requests each, for transactions [from, to). */
export function batches(from: number, to: number, size: number, body: (first: number, count: number) => string): Body[] {
  const out: Body[] = [];
  for (let first = from; first < to; first += size) {
    const count = Math.min(size, to - first);
    out.push({ body: body(first, count), first, count });
  }
  return out;
}

export interface Figures {
  count: number;
  seconds: number;
  tps: number;
  p50: number;
  p99: number;
  /** Blocks the transactions went into. */
  blocks: number;
  /** CPU ms per transaction the bench itself used while timed (submitting, following blocks). */
  clientCpu: number;
  /** CPU ms per transaction the node process used while timed: all threads, and its main thread (null where unknown). */
  cpu: { process: number; main: number } | null;
}

export interface DriveOptions {
  /** Its agent allows a connection per lane. */
  rpc: HttpRpc;
  /** Most transactions submitted and not yet seen in a block. */
  window: number;
  /** Give up when no transaction is confirmed for this long. */
  stallMs: number;
  /** The node's process, for its CPU time. */
  pid?: number;
}

/** Where the driver hears of committed transactions: call `confirm(hashes, at)` per block. */
export type Confirmations = (confirm: (hashes: string[], at: number) => void) => void;

export async function drive(w: Workload, listen: Confirmations, o: DriveOptions): Promise<Figures> {
  const n = w.hashes.length;
  const index = new Map(w.hashes.map((h, i) => [h, i]));
  const sent = new Float64Array(n);
  const done = new Float64Array(n);
  let confirmed = 0;
  let submitted = 0;
  let blocks = 0;
  let lastProgress = performance.now();
  const waiting: (() => void)[] = [];
  let allDone!: () => void;
  const finished = new Promise<void>((r) => (allDone = r));

  listen((hashes, at) => {
    let mine = 0;
    for (const h of hashes) {
      const i = index.get(h.toLowerCase());
      if (i === undefined || done[i] !== 0) continue;
      done[i] = at;
      mine++;
    }
    if (mine === 0) return;
    blocks++;
    confirmed += mine;
    lastProgress = at;
    for (const f of waiting.splice(0)) f();
    if (confirmed === n) allDone();
  });

  const worker = async (lane: Body[]) => {
    for (const [k, { body, first, count }] of lane.entries()) {
      while (submitted + count - confirmed > o.window) await new Promise<void>((r) => waiting.push(r));
      submitted += count;
      const t = performance.now();
      sent.fill(t, first, first + count);
      const error = firstError(await o.rpc.post(body));
      if (error) throw new Error(`the node refused a transaction of body ${k} (transactions ${first}…${first + count - 1}): ${error}`);
    }
  };

  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (performance.now() - lastProgress > o.stallMs) {
        reject(new Error(`no transaction committed for ${o.stallMs / 1000} s: ${confirmed} of ${n} in blocks, ${submitted} submitted`));
      }
    }, 500);
  });
  lastProgress = performance.now();
  const cpu0 = o.pid ? cpuTime(o.pid) : null;
  const own0 = process.cpuUsage();
  try {
    await Promise.race([Promise.all(w.lanes.map(worker)).then(() => finished), stall]);
  } finally {
    clearInterval(timer);
  }
  const cpu1 = o.pid ? cpuTime(o.pid) : null;
  const own = process.cpuUsage(own0);

  let firstSent = Infinity;
  let lastDone = 0;
  const latency: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    firstSent = Math.min(firstSent, sent[i]!);
    lastDone = Math.max(lastDone, done[i]!);
    latency[i] = done[i]! - sent[i]!;
  }
  const seconds = (lastDone - firstSent) / 1000;
  return { count: n, seconds, tps: n / seconds, p50: percentile(latency, 50), p99: percentile(latency, 99), blocks,
    clientCpu: (own.user + own.system) / 1000 / n,
    cpu: cpu0 && cpu1 ? { process: (cpu1.process - cpu0.process) / n, main: (cpu1.main - cpu0.main) / n } : null,
  };
}
