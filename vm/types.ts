/** The VM's public message and result types. */
import type { Abi } from "./abi/types.ts";
import type { DecodedRevert } from "./abi/revert.ts";

export interface BlockContext {
  number: number | bigint;
  timestamp: number | bigint;
}

interface TxCommon {
  /** the account sending the transaction: 40 hex digits, 0x optional */
  sender: string;
  /** the originating account; defaults to `sender` */
  origin?: string;
  gasLimit: number | bigint;
  block: BlockContext;
  /** write the state changes on success (default true); false gives a dry run */
  commit?: boolean;
}

export interface CallMessage extends TxCommon {
  /** the contract's address (its path, e.g. /apps/token) */
  to: string;
  /** selector ‖ SCALE(args) */
  input: Uint8Array;
}

export interface DeployMessage extends TxCommon {
  /** where the contract will live (a path) */
  address: string;
  /** the raw, un-metered module */
  code: Uint8Array;
  /** SCALE of the constructor arguments, no selector */
  ctorArgs?: Uint8Array;
  /** stored with the code; the VM reads it for the reentrancy guard and revert decoding */
  abi?: Abi;
}

export interface Log {
  address: string;
  topics: Uint8Array[];
  data: Uint8Array;
}

export interface ExecResult {
  status: number;
  /** what the contract passed to `finish` (empty for unit or on failure) */
  output: Uint8Array;
  /** on status 16: what the contract passed to `revert` */
  revertData?: Uint8Array;
  /** revertData decoded (Error, Panic, or a user error from the reverting contract's ABI) */
  revert?: DecodedRevert;
  /** the contract whose failure ended the transaction (may be a callee) */
  failedAt?: string;
  gasUsed: number;
  /** events of the successful frames, in emission order; empty on failure */
  logs: Log[];
  /** on failure: what went wrong, for people */
  message?: string;
  /** deployment: the stored (metered) code's hash */
  codeHash?: string;
}
