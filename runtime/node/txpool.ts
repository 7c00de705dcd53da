// The pool of transactions waiting for a block: admitted transactions in
// arrival order, with a limit. The sealer takes from the front; a
// transaction whose block limit has passed is dropped when it is reached.
import type { Transaction } from "../chain/types.ts";
import { ChainError } from "../chain/errors.ts";

export interface PoolOptions {
  /** Most transactions waiting at once (default 100,000). */
  maxSize?: number;
}

export class TxPool {
  private readonly queue: { tx: Transaction; key: string }[] = [];
  private head = 0;
  /** Hex hashes of the queued transactions (for duplicate checks). */
  private readonly known = new Set<string>();
  readonly maxSize: number;

  constructor(options: PoolOptions = {}) {
    this.maxSize = options.maxSize ?? 100_000;
  }

  get size(): number {
    return this.queue.length - this.head;
  }

  has(hashHex: string): boolean {
    return this.known.has(hashHex);
  }

  add(tx: Transaction, hashHex: string): void {
    if (this.known.has(hashHex)) throw new ChainError("DUPLICATE_TX", `transaction 0x${hashHex} is already waiting`);
    if (this.size >= this.maxSize) throw new ChainError("MEMPOOL_FULL", `the pool holds ${this.maxSize} transactions; try again after the next blocks`);
    this.known.add(hashHex);
    this.queue.push({ tx, key: hashHex });
  }

  /**
   * Up to `max` transactions for a block numbered `number`, in arrival
   * order; transactions whose blockLimit is ≤ number are dropped (expired)
   * and returned separately.
   */
  take(max: number, number: number): { txs: Transaction[]; expired: Transaction[] } {
    const txs: Transaction[] = [];
    const expired: Transaction[] = [];
    while (txs.length < max && this.head < this.queue.length) {
      const { tx, key } = this.queue[this.head++]!;
      this.known.delete(key);
      (tx.data.blockLimit > number ? txs : expired).push(tx);
    }
    // Drop the consumed prefix now and then, not on every take.
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return { txs, expired };
  }
}
