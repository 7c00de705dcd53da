// Opening the LevelDB directory and reading whole key ranges: the meta
// check (format version, hash function) and loading the state at open.
import { ClassicLevel } from "classic-level";
import { ChainError } from "../chain/errors.ts";
import type { CommittedState } from "./state.ts";
import type { HashFn } from "./trie.ts";
import * as L from "./layout.ts";

export type Db = ClassicLevel<Uint8Array, Uint8Array>;

/** LevelDB hands out Buffers; the chain's types hold plain Uint8Arrays (a view, not a copy). */
export function plain(b: Uint8Array | undefined): Uint8Array | undefined {
  return b === undefined ? undefined : new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Tells a store of one chain's hash function from another's (keccak-256 vs SM3). */
const fingerprintOf = (hash: HashFn): Uint8Array => hash(new TextEncoder().encode("weft chain store"));

export async function openDb(dir: string, hash: HashFn): Promise<Db> {
  // bigger write buffer than LevelDB's 4 MiB: a block's batch can be a few MiB
  const db = new ClassicLevel<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view", writeBufferSize: 16 << 20 });
  try {
    await db.open();
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === "LEVEL_LOCKED") throw new Error(`the chain store ${dir} is in use by another process (stop it first)`);
    if (cause?.code === "LEVEL_CORRUPTION") throw L.corrupt(`LevelDB cannot open ${dir}: ${cause.message}`);
    throw e;
  }
  try {
    const fingerprint = fingerprintOf(hash);
    const meta = plain(await db.get(L.KEY_META));
    if (meta === undefined) {
      if ((await readAll(db, 0x00, 1, 0x100)).length > 0) throw L.corrupt(`${dir} holds data but no meta record`);
      await db.put(L.KEY_META, L.encodeMeta(fingerprint), { sync: true });
      return db;
    }
    const m = L.decodeMeta(meta);
    if (m.version !== L.FORMAT_VERSION) {
      throw new ChainError("BAD_ARGUMENT", `the chain store ${dir} has format ${m.version}; this version of Weft reads format ${L.FORMAT_VERSION}`);
    }
    if (Buffer.compare(m.fingerprint, fingerprint) !== 0) {
      throw new ChainError("BAD_ARGUMENT", `the chain store ${dir} belongs to a chain with another hash function (keccak-256 vs SM3)`);
    }
    return db;
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

/** Up to `limit` entries whose keys start with byte `prefix` (or lie in [prefix, end)), in key order. */
export async function readAll(db: Db, prefix: number, limit = Infinity, end = prefix + 1): Promise<[Uint8Array, Uint8Array][]> {
  const out: [Uint8Array, Uint8Array][] = [];
  await scan(db, prefix, end, limit, (k, v) => void out.push([k, v]));
  return out;
}

async function scan(db: Db, prefix: number, end: number, limit: number, f: (k: Uint8Array, v: Uint8Array) => void): Promise<void> {
  const it = db.iterator({ gte: new Uint8Array([prefix]), lt: end > 0xff ? new Uint8Array([0xff, 0xff]) : new Uint8Array([end]) });
  try {
    let n = 0;
    for (;;) {
      const entries = await it.nextv(1000);
      if (entries.length === 0) return;
      for (const [k, v] of entries) {
        if (n++ >= limit) return;
        f(plain(k)!, plain(v)!);
      }
    }
  } finally {
    await it.close();
  }
}

/** Loads every contract and storage entry into `state`, checking each record. */
export async function readState(db: Db, state: CommittedState): Promise<void> {
  await scan(db, L.P_CONTRACT, L.P_CONTRACT + 1, Infinity, (k, v) => {
    const { address } = L.parseStateKey(k);
    const record = L.decodeContract(v, address);
    try {
      state.loadContract(address, record);
    } catch (e) {
      throw L.corrupt(`the ABI of ${address}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  await scan(db, L.P_STORAGE, L.P_STORAGE + 1, Infinity, (k, v) => {
    const { address, key } = L.parseStateKey(k);
    if (v.length === 0) throw L.corrupt(`an empty storage value for ${address}`);
    state.load(address, key, v);
  });
}
