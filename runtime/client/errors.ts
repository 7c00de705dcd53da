// What the client throws. A server's refusal is an RpcCallError with the
// JSON-RPC code and, when the chain refused, the ChainError code
// (`chainCode`: "DUPLICATE_TX", "BLOCK_LIMIT_EXPIRED", …) that programs
// should branch on. A request that never got an answer is a TransportError.
import type { ChainErrorCode } from "../chain/errors.ts";
import { statusName } from "../../vm/index.ts";
import type { DecodedRevert } from "../../vm/abi/revert.ts";
import type { DecodedReceipt } from "./receipt.ts";

export class RpcCallError extends Error {
  /** The ChainError code from `error.data.code`, when the server gave one. */
  readonly chainCode: ChainErrorCode | undefined;
  constructor(
    readonly method: string,
    /** The JSON-RPC error code: -32700 … -32600, -32000 (chain refused), -32001 (no receipt in time), -32005 (limit). */
    readonly code: number,
    /** The server's message, as sent. */
    readonly reason: string,
    readonly data?: unknown,
  ) {
    super(`${method}: ${reason} (JSON-RPC error ${code}${chainCodeOf(data) ? `, ${chainCodeOf(data)}` : ""})`);
    this.name = "RpcCallError";
    this.chainCode = chainCodeOf(data);
  }
}

function chainCodeOf(data: unknown): ChainErrorCode | undefined {
  const code = typeof data === "object" && data !== null ? (data as { code?: unknown }).code : undefined;
  return typeof code === "string" ? (code as ChainErrorCode) : undefined;
}

export type TransportErrorKind =
  /** No answer within the timeout. */
  | "timeout"
  /** Could not connect, or the connection broke. */
  | "network"
  /** The connection was closed (by close(), or by the server) before the answer came. */
  | "closed"
  /** An HTTP status without a JSON-RPC answer. */
  | "http"
  /** The answer was not JSON-RPC (bad JSON, missing id, wrong shape). */
  | "protocol";

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    /** The HTTP status, for kind "http". */
    readonly status?: number,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** A transaction was committed but did not succeed (status ≠ 0), or a read-only call failed. */
export class TxFailed extends Error {
  readonly code = "TX_FAILED";
  constructor(
    what: string,
    /** FISCO status code (16 revert, 12 out of gas, …). */
    readonly status: number,
    /** One line for people: the decoded revert, or the node's message. */
    readonly reason: string,
    readonly revert: DecodedRevert | undefined,
    /** The decoded receipt; undefined for a call, which leaves none. */
    readonly receipt: DecodedReceipt | undefined,
  ) {
    super(`${what} failed with status ${status} (${statusName(status)}): ${reason}`);
    this.name = "TxFailed";
  }
}
