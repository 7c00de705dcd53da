/**
 * FISCO BCOS transaction statuses used by the VM, and every failure message
 * the VM produces, in one place.
 */
export const Status = {
  OK: 0,
  UNKNOWN: 1,
  OUT_OF_GAS: 12,
  OUT_OF_STACK: 13,
  PRECOMPILED_ERROR: 15,
  REVERT: 16,
  ADDRESS_IN_USE: 17,
  CALL_ADDRESS_ERROR: 19,
  WASM_VALIDATION_FAILURE: 32,
  WASM_TRAP: 34,
} as const;

export type StatusCode = (typeof Status)[keyof typeof Status];

export const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: "None",
  1: "Unknown",
  12: "OutOfGas",
  13: "OutOfStack",
  15: "PrecompiledError",
  16: "RevertInstruction",
  17: "ContractAddressAlreadyUsed",
  19: "CallAddressError",
  32: "WASMValidationFailure",
  34: "WASMTrap",
};

export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? `Status${status}`;
}

/** Failure messages, by reason. Each gives the status it implies. */
export const Reasons = {
  outOfGas: (detail: string) => ({ status: Status.OUT_OF_GAS, message: `out of gas (${detail})` }),
  revert: () => ({ status: Status.REVERT, message: "reverted by the contract" }),
  reentrant: (address: string) => ({
    status: Status.REVERT,
    message: `reentrant call into ${address} refused: the called function is not marked reentrant`,
  }),
  unknownAddress: (address: string) => ({
    status: Status.CALL_ADDRESS_ERROR,
    message: `no contract at address ${JSON.stringify(address)}`,
  }),
  depth: (max: number) => ({
    status: Status.OUT_OF_STACK,
    message: `call depth limit (${max}) exceeded`,
  }),
  addressInUse: (address: string) => ({
    status: Status.ADDRESS_IN_USE,
    message: `a contract already exists at ${JSON.stringify(address)}`,
  }),
  invalidModule: (detail: string) => ({
    status: Status.WASM_VALIDATION_FAILURE,
    message: `invalid contract module: ${detail}`,
  }),
  hashTypeMismatch: (moduleHash: number, chain: string) => ({
    status: Status.WASM_VALIDATION_FAILURE,
    message:
      `hash_type mismatch: the module returns ${moduleHash} ` +
      `(${moduleHash === 0 ? "keccak-256" : moduleHash === 1 ? "SM3" : "unknown"}) but the chain uses ` +
      `${chain === "sm" ? "SM3 (hash_type 1)" : "keccak-256 (hash_type 0)"}; rebuild the contract for this chain`,
  }),
  trap: (detail: string) => ({ status: Status.WASM_TRAP, message: `wasm trap: ${detail}` }),
  hostTrap: (fn: string, detail: string) => ({
    status: Status.WASM_TRAP,
    message: `wasm trap in bcos.${fn}: ${detail}`,
  }),
  stackExhausted: () => ({ status: Status.WASM_TRAP, message: "wasm trap: call stack exhausted" }),
  internal: (detail: string) => ({ status: Status.UNKNOWN, message: `internal VM error: ${detail}` }),
} as const;

export interface Failure {
  status: number;
  message: string;
}
