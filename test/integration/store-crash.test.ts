// Crash safety of runtime/store: a child process commits blocks as fast as
// it can and reports each one once commitBlock has resolved; it is killed
// with SIGKILL at random moments (during open, prepare, the LevelDB write,
// the marker write…), and after every kill the store must reopen (its state
// root check passing) holding every reported block with its transactions
// and receipts, a gapless chain of parent hashes, and exactly the state and
// counters of its head — nothing half-written.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ChainStore } from "../../runtime/store/store.ts";
import { CONTRACT, KEYS, failedOf, hash, stateAfter, txsFor } from "./store-workload.ts";
import { tempDir } from "../unit/store-fixtures.ts";

const child = fileURLToPath(new URL("./store-crash-child.ts", import.meta.url));
const KILLS = 22;
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A deterministic generator (xorshift32) for the kill delays, so a failing run can be repeated. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * Runs the child until it is killed: after `delayMs` from its start, or when
 * `afterLines` is set, that long after its first report. Returns what it
 * reported as committed: block number → [block hash, tx hashes].
 */
function runAndKill(dir: string, delayMs: number, afterFirstReport: boolean): Promise<Map<number, string[]>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", child, dir], { stdio: ["ignore", "pipe", "pipe"] });
    const reported = new Map<number, string[]>();
    let buffered = "";
    let stderr = "";
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => void (timer ??= setTimeout(() => p.kill("SIGKILL"), delayMs));
    if (!afterFirstReport) arm();
    p.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("latin1");
      const lines = buffered.split("\n");
      buffered = lines.pop()!; // only whole lines were reported
      for (const line of lines) {
        const [n, ...hashes] = line.trim().split(" ");
        reported.set(Number(n), hashes);
      }
      if (lines.length > 0) arm();
    });
    p.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    p.on("error", reject);
    p.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`the child stopped by itself (${code}): ${stderr}`));
      else resolve(reported);
    });
  });
}

describe("store crash safety", () => {
  it(`reopens at the last committed block after ${KILLS} SIGKILLs at random moments`, async () => {
    const { dir, remove } = tempDir();
    const random = rng(20260501);
    const committed = new Map<number, string[]>();
    let checkedUpTo = -1;
    let prevHash: Uint8Array = new Uint8Array(32);
    let lastHead = -1;
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // most kills land while blocks are being committed; every fourth from the start (during open and recovery)
        const early = kill % 4 === 3;
        const reported = await runAndKill(dir, early ? random() * 600 : random() * 150, !early);
        for (const [n, hashes] of reported) committed.set(n, hashes);

        const store = await ChainStore.open(dir, { hash }); // includes the state root check
        try {
          const head = store.head();
          const highest = Math.max(-1, ...reported.keys());
          expect(head?.number ?? -1, `kill ${kill}`).toBeGreaterThanOrEqual(Math.max(highest, lastHead));
          if (!head) continue;
          lastHead = head.number;
          // every block reported since the last check, and the new ones, chain onto what was checked before
          for (let n = checkedUpTo + 1; n <= head.number; n++) {
            const block = (await store.getBlockByNumber(n))!;
            expect(block, `block ${n}`).not.toBeNull();
            expect(hex(block.header.parentHash), `parent of ${n}`).toBe(hex(prevHash));
            const txs = txsFor(n);
            expect(block.transactions.map((t) => hex(t.hash))).toEqual(txs.map((t) => hex(t.hash)));
            const report = committed.get(n);
            if (report) expect([hex(block.hash), ...block.transactions.map((t) => hex(t.hash))]).toEqual(report);
            for (const [i, tx] of txs.entries()) {
              const r = await store.getReceipt(tx.hash);
              expect(r, `receipt ${n}/${i}`).toMatchObject({ blockNumber: n, index: i, status: failedOf(n).includes(i) ? 16 : 0 });
            }
            prevHash = block.hash;
          }
          checkedUpTo = head.number;
          // nothing of the block after the head: no header, no transaction, no receipt
          expect(await store.getHeader(head.number + 1)).toBeNull();
          for (const tx of txsFor(head.number + 1)) {
            expect(store.hasTransaction(tx.hash), `a transaction of block ${head.number + 1}`).toBe(false);
            expect(await store.getReceipt(tx.hash)).toBeNull();
          }
          // the state and counters are those after the head, exactly
          const expected = stateAfter(head.number);
          for (const k of ["count", ...Array.from({ length: KEYS }, (_, i) => `k${i}`)]) {
            const v = store.state.getStorage(CONTRACT, bytes(k));
            expect(v === undefined ? undefined : new TextDecoder().decode(v), `${k} at ${head.number}`).toBe(expected.get(k));
          }
          let txCount = 0;
          let failed = 0;
          for (let n = 0; n <= head.number; n++) {
            txCount += txsFor(n).length;
            failed += failedOf(n).length;
          }
          expect(store.counts()).toEqual({ transactionCount: txCount, failedTransactionCount: failed });
        } finally {
          await store.close();
        }
      }
      // every run killed after its first report added at least one block
      expect(committed.size).toBeGreaterThanOrEqual(KILLS - Math.floor(KILLS / 4));
    } finally {
      remove();
    }
  }, 180_000);
});
