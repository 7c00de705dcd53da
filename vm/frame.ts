/** A running contract frame, the outcome of one, and the exception that ends one early. */
import type { Slot } from "./modules.ts";
import { Reasons, type Failure } from "./status.ts";
import { engine } from "./wasm/engine.ts";

export interface Frame {
  address: string;
  addressBytes: Uint8Array;
  /** what bcos.getCaller writes: a checksummed account or the calling contract's path */
  callerBytes: Uint8Array;
  input: Uint8Array;
  slot: Slot;
  /** the last bcos.finish */
  output: Uint8Array;
  /** the last bcos.call's output */
  returnData: Uint8Array;
  /** whether the gas counter's last change was a host charge that left exactly 0 (see gasExhausted) */
  zeroByHost: boolean;
}

/**
 * FISCO's test `gas <= 0` after a metered subtraction, applied late: the
 * sandbox drops most per-segment checks, so the VM asks this when a frame
 * ends, fails or calls out. Gas only decreases, so a counter below 0 means a
 * check FISCO makes has failed; exactly 0 means that too, unless a host
 * charge (which may reach 0) made the last change.
 */
export function gasExhausted(f: Frame): boolean {
  const sign = f.slot.sandbox.gasSign();
  return sign < 0 || (sign === 0 && !f.zeroByHost);
}

/** gasExhausted, for a counter already read (`left`): saves a call into the instance. */
export function gasExhaustedAt(f: Frame, left: bigint): boolean {
  return left < 0n || (left === 0n && !f.zeroByHost);
}

export interface Outcome {
  status: number;
  output: Uint8Array;
  /** the frame's gas counter when it ended (may be negative after running out) */
  gasLeft: bigint;
  revertData?: Uint8Array;
  message?: string;
  /** the contract whose failure this is (a callee when a failure bubbles up) */
  failedAt?: string;
}

/** Thrown by host functions to unwind the Wasm stack of the current frame. */
export class Abort {
  constructor(
    readonly failure: Failure,
    readonly revertData?: Uint8Array,
    readonly failedAt?: string,
  ) {}
}

export const EMPTY = new Uint8Array(0);

/**
 * An error thrown by the ChainState. It is not a transaction outcome (a
 * failing disk must not turn into a failed transaction on one node only):
 * it unwinds every frame and leaves vm.call / vm.deploy as the original error.
 */
export class StateFailure {
  constructor(readonly cause: unknown) {}
}

/** Run a ChainState method, marking what it throws as a StateFailure. */
export function fromState<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw e instanceof StateFailure ? e : new StateFailure(e);
  }
}

/** The outcome of a frame that ends with failure `f`. */
export function failed(f: Failure, address: string, gasLeft: bigint): Outcome {
  return { status: f.status, output: EMPTY, gasLeft, message: f.message, failedAt: address };
}

/** The outcome of a frame that ended with exception `e` (a ChainState error is thrown on). */
export function classify(e: unknown, address: string): Outcome {
  if (e instanceof StateFailure) throw e;
  if (e instanceof Abort) {
    const out: Outcome = { status: e.failure.status, output: EMPTY, gasLeft: 0n, message: e.failure.message, failedAt: e.failedAt ?? address };
    if (e.revertData) out.revertData = e.revertData;
    return out;
  }
  if (e instanceof engine.RuntimeError) return failed(Reasons.trap(e.message), address, 0n);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return failed(Reasons.stackExhausted(), address, 0n);
  return failed(Reasons.internal(e instanceof Error ? e.message : String(e)), address, 0n);
}
