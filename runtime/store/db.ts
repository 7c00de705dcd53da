// Opening the LevelDB directory and reading whole key ranges: the meta
// check (format version, hash function) and loading the state at open.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ClassicLevel } from "classic-level";
import { ChainError } from "../chain/errors.ts";
import type { CommittedState } from "./state.ts";
import { decodeSealedHeader, encodeHeader } from "../chain/codec.ts";
import type { BlockHeader } from "../chain/types.ts";
import type { HashFn } from "./trie.ts";
import * as L from "./layout.ts";

export type Db = ClassicLevel<Uint8Array, Uint8Array>;

/** LevelDB hands out Buffers; the chain's types hold plain Uint8Arrays (a view, not a copy). */
export function plain(b: Uint8Array | undefined): Uint8Array | undefined {
  return b === undefined ? undefined : new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Tells a store of one chain's hash function from another's (keccak-256 vs SM3). */
const fingerprintOf = (hash: HashFn): Uint8Array => hash(new TextEncoder().encode("weft chain store"));

/**
 * Opens the store in `dir`, creating it when `dir` is absent or empty. A new
 * store is made beside it and renamed into place once its meta record is on
 * disk, so that a LevelDB directory without a meta record is always damage
 * (LevelDB silently drops a damaged log on recovery, which would otherwise
 * look like an empty store and start a new chain).
 */
export async function openDb(dir: string, hash: HashFn): Promise<Db> {
  dir = resolve(dir);
  const fingerprint = fingerprintOf(hash);
  if (!existsSync(join(dir, "CURRENT"))) {
    if (existsSync(dir) && readdirSync(dir).length > 0) throw new ChainError("BAD_ARGUMENT", `${dir} is neither empty nor a chain store`);
    const tmp = `${dir}.creating-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const db = await openLevel(tmp);
    await db.put(L.KEY_META, L.encodeMeta(fingerprint), { sync: true });
    await db.close();
    renameSync(tmp, dir);
  }
  const db = await openLevel(dir);
  try {
    const meta = plain(await db.get(L.KEY_META).catch((e) => Promise.reject(mapError(e))));
    if (meta === undefined) throw L.corrupt(`${dir} has no meta record (its records are lost)`);
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

async function openLevel(dir: string): Promise<Db> {
  // bigger write buffer than LevelDB's 4 MiB: a block's batch can be a few MiB
  const db = new ClassicLevel<Uint8Array, Uint8Array>(dir, { keyEncoding: "view", valueEncoding: "view", writeBufferSize: 16 << 20 });
  try {
    await db.open();
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === "LEVEL_LOCKED") throw new Error(`the chain store ${dir} is in use by another process (stop it first)`);
    // a file that CURRENT or the manifest names is missing or unreadable: damage, as LevelDB sees it
    if (cause?.code === "LEVEL_CORRUPTION" || cause?.code === "LEVEL_IO_ERROR") throw L.corrupt(`LevelDB cannot open ${dir}: ${cause.message}`);
    throw e;
  }
  return db;
}

/** Whether any key starts with byte `prefix`. */
export async function hasPrefix(db: Db, prefix: number): Promise<boolean> {
  let found = false;
  await scan(db, prefix, prefix + 1, 1, () => void (found = true));
  return found;
}

async function scan(db: Db, prefix: number, end: number, limit: number, f: (k: Uint8Array, v: Uint8Array) => void): Promise<void> {
  const it = db.iterator({ gte: new Uint8Array([prefix]), lt: new Uint8Array([end]) });
  try {
    let n = 0;
    for (;;) {
      const entries = await it.nextv(1000).catch((e) => Promise.reject(mapError(e)));
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

/** Block n's header, checked to be block n's; null when there is none. */
export async function loadHeader(db: Db, n: number): Promise<BlockHeader | null> {
  const v = plain(await db.get(L.numberKey(L.P_HEADER, n)).catch((e) => Promise.reject(mapError(e))));
  if (v === undefined) return null;
  let header: BlockHeader;
  try {
    header = decodeSealedHeader(v);
  } catch (e) {
    throw L.corrupt(`block ${n}'s header does not decode (${e instanceof Error ? e.message : String(e)})`);
  }
  if (header.number !== n) throw L.corrupt(`the header stored as block ${n} says it is block ${header.number}`);
  return header;
}

/** LevelDB's own corruption reports become STORE_CORRUPT; other failures (a full disk, a closed db) pass on. */
export function mapError(e: unknown): unknown {
  if (e instanceof ChainError) return e;
  const code = (e as { code?: string })?.code;
  const cause = (e as { cause?: { code?: string } })?.cause?.code;
  if (code === "LEVEL_CORRUPTION" || cause === "LEVEL_CORRUPTION") return L.corrupt(`LevelDB reports ${(e as Error).message}`);
  if (code === "LEVEL_DATABASE_NOT_OPEN" && !cause) return new ChainError("NODE_STOPPED", "the chain store is closed");
  return e;
}

// The head marker: a small file beside LevelDB's, rewritten after each
// commit. LevelDB drops damaged log records on recovery without an error and
// then deletes the log, so blocks lost that way would look like a shorter
// (or empty) chain; the marker remembers how far the chain had come. It is
// written after the batch, so after a crash LevelDB may be ahead of it, never
// behind; an unreadable marker (power loss) tells nothing and is ignored.
const MARKER = "WEFT-HEAD";

export function writeMarker(dir: string, number: number, hash: Uint8Array): void {
  try {
    writeFileSync(join(dir, MARKER + ".tmp"), `${number} ${Buffer.from(hash).toString("hex")}\n`);
    renameSync(join(dir, MARKER + ".tmp"), join(dir, MARKER));
  } catch {
    // advisory: a stale marker only weakens the check, never fails it
  }
}

export async function checkMarker(dir: string, head: { number: number; hash: Uint8Array } | null, db: Db, hash: HashFn): Promise<void> {
  let text: string;
  try {
    text = readFileSync(join(dir, MARKER), "latin1");
  } catch {
    return;
  }
  const m = /^(\d{1,15}) ([0-9a-f]{64})\n$/.exec(text);
  if (!m) return;
  const number = Number(m[1]);
  if (!head || head.number < number) {
    throw L.corrupt(`block ${number} was committed but the store's head is ${head ? head.number : "empty"} (LevelDB lost records)`);
  }
  const header = head.number === number ? undefined : await loadHeader(db, number);
  const at = header ? hash(encodeHeader(header)) : head.number === number ? head.hash : undefined;
  if (!at || Buffer.from(at).toString("hex") !== m[2]) throw L.corrupt(`block ${number} is not the one that was committed`);
}
