// Signature recovery off the node's main thread. Admission is the node's
// costliest step (a third of its CPU per transaction): here the requests
// that arrive in the same turn of the event loop go to worker threads in
// batches, and the main thread keeps parsing requests and sealing blocks.
// Results come back in request order per batch; the node adds transactions
// to its pool in the order they were submitted (node.ts), so thread timing
// never reorders them.
//
// One pool per process, shared by every node in it; its threads do not keep
// the process alive. With one CPU (or workers: 0) recovery runs inline.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { getSuite } from "../crypto/index.ts";
import type { SuiteName } from "../crypto/suite.ts";

export interface VerifyRequest {
  id: number;
  suite: SuiteName;
  digests: Uint8Array[];
  signatures: Uint8Array[];
}

export interface VerifyReply {
  id: number;
  keys: (Uint8Array | null)[];
}

interface Pending {
  digest: Uint8Array;
  signature: Uint8Array;
  resolve(key: Uint8Array | null): void;
  reject(e: unknown): void;
}

const BATCH = 64;

export class Verifier {
  private readonly workers: Worker[] = [];
  private readonly inFlight = new Map<number, Pending[]>();
  /** Batches each worker is working on: a busy worker keeps the process alive, an idle one does not. */
  private readonly busy = new Map<Worker, number>();
  private queued: Pending[] = [];
  private flushScheduled = false;
  private nextId = 1;
  private turn = 0;

  constructor(
    private readonly suite: SuiteName,
    threads: number,
  ) {
    for (let i = 0; i < threads; i++) this.workers.push(this.spawn());
  }

  private spawn(): Worker {
    const w = new Worker(new URL("./verify-worker.js", import.meta.url));
    w.on("message", (reply: VerifyReply) => {
      const left = (this.busy.get(w) ?? 1) - 1;
      this.busy.set(w, left);
      if (left === 0) w.unref();
      const batch = this.inFlight.get(reply.id);
      this.inFlight.delete(reply.id);
      batch?.forEach((p, i) => p.resolve(reply.keys[i] ?? null));
    });
    w.on("error", (e) => {
      // A worker that dies takes its batches with it: fail them, replace it.
      for (const [id, batch] of this.inFlight) {
        this.inFlight.delete(id);
        for (const p of batch) p.reject(e);
      }
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers[i] = this.spawn();
    });
    // after the listeners: adding a message listener refs the worker again
    w.unref();
    return w;
  }

  /** The signer's public key, or null if the signature is not valid. */
  recover(digest: Uint8Array, signature: Uint8Array): Promise<Uint8Array | null> {
    if (this.workers.length === 0) return Promise.resolve(getSuite(this.suite).recover(digest, signature));
    return new Promise((resolve, reject) => {
      this.queued.push({ digest, signature, resolve, reject });
      if (this.queued.length >= BATCH * this.workers.length) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const all = this.queued;
    this.queued = [];
    // spread evenly over the workers, in batches of at most BATCH
    const size = Math.min(BATCH, Math.ceil(all.length / this.workers.length));
    for (let at = 0; at < all.length; at += size) {
      const batch = all.slice(at, at + size);
      const id = this.nextId++;
      this.inFlight.set(id, batch);
      const req: VerifyRequest = { id, suite: this.suite, digests: batch.map((p) => p.digest), signatures: batch.map((p) => p.signature) };
      const w = this.workers[this.turn++ % this.workers.length]!;
      this.busy.set(w, (this.busy.get(w) ?? 0) + 1);
      w.ref();
      w.postMessage(req);
    }
  }
}

const shared = new Map<string, Verifier>();

/** The process's verifier for a suite: one thread per CPU (at most 4); the OS shares the cores with the main thread, which is idle whenever it waits for them. */
export function sharedVerifier(suite: SuiteName, threads = Math.min(4, availableParallelism())): Verifier {
  const key = `${suite}/${threads}`;
  let v = shared.get(key);
  if (!v) shared.set(key, (v = new Verifier(suite, threads)));
  return v;
}
