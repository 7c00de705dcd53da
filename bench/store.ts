// `npx tsx bench/store.ts`: the chain store under a token-like load. A state
// of KEYS storage entries (100k by default), then BLOCKS blocks of TXS
// transactions writing WRITES keys each (1,000 / 3,000: a transfer writes
// ~3), one in ten a new key. Prints, per block, the time to compute the new
// state root (prepare: key hashing, trie edit, rehashing the changed paths),
// to write the block (commitBlock: one synced LevelDB batch) and the hashes
// the root took; then the time to reopen (load + rebuild + root check).
// The chain hash is keccak-256 (noble), or SM3 with HASH=sm. Asserts nothing.
import { keccak_256 } from "@noble/hashes/sha3.js";
import { chainHash } from "../vm/crypto.ts";
import { ChainStore } from "../runtime/store/store.ts";
import { storageDiff, tempDir, makeTx, nextBlock } from "../test/unit/store-fixtures.ts";
import { encodeHeader } from "../runtime/chain/codec.ts";
import { median, table } from "./stats.ts";

const KEYS = Number(process.env.KEYS ?? 100_000);
const BLOCKS = Number(process.env.BLOCKS ?? 12);
const TXS = Number(process.env.TXS ?? 1_000);
const WRITES = Number(process.env.WRITES ?? 3_000);
const useSm = process.env.HASH === "sm";
let hashes = 0;
const hash = (b: Uint8Array): Uint8Array => {
  hashes++;
  return useSm ? chainHash("sm", b) : keccak_256(b);
};
const key = (i: number): string => `balance/${i.toString(16).padStart(8, "0")}`;
const value = (i: number, round: number): string => `${round}`.padStart(32, "0").slice(0, 32) + i;

const { dir, remove } = tempDir();
try {
  let store = await ChainStore.open(dir, { hash });
  // the initial state, 20k entries a block
  let t0 = performance.now();
  for (let from = 0; from < KEYS; from += 20_000) {
    const entries = Array.from({ length: Math.min(20_000, KEYS - from) }, (_, i): [string, string] => [key(from + i), value(from + i, 0)]);
    const { block, receipts, prepared } = nextBlock(store, [], storageDiff("/apps/token", entries));
    await store.commitBlock(block, receipts, prepared);
  }
  console.log(`initial state: ${KEYS} entries in ${(performance.now() - t0).toFixed(0)} ms (${useSm ? "SM3" : "keccak-256"})`);

  const rows: string[][] = [];
  const prep: number[] = [];
  const write: number[] = [];
  let next = KEYS;
  for (let b = 1; b <= BLOCKS; b++) {
    const entries = Array.from({ length: WRITES }, (_, i): [string, string] => {
      const k = i % 10 === 9 ? next++ : (b * 7_919 + i * 104_729) % KEYS;
      return [key(k), value(k, b)];
    });
    const txs = Array.from({ length: TXS }, (_, i) => makeTx(`${b}-${i}`));
    hashes = 0;
    const c0 = process.cpuUsage();
    t0 = performance.now();
    const prepared = store.prepare(storageDiff("/apps/token", entries));
    const tPrep = performance.now() - t0;
    const cPrep = process.cpuUsage(c0).user / 1000;
    const rootHashes = hashes;
    // the header's roots and receipts are the node's work: built here outside the timings
    const { block, receipts } = nextBlock(store, txs, { storage: [], contracts: [] });
    const header = { ...block.header, stateRoot: prepared.stateRoot };
    const full = { header, hash: hash(encodeHeader(header)), transactions: txs };
    t0 = performance.now();
    await store.commitBlock(full, receipts, prepared);
    const tWrite = performance.now() - t0;
    prep.push(tPrep);
    write.push(tWrite);
    rows.push([`${b}`, tPrep.toFixed(1), cPrep.toFixed(1), `${rootHashes}`, tWrite.toFixed(1)]);
  }
  console.log(table(["block", "state root ms", "(cpu ms)", "hashes", "commitBlock ms"], rows));
  // the hash dominates the root: its speed on this machine now, to read the figures against
  const probe = new Uint8Array(66);
  t0 = performance.now();
  for (let i = 0; i < 20_000; i++) hash(probe);
  console.log(`one hash of 66 bytes (an inner node) takes ${(((performance.now() - t0) * 1000) / 20_000).toFixed(2)} µs here and now`);
  const per = median(prep) + median(write);
  console.log(`median per block: root ${median(prep).toFixed(1)} ms, write ${median(write).toFixed(1)} ms → ${(TXS / (per / 1000)).toFixed(0)} tx/s and ${(WRITES / (per / 1000)).toFixed(0)} writes/s through the store alone`);

  await store.close();
  hashes = 0;
  t0 = performance.now();
  store = await ChainStore.open(dir, { hash });
  console.log(`reopen with ${KEYS + next - KEYS} entries: ${(performance.now() - t0).toFixed(0)} ms (${hashes} hashes: key paths, leaves and inner nodes)`);
  await store.close();
} finally {
  remove();
}
