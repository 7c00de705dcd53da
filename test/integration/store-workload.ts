// The deterministic chain the store crash test builds: block n's
// transactions and state writes depend on n alone, so the test can tell
// what the store must hold after any head without talking to the child.
import { createHash } from "node:crypto";
import { encodeTxData } from "../../runtime/chain/codec.ts";
import type { Transaction } from "../../runtime/chain/types.ts";
import { BlockState, type StateDiff } from "../../runtime/store/diff.ts";
import type { ChainState } from "../../vm/state.ts";

export const CONTRACT = "/apps/crash";
export const KEYS = 300;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/**
 * The store takes the chain's hash as a function; native SHA-256 keeps the
 * child's CPU time per block small, so that more of it is spent writing and
 * more kills land inside a write.
 */
export const hash = (b: Uint8Array): Uint8Array => new Uint8Array(createHash("sha256").update(b).digest());

/** 1 to 40 transactions, with a little input each. */
export function txsFor(n: number): Transaction[] {
  if (n === 0) return [];
  return Array.from({ length: 1 + ((n * 7) % 40) }, (_, i) => {
    const data = { version: 0, chainId: "c", groupId: "g", blockLimit: n + 500, nonce: `${n}-${i}`, to: CONTRACT, input: new Uint8Array(64).fill(n & 255), abi: "" };
    return { data, hash: hash(encodeTxData(data)), signature: new Uint8Array(65).fill(i & 255), sender: "0x" + "cd".repeat(20) };
  });
}

/** Which transactions of block n fail. */
export const failedOf = (n: number): number[] => txsFor(n).map((_, i) => i).filter((i) => (n + i) % 9 === 0);

/** Block n's storage writes as [key, value | undefined]; later writes of a key win. */
export function writesFor(n: number): [string, string | undefined][] {
  const w: [string, string | undefined][] = [["count", `${n}`]];
  txsFor(n).forEach((_, i) => w.push([`k${(n * 13 + i * 7) % KEYS}`, `${n}:${i}`]));
  if (n % 5 === 0) w.push([`k${n % KEYS}`, undefined]);
  return w;
}

/** Block n's diff, collected the way the node does it: through a BlockState over the committed state. */
export function diffFor(n: number, committed: ChainState): StateDiff {
  const block = new BlockState(committed);
  if (n === 0) {
    block.setCode(CONTRACT, bytes("\0asm code"), "c0de");
    block.setAbi(CONTRACT, []);
  }
  for (const [k, v] of writesFor(n)) block.setStorage(CONTRACT, bytes(k), v === undefined ? undefined : bytes(v));
  return block.diff();
}

/** The contract's storage after blocks 0..head. */
export function stateAfter(head: number): Map<string, string> {
  const m = new Map<string, string>();
  for (let n = 0; n <= head; n++) {
    for (const [k, v] of writesFor(n)) {
      if (v === undefined) m.delete(k);
      else m.set(k, v);
    }
  }
  return m;
}
