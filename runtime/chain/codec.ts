// Canonical binary encodings of transactions, headers and receipts (SCALE,
// as contracts use): what is hashed, signed and stored. Decoders are strict
// and throw ChainError("BAD_ENCODING") on anything else, so bytes from the
// network can be fed to them directly.
import { ScaleReader, ScaleWriter } from "../../vm/abi/scale.ts";
import type { BlockHeader, LogEntry, Receipt, TxData } from "./types.ts";
import { ChainError } from "./errors.ts";

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

function str(w: ScaleWriter, s: string): void {
  w.lengthPrefixed(utf8.encode(s));
}

function u64(w: ScaleWriter, n: number): void {
  w.intLE(BigInt(n), 8);
}

class Reader {
  private readonly r: ScaleReader;
  constructor(bytes: Uint8Array, private readonly what: string) {
    this.r = new ScaleReader(bytes);
  }
  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw new ChainError("BAD_ENCODING", `malformed ${this.what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  bytes(): Uint8Array {
    return this.guard(() => this.r.take(this.r.length()));
  }
  fixed(n: number): Uint8Array {
    return this.guard(() => this.r.take(n));
  }
  str(): string {
    const b = this.bytes();
    return this.guard(() => fromUtf8.decode(b));
  }
  u64(): number {
    const v = this.guard(() => this.r.uintLE(8));
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ChainError("BAD_ENCODING", `malformed ${this.what}: number out of range`);
    return Number(v);
  }
  u32(): number {
    return Number(this.guard(() => this.r.uintLE(4)));
  }
  count(): number {
    return this.guard(() => this.r.length());
  }
  end(): void {
    this.guard(() => this.r.finish());
  }
}

export function encodeTxData(d: TxData): Uint8Array {
  const w = new ScaleWriter();
  w.intLE(BigInt(d.version), 4);
  str(w, d.chainId);
  str(w, d.groupId);
  u64(w, d.blockLimit);
  str(w, d.nonce);
  str(w, d.to);
  w.lengthPrefixed(d.input);
  str(w, d.abi);
  return w.finish();
}

export function decodeTxData(bytes: Uint8Array): TxData {
  const r = new Reader(bytes, "transaction");
  const d: TxData = {
    version: r.u32(), chainId: r.str(), groupId: r.str(), blockLimit: r.u64(), nonce: r.str(), to: r.str(), input: r.bytes(), abi: r.str(),
  };
  r.end();
  return d;
}

/** A signed transaction on the wire: SCALE(bytes data, bytes signature). */
export function encodeSignedTx(data: TxData, signature: Uint8Array): Uint8Array {
  const w = new ScaleWriter();
  w.lengthPrefixed(encodeTxData(data));
  w.lengthPrefixed(signature);
  return w.finish();
}

export function decodeSignedTx(bytes: Uint8Array): { data: TxData; encoded: Uint8Array; signature: Uint8Array } {
  const r = new Reader(bytes, "signed transaction");
  const encoded = r.bytes();
  const signature = r.bytes();
  r.end();
  return { data: decodeTxData(encoded), encoded, signature };
}

/** The header without its signature: what the block hash covers. */
export function encodeHeader(h: BlockHeader): Uint8Array {
  const w = new ScaleWriter();
  u64(w, h.number);
  w.bytes(h.parentHash);
  u64(w, h.timestamp);
  w.bytes(h.txRoot);
  w.bytes(h.receiptRoot);
  w.bytes(h.stateRoot);
  u64(w, h.gasUsed);
  w.lengthPrefixed(h.sealer);
  return w.finish();
}

/** The header with its signature, for storage. */
export function encodeSealedHeader(h: BlockHeader): Uint8Array {
  const w = new ScaleWriter();
  w.lengthPrefixed(encodeHeader(h));
  w.lengthPrefixed(h.signature);
  return w.finish();
}

export function decodeSealedHeader(bytes: Uint8Array): BlockHeader {
  const outer = new Reader(bytes, "block header");
  const inner = outer.bytes();
  const signature = outer.bytes();
  outer.end();
  const r = new Reader(inner, "block header");
  const h: BlockHeader = {
    number: r.u64(), parentHash: r.fixed(32), timestamp: r.u64(), txRoot: r.fixed(32), receiptRoot: r.fixed(32),
    stateRoot: r.fixed(32), gasUsed: r.u64(), sealer: r.bytes(), signature,
  };
  r.end();
  return h;
}

export function encodeReceipt(x: Receipt): Uint8Array {
  const w = new ScaleWriter();
  w.bytes(x.transactionHash);
  u64(w, x.blockNumber);
  w.intLE(BigInt(x.index), 4);
  w.intLE(BigInt(x.status), 4);
  w.lengthPrefixed(x.output);
  u64(w, x.gasUsed);
  w.compact(x.logs.length);
  for (const log of x.logs) {
    str(w, log.address);
    w.compact(log.topics.length);
    for (const t of log.topics) w.lengthPrefixed(t);
    w.lengthPrefixed(log.data);
  }
  str(w, x.contractAddress);
  str(w, x.message);
  return w.finish();
}

export function decodeReceipt(bytes: Uint8Array): Receipt {
  const r = new Reader(bytes, "receipt");
  const transactionHash = r.fixed(32);
  const blockNumber = r.u64();
  const index = r.u32();
  const status = r.u32();
  const output = r.bytes();
  const gasUsed = r.u64();
  const logs: LogEntry[] = [];
  for (let n = r.count(); n > 0; n--) {
    const address = r.str();
    const topics: Uint8Array[] = [];
    for (let k = r.count(); k > 0; k--) topics.push(r.bytes());
    logs.push({ address, topics, data: r.bytes() });
  }
  const receipt: Receipt = { transactionHash, blockNumber, index, status, output, gasUsed, logs, contractAddress: r.str(), message: r.str() };
  r.end();
  return receipt;
}
