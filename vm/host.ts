/**
 * The `bcos` host functions, with FISCO's semantics and gas
 * (bcos-wasm src/fbei.rs): memory ranges are bounds-checked first (a bad
 * range traps), then gas is taken — fixed costs, then 3 per byte copied
 * between the host and linear memory (finish and revert copy for free).
 * Host gas may bring the counter to exactly 0; below 0 is out of gas.
 * Each frame has its own gas counter (its instance's global), as in FISCO.
 */
import { Abort, EMPTY, gasExhausted, type Frame, type Outcome } from "./frame.ts";
import type { Entry, Journal } from "./journal.ts";
import { refreshViews } from "./modules.ts";
import { markRange } from "./sandbox/restore.ts";
import { Reasons } from "./status.ts";
import type { Log } from "./types.ts";

export const HostGas = {
  storageLoad: 200,
  storageStore: 5000,
  log: 375,
  logTopic: 375,
  logData: 8,
  call: 700,
  externalCode: 700,
  copyPerByte: 3,
} as const;

/** getStorage's value buffer must have this much room (FISCO passes 16 KiB). */
export const STORAGE_VALUE_ROOM = 16 * 1024;

/** What the host functions need from the VM. */
export interface HostEnv {
  readonly frame: Frame;
  readonly journal: Journal;
  readonly logs: Log[];
  readonly blockNumber: bigint;
  readonly blockTimestamp: bigint;
  readonly originBytes: Uint8Array;
  /** run a nested call with all of `gas`; the outcome says what is left */
  callContract(caller: Frame, to: string | undefined, input: Uint8Array, gas: bigint): Outcome;
  codeSize(address: string | undefined): number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const C = HostGas.copyPerByte;

function decodeAddress(b: Uint8Array): string | undefined {
  try {
    return utf8.decode(b);
  } catch {
    return undefined;
  }
}

function bounds(f: Frame, fn: string, off: number, len: number): void {
  const end = (off >>> 0) + (len >>> 0);
  // the virtual size never drops below the initial size, so only larger ends need reading it
  if (end > f.slot.initialBytes && end > f.slot.sandbox.memoryBytes()) {
    throw new Abort(Reasons.hostTrap(fn, `memory range [${off >>> 0}, +${len >>> 0}) is outside the contract's memory`));
  }
}

function charge(f: Frame, fn: string, n: number): void {
  const r = f.slot.sandbox.charge(n);
  if (r === 1) throw new Abort(Reasons.outOfGas(`bcos.${fn}`));
  if (n > 0) f.zeroByHost = r === 2; // a charge of 0 changes nothing
}

/** Copy contract memory [off, off + len) out (bounds already checked, gas already taken). */
function read(f: Frame, off: number, len: number): Uint8Array {
  const slot = f.slot;
  refreshViews(slot);
  // slice: one builtin call; a JS byte loop reloads both arrays' data pointers on every byte
  const at = slot.base + (off >>> 0);
  return slot.view.slice(at, at + (len >>> 0));
}

/** The journal entry of the storage key at contract memory [off, off + len) (bounds checked). */
function entryAt(env: HostEnv, f: Frame, off: number, len: number): Entry {
  const slot = f.slot;
  refreshViews(slot);
  return env.journal.entry(f.address, slot.data, slot.base + (off >>> 0), len >>> 0);
}

/** Copy bytes into contract memory at `off` and flag the chunks dirty (bounds checked, gas taken). */
function write(f: Frame, off: number, data: Uint8Array): void {
  const slot = f.slot;
  refreshViews(slot);
  slot.view.set(data, slot.base + (off >>> 0));
  markRange(slot.view, slot.words, slot.code.plan.layout, off >>> 0, data.length);
}

/** Hands the contract a byte string (call data, caller, return data, …): check room, charge the copy, write, return the length. */
function give(f: Frame, fn: string, off: number, bytes: Uint8Array): number {
  bounds(f, fn, off, bytes.length);
  charge(f, fn, C * bytes.length);
  write(f, off, bytes);
  return bytes.length;
}

function topicArg(i: number, t1: number, t2: number, t3: number, t4: number): number {
  return i === 0 ? t1 : i === 1 ? t2 : i === 2 ? t3 : t4;
}

export function createHost(env: HostEnv): Record<string, (...args: number[]) => unknown> {
  return {
    getCallDataSize: () => env.frame.input.length,
    getCallData(off) {
      give(env.frame, "getCallData", off, env.frame.input);
    },
    finish(off, len) {
      const f = env.frame;
      bounds(f, "finish", off, len);
      f.output = read(f, off, len);
    },
    revert(off, len) {
      const f = env.frame;
      bounds(f, "revert", off, len);
      throw new Abort(Reasons.revert(), read(f, off, len), f.address);
    },
    setStorage(kOff, kLen, vOff, vLen) {
      const f = env.frame;
      bounds(f, "setStorage", kOff, kLen);
      bounds(f, "setStorage", vOff, vLen);
      charge(f, "setStorage", HostGas.storageStore + C * ((kLen >>> 0) + (vLen >>> 0)));
      const value = vLen === 0 ? undefined : read(f, vOff, vLen);
      env.journal.set(entryAt(env, f, kOff, kLen), value);
    },
    getStorage(kOff, kLen, vOff) {
      const f = env.frame;
      bounds(f, "getStorage", kOff, kLen);
      bounds(f, "getStorage", vOff, STORAGE_VALUE_ROOM);
      charge(f, "getStorage", HostGas.storageLoad + C * (kLen >>> 0));
      const value = entryAt(env, f, kOff, kLen).value;
      if (value === undefined) return 0;
      if (value.length > STORAGE_VALUE_ROOM) {
        throw new Abort(Reasons.hostTrap("getStorage", `stored value of ${value.length} bytes exceeds the ${STORAGE_VALUE_ROOM}-byte buffer`));
      }
      charge(f, "getStorage", C * value.length);
      write(f, vOff, value);
      return value.length;
    },
    getCaller: (off) => give(env.frame, "getCaller", off, env.frame.callerBytes),
    getTxOrigin: (off) => give(env.frame, "getTxOrigin", off, env.originBytes),
    getAddress: (off) => give(env.frame, "getAddress", off, env.frame.addressBytes),
    getBlockNumber: () => env.blockNumber,
    getBlockTimestamp: () => env.blockTimestamp,
    log(dOff, dLen, nTopics, t1, t2, t3, t4) {
      const f = env.frame;
      bounds(f, "log", dOff, dLen);
      if (nTopics < 0 || nTopics > 4) throw new Abort(Reasons.hostTrap("log", `${nTopics} topics (at most 4)`));
      // plain loops over the four topic arguments: no argument arrays or closures per log
      for (let i = 0; i < nTopics; i++) bounds(f, "log", topicArg(i, t1, t2, t3, t4), 32);
      const dataLen = dLen >>> 0;
      charge(f, "log", HostGas.log + HostGas.logTopic * nTopics + HostGas.logData * dataLen + C * (dataLen + 32 * nTopics));
      const topics: Uint8Array[] = new Array(nTopics);
      for (let i = 0; i < nTopics; i++) topics[i] = read(f, topicArg(i, t1, t2, t3, t4), 32);
      env.logs.push({ address: f.address, topics, data: read(f, dOff, dLen) });
    },
    getReturnDataSize: () => env.frame.returnData.length,
    getReturnData(off) {
      give(env.frame, "getReturnData", off, env.frame.returnData);
    },
    getExternalCodeSize(aOff, aLen) {
      const f = env.frame;
      bounds(f, "getExternalCodeSize", aOff, aLen);
      charge(f, "getExternalCodeSize", HostGas.externalCode + C * (aLen >>> 0));
      return env.codeSize(decodeAddress(read(f, aOff, aLen)));
    },
    call(aOff, aLen, dOff, dLen) {
      const f = env.frame;
      if (gasExhausted(f)) throw new Abort(Reasons.outOfGas("before bcos.call"));
      bounds(f, "call", aOff, aLen);
      bounds(f, "call", dOff, dLen);
      charge(f, "call", HostGas.call + C * ((aLen >>> 0) + (dLen >>> 0)));
      const to = decodeAddress(read(f, aOff, aLen));
      const input = read(f, dOff, dLen);
      // all gas goes to the callee; what it leaves comes back
      const out = env.callContract(f, to, input, f.slot.sandbox.getGas());
      f.slot.sandbox.setGas(out.gasLeft);
      f.returnData = out.status === 0 ? out.output : (out.revertData ?? EMPTY);
      // FISCO: a failed callee traps the caller. Weft keeps the callee's status and data.
      if (out.status !== 0) {
        throw new Abort({ status: out.status, message: out.message ?? "" }, out.revertData, out.failedAt);
      }
      if (out.gasLeft <= 0n) throw new Abort(Reasons.outOfGas("after bcos.call"));
      f.zeroByHost = false;
      return 0;
    },
    outOfGas() {
      throw new Abort(Reasons.outOfGas("metered code"));
    },
  };
}
