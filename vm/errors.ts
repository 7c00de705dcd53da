/**
 * Errors thrown by vm/ (the codec, the Wasm tooling, API misuse).
 * Execution failures are never thrown: they come back as result data with a
 * FISCO status (see status.ts).
 */
export type VmErrorCode =
  // SCALE codec
  | "SCALE_EOF" // input ended early
  | "SCALE_TRAILING" // bytes left after a complete value
  | "SCALE_NON_CANONICAL" // a compact integer not in its shortest form
  | "SCALE_BAD_BOOL" // a bool byte other than 0 or 1
  | "SCALE_BAD_UTF8" // a string that is not valid UTF-8
  | "SCALE_TOO_LONG" // a length prefix larger than the remaining input
  // ABI
  | "ABI_BAD_TYPE" // a type string the codec does not know
  | "ABI_BAD_VALUE" // a JS value that does not fit the ABI type
  | "ABI_OUT_OF_RANGE" // an integer outside its type's range
  | "ABI_NOT_FOUND" // no function / event / error with that name or selector
  | "ABI_BAD_ENTRY" // a malformed ABI JSON entry
  // Wasm tooling
  | "WASM_MALFORMED" // the bytes are not a well-formed Wasm binary
  | "WASM_UNSUPPORTED" // well-formed, but outside what FISCO accepts
  // embedder misuse
  | "VM_BAD_ARGUMENT"
  // the parallel executor's worker threads (vm/parallel)
  | "VM_WORKER_FAILED"; // a worker thread died (or the pool was closed) with work in flight

export class VmError extends Error {
  readonly code: VmErrorCode;
  constructor(code: VmErrorCode, message: string) {
    super(message);
    this.name = "VmError";
    this.code = code;
  }
}

export function isVmError(e: unknown): e is VmError {
  return e instanceof VmError;
}
