/**
 * The messages of the "vm.exec" task: a batch (cache updates, then calls)
 * to a worker and its results back. Bytes in one transferred buffer,
 * read in place; strings (accounts, contract paths) and the rare failure
 * details in small arrays beside it.
 *
 * batch:  u8 flags (1: empty the caches first) ‖ bytes updates (updates.ts)
 *         ‖ u8 crypto (0 keccak, 1 sm) ‖ u32 maxDepth ‖ str block number ‖ str timestamp ‖ str gasLimit
 *         ‖ u32 n ‖ n × (u32 index, u32 sender, u32 origin | NONE, u32 to, bytes input)
 *         (accounts and contracts by name number, updates.ts; integers as decimal text, "n" after a bigint)
 * result: u32 n ‖ n × (u32 index, u32 kind, u32 offset of its record) ‖ records:
 *   Done:     u32 reads × (u32 key, bytes? value), u32 writes × (u32 key, bytes? value),
 *             u8 status, f64 gasUsed, bytes output, bytes? revertData,
 *             u32 logs × (name address, u8 topics × 32 bytes, bytes data),
 *             u32 detail (index into details, NONE if none)
 *   MissKey:  name address, bytes key
 *   MissCode: name address
 *   HandBack: —
 * A result's "name" is a name number, or STRING | an index into the reply's strings.
 * (bytes = u32 length ‖ bytes; bytes? has length NONE for "absent")
 */
import type { DecodedRevert } from "../abi/revert.ts";
import type { ChainCrypto } from "../crypto.ts";
import type { ExecResult, Log } from "../types.ts";
import { ByteReader } from "./bytes.ts";

export const NONE = 0xffffffff;
/** In a result, a name with this bit set is an index into the reply's strings. */
export const STRING = 0x80000000;
export const Kind = { Done: 0, MissKey: 1, MissCode: 2, HandBack: 3 } as const;

export interface BatchConfig {
  crypto: ChainCrypto;
  maxDepth: number;
  block: { number: number | bigint; timestamp: number | bigint };
  gasLimit: number | bigint;
}

/** An integer as the batch carries it. */
export function intText(v: number | bigint): string {
  return typeof v === "bigint" ? `${v}n` : String(v);
}

export function textInt(s: string): number | bigint {
  return s.endsWith("n") ? BigInt(s.slice(0, -1)) : Number(s);
}

/** A batch: its buffer, and result buffers the calling thread is done with (for the worker to write into again). */
export interface BatchMessage {
  buf: ArrayBuffer;
  back: ArrayBuffer[];
}

/** Results; `req` is the batch's buffer, handed back to be used again. */
export interface ResultMessage {
  buf: ArrayBuffer;
  req: ArrayBuffer;
  strs: string[];
  details: FailureDetail[];
}

/** A failure's message and contract (the decoded revert is made again on the calling thread, with its ABI). */
export interface FailureDetail {
  message?: string;
  failedAt?: string;
}

/** Decodes revert data as the VM does (with the ABI of the contract that failed). */
export type RevertDecoder = (data: Uint8Array, failedAt: string | undefined) => DecodedRevert;

/** A worker's names for a reply: the numbers it was told, else strings of the reply's own. */
export class ReplyNames {
  list: string[] = [];
  private index = new Map<string, number>();

  constructor(private readonly known: ReadonlyMap<string, number>) {}

  of(s: string): number {
    const n = this.known.get(s);
    if (n !== undefined) return n;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return (i | STRING) >>> 0;
  }

  clear(): void {
    if (this.list.length === 0) return;
    this.list = [];
    this.index = new Map();
  }
}

/** A worker's results, read where they lie. */
export class ResultBatch {
  readonly r: ByteReader;
  readonly n: number;

  constructor(
    readonly msg: ResultMessage,
    /** names by number (updates.ts) */
    private readonly names: readonly string[],
  ) {
    this.r = new ByteReader(msg.buf);
    this.n = this.r.view.getUint32(0, true);
  }

  index(t: number): number {
    return this.r.view.getUint32(4 + 12 * t, true);
  }

  kind(t: number): number {
    return this.r.view.getUint32(8 + 12 * t, true);
  }

  /** Position the reader at t's record. */
  seek(t: number): ByteReader {
    this.r.pos = this.r.view.getUint32(12 + 12 * t, true);
    return this.r;
  }

  private name(n: number): string {
    return n & STRING ? this.msg.strs[n & ~STRING]! : this.names[n]!;
  }

  /** MissKey / MissCode: the contract, and the key (copied) if any. */
  missed(t: number): { address: string; key?: Uint8Array } {
    const r = this.seek(t);
    const address = this.name(r.u32());
    return this.kind(t) === Kind.MissKey ? { address, key: r.bytesCopy() } : { address };
  }

  /**
   * The result after a Done record's reads and writes (the reader there):
   * byte strings copied out of the message.
   */
  result(decodeRevert: RevertDecoder): ExecResult {
    const r = this.r;
    const status = r.u8();
    const gasUsed = r.f64();
    const output = r.bytesCopy();
    const revertData = r.maybeBytesCopy();
    const nLogs = r.u32();
    const logs: Log[] = new Array(nLogs);
    for (let i = 0; i < nLogs; i++) {
      const address = this.name(r.u32());
      const nTopics = r.u8();
      const topics: Uint8Array[] = new Array(nTopics);
      for (let k = 0; k < nTopics; k++) topics[k] = r.copy(32);
      logs[i] = { address, topics, data: r.bytesCopy() };
    }
    const detail = r.u32();
    const result: ExecResult = { status, output, gasUsed, logs };
    const d = detail === NONE ? undefined : this.msg.details[detail]!;
    if (d?.message !== undefined) result.message = d.message;
    if (d?.failedAt !== undefined) result.failedAt = d.failedAt;
    if (revertData) {
      result.revertData = revertData;
      result.revert = decodeRevert(revertData, d?.failedAt);
    }
    return result;
  }
}

/** Whether `cur` equals the optional byte string of length `len` (NONE: absent) at bytes[pos]. */
export function sameAt(cur: Uint8Array | undefined, bytes: Uint8Array, pos: number, len: number): boolean {
  if (len === NONE) return cur === undefined;
  if (cur === undefined) return len === 0;
  if (cur.length !== len) return false;
  for (let i = 0; i < len; i++) if (cur[i] !== bytes[pos + i]) return false;
  return true;
}
