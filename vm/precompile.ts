// System contracts written in TypeScript (FISCO BCOS's "precompiled"
// contracts), dispatched by path. The VM calls one where a contract would
// run: as a transaction's target or from a contract's `bcos.call`. A
// precompile reads and writes its own storage through the VM's journal, so
// a failure anywhere in the transaction undoes its writes too.
import type { Abi } from "./abi/types.ts";
import type { ChainCrypto } from "./crypto.ts";

export interface PrecompileContext {
  /** selector ‖ SCALE(args) */
  input: Uint8Array;
  /** The direct caller: an account address (40 hex) or a contract path. */
  caller: string;
  /** The account that signed the transaction. */
  origin: string;
  block: { number: bigint; timestamp: bigint };
  crypto: ChainCrypto;
  /** Gas available to this call. */
  gas: bigint;
  /** Its own storage (journaled). */
  getStorage(key: Uint8Array): Uint8Array | undefined;
  setStorage(key: Uint8Array, value: Uint8Array | undefined): void;
}

export interface PrecompileResult {
  /** FISCO status: 0 ok, 15 precompiled error, 16 revert (with revert data), 12 out of gas, 18 permission denied. */
  status: number;
  /** Return data (status 0) or revert data (status 16). */
  output: Uint8Array;
  gasUsed: bigint;
  message?: string;
}

export interface Precompile {
  readonly path: string;
  readonly abi: Abi;
  call(ctx: PrecompileContext): PrecompileResult;
}

/** The precompiles of a chain, by path. */
export type PrecompileSet = ReadonlyMap<string, Precompile>;
