/**
 * A transaction's conflict keys, from the target contract's ABI
 * (`conflictFields`, FISCO's format; docs/parallel.md) and the call input.
 * A key is (contract, slot, suffix bytes). The scheduler works with a
 * 30-bit hash of it (two keys with the same hash only make a false
 * conflict); `describe` gives the keys as text, for tests and people.
 * Keys only shape the schedule: a wrong key costs time, never correctness
 * (the executor checks what transactions actually touched).
 *
 * "all" — the transaction runs alone — when the entry is missing, has no or
 * empty conflictFields, any field of kind 0 or a malformed one, or when the
 * input does not decode.
 */
import { toHex } from "../abi/hex.ts";
import { checksumAddress, type ChainCrypto } from "../crypto.ts";
import type { Abi } from "../abi/types.ts";
import { compilePlan, findEntry, type Plan } from "./plan.ts";
import { paramStarts, rangeAt } from "./scale-walk.ts";
import { hashBytes } from "./hash.ts";

export { ConflictKind, EnvValue } from "./plan.ts";

/** What Env keys are made of: the transaction's accounts and block. */
export interface KeyEnv {
  sender: string;
  origin?: string | undefined;
  block: { number: number | bigint; timestamp: number | bigint };
}

/** The keys of many transactions, flat: transaction t has keys[start[t] .. start[t + 1]). */
export class KeyList {
  keys: number[] = [];
  /** 1: read only */
  readOnly: number[] = [];
  start: number[] = [0];

  get txCount(): number {
    return this.start.length - 1;
  }

  clear(): void {
    this.keys.length = 0;
    this.readOnly.length = 0;
    this.start.length = 1;
  }
}

/** A key as text: contract/slot/suffix hex, "r" when read only. */
export interface DescribedKey {
  key: string;
  readOnly: boolean;
}

const utf8 = new TextEncoder();
/** Accounts whose Env suffix is kept (senders are chosen by whoever submits transactions): the oldest goes first. */
const MAX_CACHED = 65536;

function remember<V>(m: Map<string, V>, k: string, v: V): void {
  if (m.size >= MAX_CACHED) m.delete(m.keys().next().value!);
  m.set(k, v);
}

/** Computes keys; caches the plan of each ABI entry (by ABI object) and the accounts' Env suffixes. */
export class KeyPlanner {
  private plans = new WeakMap<Abi, Map<number, Plan | "all">>();
  /** SCALE(string) of an account as contracts see it, by account */
  private accounts = new Map<string, Uint8Array>();
  private accountHashes = new Map<string, number>();
  private readonly starts: number[] = [];

  constructor(readonly crypto: ChainCrypto) {}

  /** Append the keys of calling `to` (whose ABI is `abi`) with `input` to `out`; false (nothing appended) for "all". */
  keysInto(to: string, abi: Abi | undefined, input: Uint8Array, env: KeyEnv, out: KeyList): boolean {
    const plan = this.planFor(abi, input);
    if (plan === "all") return false;
    const starts = paramStarts(input, 4, plan.types, this.starts);
    if (starts === null) return false;
    if (plan.lastTo !== to) {
      plan.prefixHashes = plan.fields.map((f) => hashText(`${to}\u0000${f.slot}`));
      plan.lastTo = to;
    }
    const prefixes = plan.prefixHashes!;
    const begin = out.keys.length;
    for (let i = 0; i < plan.fields.length; i++) {
      const f = plan.fields[i]!;
      let suffix: number;
      if (f.kind === "fixed") suffix = f.suffixHash;
      else if (f.kind === "param") {
        const r = rangeAt(input, plan.types, starts, f.path)!;
        suffix = hashBytes(input, r[0], r[1]);
      } else {
        const h = this.envHash(f.which, to, env);
        if (h === undefined) {
          out.keys.length = out.readOnly.length = begin;
          return false;
        }
        suffix = h;
      }
      addKey(out, begin, combine(prefixes[i]!, suffix), f.readOnly);
    }
    out.start.push(out.keys.length);
    return true;
  }

  /** The same keys as text (contract/slot/suffix hex), or "all". */
  describe(to: string, abi: Abi | undefined, input: Uint8Array, env: KeyEnv): DescribedKey[] | "all" {
    const plan = this.planFor(abi, input);
    if (plan === "all") return "all";
    const starts = paramStarts(input, 4, plan.types, []);
    if (starts === null) return "all";
    const out: DescribedKey[] = [];
    for (const f of plan.fields) {
      const suffix = f.kind === "fixed" ? f.suffix : f.kind === "param" ? input.subarray(...rangeAt(input, plan.types, starts, f.path)!) : this.envBytes(f.which, to, env);
      if (suffix === undefined) return "all";
      const key = `${to}/${f.slot}/${toHex(suffix)}`;
      const same = out.find((k) => k.key === key);
      if (same) same.readOnly &&= f.readOnly;
      else out.push({ key, readOnly: f.readOnly });
    }
    return out;
  }

  private planFor(abi: Abi | undefined, input: Uint8Array): Plan | "all" {
    if (!abi || input.length < 4) return "all";
    const selector = ((input[0]! << 24) | (input[1]! << 16) | (input[2]! << 8) | input[3]!) >>> 0;
    let bySelector = this.plans.get(abi);
    if (!bySelector) this.plans.set(abi, (bySelector = new Map()));
    let plan = bySelector.get(selector);
    if (plan === undefined) {
      const entry = findEntry(abi, selector, this.crypto);
      plan = entry ? compilePlan(entry) : "all";
      // unknown selectors are remembered only while few (transactions choose them freely)
      if (entry || bySelector.size < 256) bySelector.set(selector, plan);
    }
    return plan;
  }

  private envHash(which: number, to: string, env: KeyEnv): number | undefined {
    if (which === 0 || which === 1) {
      const account = which === 0 ? env.sender : (env.origin ?? env.sender);
      let h = this.accountHashes.get(account);
      if (h === undefined) {
        const b = this.account(account);
        if (b === undefined) return undefined;
        h = hashBytes(b, 0, b.length);
        remember(this.accountHashes, account, h);
      }
      return h;
    }
    const b = this.envBytes(which, to, env)!;
    return hashBytes(b, 0, b.length);
  }

  /** The suffix bytes of an Env key; undefined when the account is not one. */
  private envBytes(which: number, to: string, env: KeyEnv): Uint8Array | undefined {
    switch (which) {
      case 0:
        return this.account(env.sender);
      case 1:
        return this.account(env.origin ?? env.sender);
      case 2:
        return u64(env.block.timestamp);
      case 3:
        return u64(env.block.number);
      default:
        return scaleBytes(utf8.encode(to));
    }
  }

  /** SCALE(string) of the account as contracts see it (40 checksummed hex digits); undefined if not an account. */
  private account(address: string): Uint8Array | undefined {
    let b = this.accounts.get(address);
    if (b === undefined) {
      try {
        b = scaleBytes(utf8.encode(checksumAddress(address, this.crypto)));
      } catch {
        return undefined;
      }
      remember(this.accounts, address, b);
    }
    return b;
  }
}

/** Adds a key to the transaction's keys (from `begin`), merging a repeat: read only if every mention is. */
function addKey(out: KeyList, begin: number, key: number, readOnly: boolean): void {
  for (let i = begin; i < out.keys.length; i++) {
    if (out.keys[i] === key) {
      if (!readOnly) out.readOnly[i] = 0;
      return;
    }
  }
  out.keys.push(key);
  out.readOnly.push(readOnly ? 1 : 0);
}

function hashText(s: string): number {
  const b = utf8.encode(s);
  return hashBytes(b, 0, b.length);
}

/** A key's hash from its prefix's and its suffix's: 30 bits, so that V8 keeps it a small integer. */
function combine(prefix: number, suffix: number): number {
  let h = Math.imul(prefix ^ Math.imul(suffix, 0x9e3779b1), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x3fffffff;
}

/** SCALE u64 (8 bytes little-endian). */
function u64(v: number | bigint): Uint8Array {
  let x = BigInt.asUintN(64, BigInt(v));
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

/** SCALE(string) of UTF-8 bytes: compact length ‖ bytes. */
function scaleBytes(b: Uint8Array): Uint8Array {
  const n = b.length;
  const v = n < 64 ? n << 2 : n < 1 << 14 ? (n << 2) | 1 : (n << 2) | 2;
  const size = n < 64 ? 1 : n < 1 << 14 ? 2 : 4;
  const out = new Uint8Array(size + n);
  for (let i = 0; i < size; i++) out[i] = (v >>> (8 * i)) & 0xff;
  out.set(b, size);
  return out;
}
