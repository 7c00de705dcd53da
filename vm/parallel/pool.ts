/**
 * A pool of worker threads that run tasks by type. Each thread loads the
 * handler modules it is given (pool-protocol.ts: a module exports
 * `handlers`), so one pool serves the block executor ("vm.exec") and
 * whatever else the embedder adds, e.g. signature verification.
 *
 * A task goes to a given thread, or else to a thread with fewer than
 * MAX_IN_FLIGHT tasks: when every thread has that many it waits in the
 * pool's queue and goes to the first thread to answer one. So a thread that
 * runs slower (another process on its core, an unlucky heap) takes less of
 * the work instead of holding back the tasks dealt to it up front. Each
 * thread runs its tasks in the order they were sent. Threads do not keep the process
 * alive while idle. A thread that dies fails the tasks it held with
 * VmError("VM_WORKER_FAILED") and is replaced; `generation(i)` counts the
 * replacements, so a user that keeps per-thread state (the executor's
 * caches) can tell.
 */
import { Worker } from "node:worker_threads";
import { VmError, type VmErrorCode } from "../errors.ts";
import type { TaskReply, TaskRequest } from "./pool-protocol.ts";

export interface PoolOptions {
  /** threads (at least 1) */
  size: number;
  /** handler modules each thread loads, in order (a later module's handler of the same type wins) */
  modules: URL[];
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  dead: boolean;
}

const ENTRY = new URL("./pool-worker.js", import.meta.url);
/** Untargeted tasks a thread holds at once: one running, one waiting there to start without a round trip. */
const MAX_IN_FLIGHT = 2;

interface Queued {
  type: string;
  payload: unknown;
  transfer: ArrayBuffer[];
  pending: Pending;
}

export class WorkerPool {
  readonly size: number;
  private readonly modules: string[];
  private readonly threads: Thread[] = [];
  private readonly generations: number[] = [];
  private nextId = 1;
  private closed = false;
  /** untargeted tasks waiting for a thread below MAX_IN_FLIGHT, oldest first */
  private readonly queue: Queued[] = [];

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new VmError("VM_BAD_ARGUMENT", `a pool needs at least one thread, got ${String(options.size)}`);
    this.size = options.size;
    this.modules = options.modules.map((u) => u.href);
    for (let i = 0; i < this.size; i++) {
      this.generations.push(0);
      this.threads.push(this.spawn(i));
    }
  }

  private spawn(index: number): Thread {
    const worker = new Worker(ENTRY, { workerData: { modules: this.modules } });
    const t: Thread = { worker, pending: new Map(), dead: false };
    worker.on("message", (reply: TaskReply) => {
      const p = t.pending.get(reply.id);
      if (!p) return;
      t.pending.delete(reply.id);
      this.pump();
      if (t.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply.result);
      else p.reject(reply.code ? new VmError(reply.code as VmErrorCode, reply.message) : new Error(reply.message));
    });
    const fail = (why: string) => {
      if (t.dead) return;
      t.dead = true;
      const err = new VmError("VM_WORKER_FAILED", `worker thread ${index} ${why}`);
      for (const p of t.pending.values()) p.reject(err);
      t.pending.clear();
      if (!this.closed) {
        this.generations[index]!++;
        this.threads[index] = this.spawn(index);
        this.pump();
      }
    };
    worker.on("error", (e) => fail(`failed: ${e instanceof Error ? e.message : String(e)}`));
    worker.on("exit", (code) => fail(`exited (code ${code})`));
    // after the listeners: adding a message listener refs the worker again
    worker.unref();
    return t;
  }

  /** Replacements of thread i so far (0 while the first one lives). */
  generation(index: number): number {
    return this.generations[index]!;
  }

  /** Tasks sent to thread i and not answered yet. */
  load(index: number): number {
    return this.threads[index]!.pending.size;
  }

  /**
   * Run a task: on thread `worker` if given, else on a thread with fewer than
   * MAX_IN_FLIGHT tasks (the least busy), or when there is none, on the first
   * thread to become free. Buffers in `transfer` move to the thread.
   */
  run<T = unknown>(type: string, payload: unknown, transfer: ArrayBuffer[] = [], worker?: number): Promise<T> {
    if (this.closed) return Promise.reject(new VmError("VM_WORKER_FAILED", "the worker pool is closed"));
    if (worker !== undefined && (!Number.isInteger(worker) || worker < 0 || worker >= this.size)) return Promise.reject(new VmError("VM_BAD_ARGUMENT", `no worker thread ${worker}`));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { resolve: resolve as (v: unknown) => void, reject };
      const index = worker ?? this.freeThread();
      if (index < 0) this.queue.push({ type, payload, transfer, pending });
      else this.send(index, type, payload, transfer, pending);
    });
  }

  /** The least busy thread with fewer than MAX_IN_FLIGHT tasks, or -1. */
  private freeThread(): number {
    let index = -1;
    for (let i = 0; i < this.size; i++) if (this.load(i) < MAX_IN_FLIGHT && (index < 0 || this.load(i) < this.load(index))) index = i;
    return index;
  }

  /** Hand queued tasks to threads that have room. */
  private pump(): void {
    while (this.queue.length > 0) {
      const index = this.freeThread();
      if (index < 0) return;
      const q = this.queue.shift()!;
      this.send(index, q.type, q.payload, q.transfer, q.pending);
    }
  }

  private send(index: number, type: string, payload: unknown, transfer: ArrayBuffer[], pending: Pending): void {
    const t = this.threads[index]!;
    const id = this.nextId++;
    t.pending.set(id, pending);
    if (t.pending.size === 1) t.worker.ref();
    const req: TaskRequest = { id, type, payload };
    try {
      t.worker.postMessage(req, transfer);
    } catch (e) {
      t.pending.delete(id); // a payload that cannot be cloned: this task fails, the thread is fine
      if (t.pending.size === 0) t.worker.unref();
      pending.reject(e);
    }
  }

  /** Stop every thread; tasks in flight fail with VM_WORKER_FAILED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const q of this.queue.splice(0)) q.pending.reject(new VmError("VM_WORKER_FAILED", "the worker pool is closed"));
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
