// bench:parallel's workload: blocks of token transfers among the first
// `accounts` bench keys, sender and recipient from a seeded PRNG (distinct),
// the same sequence for every executor.
import type { BlockTx } from "../../vm/parallel/index.ts";
import type { BenchKey } from "./keys-handler.ts";

/** mulberry32 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Workload {
  /** block i of the sequence (the same for every executor) */
  next(): BlockTx[];
}

export type Tx = Extract<BlockTx, { kind: "call" }> & { from: number };

/** Transfers of 1 unit; `inputTo[i]` is the call data of a transfer to key i. */
export function transfers(keys: readonly BenchKey[], inputTo: readonly Uint8Array[], token: string, accounts: number, size: number, seed: number): Workload {
  const rnd = prng(seed);
  return {
    next() {
      const txs: Tx[] = new Array(size);
      for (let i = 0; i < size; i++) {
        const from = Math.floor(rnd() * accounts);
        let to = Math.floor(rnd() * (accounts - 1));
        if (to >= from) to++;
        txs[i] = { kind: "call", sender: keys[from]!.address, to: token, input: inputTo[to]!, from };
      }
      return txs;
    },
  };
}

/** Every result must be status 0. */
export function check(out: { results: { status: number; message?: string }[] }, what: string): void {
  for (let i = 0; i < out.results.length; i++) {
    const r = out.results[i]!;
    if (r.status !== 0) throw new Error(`${what}: transaction ${i} has status ${r.status} (${r.message ?? ""})`);
  }
}
