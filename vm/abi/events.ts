/**
 * Event logs (docs/abi.md, "Events"): topic0 = chainHash(event name); each
 * indexed field one topic (integers/bool big-endian in 32 bytes, signed
 * values sign-extended; bytesN left-aligned; string/bytes/address the hash
 * of the raw bytes; arrays/structs the hash of their SCALE); data = SCALE of
 * the non-indexed fields.
 */
import { chainHash, chainHashText, type ChainCrypto } from "../crypto.ts";
import { VmError, isVmError } from "../errors.ts";
import { asRecord, decodeValue, encodeValue, intRange, toBigInt, toBytes } from "./codec.ts";
import { bytesEqual } from "./hex.ts";
import { ScaleReader, ScaleWriter } from "./scale.ts";
import { parseParam, type Abi, type AbiEntry, type AbiType } from "./types.ts";

export interface LogLike {
  topics: readonly Uint8Array[];
  data: Uint8Array;
}

/** An indexed value that only survives as its hash (string, bytes, arrays, structs). */
export interface IndexedHash {
  hash: Uint8Array;
}

export interface DecodedEvent {
  name: string;
  entry: AbiEntry;
  /** all fields in declaration order, keyed by name when every field has one */
  args: unknown;
}

export function eventTopic0(name: string, crypto: ChainCrypto): Uint8Array {
  return chainHashText(crypto, name);
}

function encodeTopic(t: AbiType, v: unknown, path: string, crypto: ChainCrypto): Uint8Array {
  const w = new ScaleWriter();
  switch (t.kind) {
    case "bool":
    case "uint":
    case "int": {
      // range and type checks by the SCALE encoder, then the 32-byte form
      encodeValue(w, t, v, path);
      w.intBE(t.kind === "bool" ? (v ? 1n : 0n) : toBigInt(v, path), 32);
      return w.finish().slice(-32);
    }
    case "fixedBytes": {
      encodeValue(w, t, v, path);
      const out = new Uint8Array(32);
      out.set(toBytes(v, path));
      return out;
    }
    case "string":
      if (typeof v !== "string") throw new VmError("ABI_BAD_VALUE", `${path}: expected a string`);
      return chainHashText(crypto, v);
    case "bytes":
      return chainHash(crypto, toBytes(v, path));
    case "array":
    case "tuple":
      encodeValue(w, t, v, path);
      return chainHash(crypto, w.finish());
  }
}

function decodeTopic(t: AbiType, topic: Uint8Array, path: string): unknown {
  if (topic.length !== 32) throw new VmError("ABI_BAD_VALUE", `${path}: topic of ${topic.length} bytes (expected 32)`);
  const r = new ScaleReader(topic);
  switch (t.kind) {
    case "bool":
    case "uint":
    case "int": {
      const raw = r.uintBE(32);
      const v = t.kind === "int" ? BigInt.asIntN(256, raw) : raw;
      const [lo, hi] = t.kind === "bool" ? [0n, 1n] : intRange(t);
      if (v < lo || v > hi) throw new VmError("ABI_OUT_OF_RANGE", `${path}: indexed topic does not hold a ${t.kind === "bool" ? "bool" : t.kind + t.bits}`);
      return t.kind === "bool" ? v === 1n : v;
    }
    case "fixedBytes":
      if (topic.subarray(t.size).some((b) => b !== 0)) throw new VmError("ABI_BAD_VALUE", `${path}: bytes${t.size} topic is not zero-padded`);
      return topic.slice(0, t.size);
    default:
      return { hash: topic.slice() } satisfies IndexedHash;
  }
}

/** The topics and data a contract emits for this event with these field values. */
export function encodeEvent(entry: AbiEntry, values: unknown, crypto: ChainCrypto): LogLike {
  const inputs = entry.inputs ?? [];
  const list = Array.isArray(values) ? values : inputs.map((p) => (values as Record<string, unknown>)?.[p.name ?? ""]);
  if (list.length !== inputs.length) throw new VmError("ABI_BAD_VALUE", `${entry.name}: expected ${inputs.length} values, got ${list.length}`);
  const topics: Uint8Array[] = entry.anonymous ? [] : [eventTopic0(entry.name ?? "", crypto)];
  const data = new ScaleWriter();
  inputs.forEach((p, i) => {
    const path = `${entry.name}.${p.name || i}`;
    if (p.indexed) topics.push(encodeTopic(parseParam(p), list[i], path, crypto));
    else encodeValue(data, parseParam(p), list[i], path);
  });
  if (topics.length > 4) throw new VmError("ABI_BAD_ENTRY", `${entry.name}: more than 3 indexed fields`);
  return { topics, data: data.finish() };
}

/** Decode a log with one specific event entry (throws VmError if it does not fit). */
export function decodeEventWith(entry: AbiEntry, log: LogLike, crypto: ChainCrypto): DecodedEvent {
  const inputs = entry.inputs ?? [];
  let t = 0;
  if (!entry.anonymous) {
    if (!log.topics[0] || !bytesEqual(log.topics[0], eventTopic0(entry.name ?? "", crypto))) {
      throw new VmError("ABI_NOT_FOUND", `log topic0 is not the hash of "${entry.name}"`);
    }
    t = 1;
  }
  const indexed = inputs.filter((p) => p.indexed).length;
  if (log.topics.length !== t + indexed) {
    throw new VmError("ABI_BAD_VALUE", `${entry.name}: ${log.topics.length} topics, expected ${t + indexed}`);
  }
  const r = new ScaleReader(log.data);
  const values = inputs.map((p, i) => {
    const path = `${entry.name}.${p.name || i}`;
    return p.indexed ? decodeTopic(parseParam(p), log.topics[t++]!, path) : decodeValue(r, parseParam(p), path);
  });
  r.finish();
  return { name: entry.name ?? "", entry, args: asRecord(inputs.map((p) => p.name ?? ""), values) };
}

/** Find the (non-anonymous) event this log belongs to and decode it; undefined if none fits. */
export function decodeEvent(abi: Abi, log: LogLike, crypto: ChainCrypto): DecodedEvent | undefined {
  for (const entry of abi) {
    if (entry.type !== "event" || entry.anonymous) continue;
    try {
      return decodeEventWith(entry, log, crypto);
    } catch (e) {
      if (!isVmError(e)) throw e;
    }
  }
  return undefined;
}
