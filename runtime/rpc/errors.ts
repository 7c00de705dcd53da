// JSON-RPC 2.0 errors of the server. Every failure a client can cause ends
// up as one of these, so a handler never throws past the dispatcher: the
// standard codes for malformed requests, and ChainErrors from the node with
// their stable code in `data.code` (what programs should branch on).
import { ChainError, type ChainErrorCode } from "../chain/errors.ts";

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const METHOD_NOT_FOUND = -32601;
export const INVALID_PARAMS = -32602;
export const INTERNAL_ERROR = -32603;
/** The chain refused the request (a ChainError that is not about the params' form). */
export const CHAIN_ERROR = -32000;
/** A transaction was accepted but its receipt did not come in time (sendTransaction). */
export const RECEIPT_TIMEOUT = -32001;
/** A server limit was hit (subscriptions per connection). */
export const LIMIT_EXCEEDED = -32005;

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** Thrown inside the server; turned into the `error` member of a response. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = "RpcError";
  }

  toJSON(): RpcErrorObject {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

/** ChainError codes that say the request's parameters were wrong, rather than that the chain refused it. */
const PARAM_CODES: ReadonlySet<ChainErrorCode> = new Set(["BAD_ARGUMENT", "BAD_ENCODING", "BAD_PATH", "WRONG_GROUP"]);
/** Codes that mean the node itself is broken: not the client's doing. */
const INTERNAL_CODES: ReadonlySet<ChainErrorCode> = new Set(["STORE_CORRUPT"]);

export function invalidParams(message: string): RpcError {
  return new RpcError(INVALID_PARAMS, message, { code: "BAD_ARGUMENT" satisfies ChainErrorCode });
}

/**
 * Any thrown value → the error object sent back. `onInternal` sees the
 * errors that are bugs or failing disks (not the client's fault), so the
 * operator can log them; the client only gets "internal error".
 */
export function toErrorObject(e: unknown, onInternal: (e: unknown) => void): RpcErrorObject {
  if (e instanceof RpcError) return e.toJSON();
  if (e instanceof ChainError) {
    if (INTERNAL_CODES.has(e.code)) onInternal(e);
    const code = PARAM_CODES.has(e.code) ? INVALID_PARAMS : INTERNAL_CODES.has(e.code) ? INTERNAL_ERROR : CHAIN_ERROR;
    return { code, message: e.message, data: { code: e.code } };
  }
  onInternal(e);
  return { code: INTERNAL_ERROR, message: "internal error" };
}
