// Errors of the chain runtime: a stable code for programs (and JSON-RPC
// error data), a message for people. Anything a client sends that the chain
// refuses is a ChainError; anything else thrown is a bug or a failing disk.

export type ChainErrorCode =
  | "BAD_ENCODING"
  | "BAD_SIGNATURE"
  | "WRONG_CHAIN"
  | "WRONG_GROUP"
  | "DUPLICATE_TX"
  | "NONCE_TOO_LONG"
  | "BLOCK_LIMIT_EXPIRED"
  | "BLOCK_LIMIT_TOO_FAR"
  | "TX_TOO_LARGE"
  | "TX_GAS_LIMIT"
  | "MEMPOOL_FULL"
  | "BAD_PATH"
  | "NOT_FOUND"
  | "BAD_ARGUMENT"
  | "KEYSTORE_PASSWORD"
  | "KEYSTORE_DAMAGED"
  | "STORE_CORRUPT"
  | "NODE_STOPPED";

export class ChainError extends Error {
  constructor(
    readonly code: ChainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ChainError";
  }
}
