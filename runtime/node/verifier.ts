// Signature recovery off the node's main thread. Admission is the node's
// costliest step: the requests that arrive in the same turn of the event
// loop go in batches to the worker threads the node also executes blocks on
// (vm/parallel's pool, which loads verify-handler.ts), and the main thread
// keeps parsing requests and sealing blocks. Results come back per batch in
// request order; the node adds transactions to its pool in the order they
// were submitted (node.ts), so thread timing never reorders them.
//
// Without threads (workers: 0, or one CPU) recovery runs inline.
import type { WorkerPool } from "../../vm/parallel/index.ts";
import type { SuiteName } from "../crypto/suite.ts";
import { VERIFY_TASK, sendersOf, type VerifyRequest } from "./verify-handler.ts";

interface Pending {
  digest: Uint8Array;
  signature: Uint8Array;
  resolve(sender: string | null): void;
  reject(e: unknown): void;
}

const BATCH = 64;

export class Verifier {
  private queued: Pending[] = [];
  private flushScheduled = false;

  constructor(
    private readonly suite: SuiteName,
    private readonly pool: WorkerPool | undefined,
  ) {}

  /** The signer's checksummed address, or null if the signature is not valid. */
  sender(digest: Uint8Array, signature: Uint8Array): Promise<string | null> {
    if (!this.pool) return Promise.resolve(sendersOf({ suite: this.suite, digests: [digest], signatures: [signature] })[0]!);
    return new Promise((resolve, reject) => {
      this.queued.push({ digest, signature, resolve, reject });
      if (this.queued.length >= BATCH * this.pool!.size) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const pool = this.pool!;
    const all = this.queued;
    this.queued = [];
    // spread evenly over the threads, in batches of at most BATCH
    const size = Math.min(BATCH, Math.ceil(all.length / pool.size));
    for (let at = 0; at < all.length; at += size) {
      const batch = all.slice(at, at + size);
      const req: VerifyRequest = { suite: this.suite, digests: batch.map((p) => p.digest), signatures: batch.map((p) => p.signature) };
      pool.run<(string | null)[]>(VERIFY_TASK, req).then(
        (senders) => batch.forEach((p, i) => p.resolve(senders[i] ?? null)),
        (e) => batch.forEach((p) => p.reject(e)),
      );
    }
  }
}
