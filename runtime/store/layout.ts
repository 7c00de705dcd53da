// What the store keeps in LevelDB, key by key, and the codecs of its
// records. Every decoder checks what it reads and throws
// ChainError("STORE_CORRUPT") on anything unexpected, so damaged bytes never
// travel further than this file.
//
//   m                      meta: format version, fingerprint of the hash function
//   H                      head: number ‖ block hash ‖ total txs ‖ failed txs (u64 LE, 32 bytes, u64, u64)
//   h ‖ n (u64 BE)         sealed header (codec.ts encodeSealedHeader)
//   b ‖ n (u64 BE)         the block's transaction hashes, 32 bytes each, in order
//   n ‖ block hash         the block's number (u64 BE)
//   t ‖ tx hash            block number, index, signed transaction, sender
//   r ‖ tx hash            receipt (codec.ts encodeReceipt)
//   s ‖ address ‖ key      a storage value          } address: SCALE string (compact length ‖ UTF-8);
//   c ‖ address            code, code hash, ABI     } these keys also name the trie paths
//
// Numbers are big-endian in keys so that LevelDB's byte order is block order.
import { ScaleReader, ScaleWriter } from "../../vm/abi/scale.ts";
import { ChainError } from "../chain/errors.ts";
import { decodeReceipt, decodeSignedTx, encodeSignedTx } from "../chain/codec.ts";
import type { Receipt, Transaction } from "../chain/types.ts";

export const FORMAT_VERSION = 1;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

export const KEY_META = new Uint8Array([0x6d]); // m
export const KEY_HEAD = new Uint8Array([0x48]); // H
export const P_HEADER = 0x68; // h
export const P_BODY = 0x62; // b
export const P_BLOCK_HASH = 0x6e; // n
export const P_TX = 0x74; // t
export const P_RECEIPT = 0x72; // r
export const P_STORAGE = 0x73; // s
export const P_CONTRACT = 0x63; // c

export function corrupt(what: string): ChainError {
  return new ChainError("STORE_CORRUPT", `the store is damaged: ${what}; restore it from a backup or resync the node`);
}

export function numberKey(prefix: number, n: number): Uint8Array {
  const k = new Uint8Array(9);
  k[0] = prefix;
  new DataView(k.buffer).setBigUint64(1, BigInt(n));
  return k;
}

export function hashKey(prefix: number, hash: Uint8Array): Uint8Array {
  const k = new Uint8Array(1 + hash.length);
  k[0] = prefix;
  k.set(hash, 1);
  return k;
}

/** A block number as stored in the block-hash index: u64 BE. */
export function encodeNumber(n: number): Uint8Array {
  return numberKey(0, n).slice(1);
}

export function decodeNumber(v: Uint8Array, what: string): number {
  if (v.length !== 8) throw corrupt(`${what} is ${v.length} bytes, not 8`);
  const n = new DataView(v.buffer, v.byteOffset, 8).getBigUint64(0);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt(`${what} is out of range`);
  return Number(n);
}

/** SCALE string (compact length ‖ UTF-8): the address part of state keys, self-delimiting whatever its length. */
export function encodeAddress(address: string): Uint8Array {
  const w = new ScaleWriter();
  w.lengthPrefixed(utf8.encode(address));
  return w.finish();
}

/** `s ‖ address ‖ key`: the storage entry's LevelDB key, and what its trie path hashes. */
export function storageKey(address: Uint8Array, key: Uint8Array): Uint8Array {
  const k = new Uint8Array(1 + address.length + key.length);
  k[0] = P_STORAGE;
  k.set(address, 1);
  k.set(key, 1 + address.length);
  return k;
}

/** `c ‖ address`: the contract's LevelDB key, and what its trie path hashes. */
export function contractKey(address: Uint8Array): Uint8Array {
  const k = new Uint8Array(1 + address.length);
  k[0] = P_CONTRACT;
  k.set(address, 1);
  return k;
}

/** The address and (for s keys) storage key of a state key read back from disk. */
export function parseStateKey(k: Uint8Array): { address: string; key: Uint8Array } {
  const r = new ScaleReader(k.subarray(1));
  let address: string;
  try {
    address = str(r);
  } catch (e) {
    throw corrupt(`a state key's address does not decode (${e instanceof Error ? e.message : String(e)})`);
  }
  const key = k.slice(1 + r.pos);
  if (k[0] === P_CONTRACT && key.length !== 0) throw corrupt("a contract key has bytes after its address");
  return { address, key };
}

/** Runs a decoder over stored bytes; any failure is damage. */
function guard<T>(what: string, f: (r: ScaleReader) => T, bytes: Uint8Array): T {
  try {
    const r = new ScaleReader(bytes);
    const v = f(r);
    r.finish();
    return v;
  } catch (e) {
    if (e instanceof ChainError && e.code === "STORE_CORRUPT") throw e;
    throw corrupt(`${what} does not decode (${e instanceof Error ? e.message : String(e)})`);
  }
}

const str = (r: ScaleReader): string => fromUtf8.decode(r.take(r.length()));
const u64 = (r: ScaleReader, what: string): number => {
  const v = r.uintLE(8);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt(`${what} is out of range`);
  return Number(v);
};

export interface ContractRecord {
  code: Uint8Array;
  codeHash: string;
  /** ABI JSON; "" when none was set. */
  abi: string;
}

export function encodeContract(c: ContractRecord): Uint8Array {
  const w = new ScaleWriter();
  w.lengthPrefixed(c.code);
  w.lengthPrefixed(utf8.encode(c.codeHash));
  w.lengthPrefixed(utf8.encode(c.abi));
  return w.finish();
}

export function decodeContract(v: Uint8Array, address: string): ContractRecord {
  return guard(`the contract record of ${address}`, (r) => ({ code: r.take(r.length()), codeHash: str(r), abi: str(r) }), v);
}

/**
 * A contract's trie leaf value: H(code) ‖ SCALE(codeHash) ‖ SCALE(abi). The
 * code enters by its hash so that a proof next to a contract stays small.
 */
export function contractLeafValue(hash: (b: Uint8Array) => Uint8Array, c: ContractRecord): Uint8Array {
  const w = new ScaleWriter();
  w.bytes(hash(c.code));
  w.lengthPrefixed(utf8.encode(c.codeHash));
  w.lengthPrefixed(utf8.encode(c.abi));
  return w.finish();
}

export interface Head {
  number: number;
  hash: Uint8Array;
  transactionCount: number;
  failedTransactionCount: number;
}

export function encodeHead(h: Head): Uint8Array {
  const w = new ScaleWriter();
  w.intLE(BigInt(h.number), 8);
  w.bytes(h.hash);
  w.intLE(BigInt(h.transactionCount), 8);
  w.intLE(BigInt(h.failedTransactionCount), 8);
  return w.finish();
}

export function decodeHead(v: Uint8Array): Head {
  return guard("the head record", (r) => ({
    number: u64(r, "the head number"), hash: r.take(32), transactionCount: u64(r, "the transaction count"), failedTransactionCount: u64(r, "the failed count"),
  }), v);
}

export function encodeMeta(fingerprint: Uint8Array): Uint8Array {
  const w = new ScaleWriter();
  w.intLE(BigInt(FORMAT_VERSION), 4);
  w.lengthPrefixed(fingerprint);
  return w.finish();
}

export function decodeMeta(v: Uint8Array): { version: number; fingerprint: Uint8Array } {
  return guard("the meta record", (r) => ({ version: Number(r.uintLE(4)), fingerprint: r.take(r.length()) }), v);
}

export interface TxRecord {
  blockNumber: number;
  index: number;
  tx: Transaction;
}

export function encodeTxRecord(blockNumber: number, index: number, tx: Transaction): Uint8Array {
  const w = new ScaleWriter();
  w.intLE(BigInt(blockNumber), 8);
  w.intLE(BigInt(index), 4);
  w.lengthPrefixed(encodeSignedTx(tx.data, tx.signature));
  w.lengthPrefixed(utf8.encode(tx.sender));
  return w.finish();
}

/** The transaction stored under `hash`; its hash is recomputed and must match. */
export function decodeTxRecord(v: Uint8Array, hash: Uint8Array, hashFn: (b: Uint8Array) => Uint8Array): TxRecord {
  const what = `the transaction ${Buffer.from(hash).toString("hex")}`;
  return guard(what, (r) => {
    const blockNumber = u64(r, "a transaction's block number");
    const index = Number(r.uintLE(4));
    const signed = decodeSignedTx(r.take(r.length()));
    const sender = str(r);
    const computed = hashFn(signed.encoded);
    if (Buffer.compare(computed, hash) !== 0) throw corrupt(`${what} hashes to ${Buffer.from(computed).toString("hex")}`);
    return { blockNumber, index, tx: { data: signed.data, hash: computed, signature: signed.signature, sender } };
  }, v);
}

/** The receipt stored under `hash`: it must decode and be that transaction's. */
export function decodeStoredReceipt(v: Uint8Array, hash: Uint8Array): Receipt {
  const what = `the receipt of ${Buffer.from(hash).toString("hex")}`;
  let r: Receipt;
  try {
    r = decodeReceipt(v);
  } catch (e) {
    throw corrupt(`${what} does not decode (${e instanceof Error ? e.message : String(e)})`);
  }
  if (Buffer.compare(r.transactionHash, hash) !== 0) throw corrupt(`${what} is another transaction's`);
  return r;
}
