// What a transaction leaves behind, decoded for people and tests: status,
// return value, events and errors in terms of the contract's ABI.
import { abi as vmAbi, statusName, type ExecResult } from "../../vm/index.ts";
import type { Abi, AbiEntry } from "../../vm/abi/types.ts";
import type { DecodedRevert } from "../../vm/abi/revert.ts";
import type { Crypto } from "../../compiler/abi/index.ts";

export interface DecodedLog {
  /** The emitting contract's path. */
  address: string;
  /** The event's name, or null when no known ABI declares it. */
  name: string | null;
  /** Fields in declaration order, keyed by name (indexed strings/bytes come back as `{ hash }`). */
  args: unknown;
  topics: Uint8Array[];
  data: Uint8Array;
}

export interface Receipt {
  /** FISCO status code: 0 ok, 12 out of gas, 16 revert, 34 trap, … */
  status: number;
  statusName: string;
  ok: boolean;
  /** The decoded return value: one output as itself, several as an array, none as undefined. */
  value: unknown;
  output: Uint8Array;
  /** On revert: the decoded revert data (Error(string), Panic(code) or a typed error). */
  revert?: DecodedRevert;
  /** On failure: one line saying what went wrong. */
  message?: string;
  events: DecodedLog[];
  gasUsed: number;
  blockNumber: number;
  /** Set by deployments. */
  contractAddress?: string;
}

export function outputValue(fn: AbiEntry | undefined, output: Uint8Array): unknown {
  if (!fn || !fn.outputs || fn.outputs.length === 0 || output.length === 0) return undefined;
  const values = vmAbi.decodeOutput(fn, output);
  return fn.outputs.length === 1 ? values[0] : values;
}

/** Decodes each log with the ABI of the contract that emitted it. */
export function decodeLogs(result: ExecResult, abiOf: (address: string) => Abi | undefined, crypto: Crypto): DecodedLog[] {
  return result.logs.map((log) => {
    const abi = abiOf(log.address);
    const ev = abi ? vmAbi.decodeEvent(abi, log, crypto) : undefined;
    return { address: log.address, name: ev?.name ?? null, args: ev?.args ?? null, topics: log.topics, data: log.data };
  });
}

export function makeReceipt(
  result: ExecResult,
  fn: AbiEntry | undefined,
  blockNumber: number,
  abiOf: (address: string) => Abi | undefined,
  crypto: Crypto,
): Receipt {
  const ok = result.status === 0;
  const r: Receipt = {
    status: result.status,
    statusName: statusName(result.status),
    ok,
    value: ok ? outputValue(fn, result.output) : undefined,
    output: result.output,
    events: ok ? decodeLogs(result, abiOf, crypto) : [],
    gasUsed: result.gasUsed,
    blockNumber,
  };
  if (result.revert) r.revert = result.revert;
  if (!ok) r.message = result.revert ? vmAbi.describeRevert(result.revert) : (result.message ?? r.statusName);
  return r;
}

/** Thrown by `call` (and `send(..., { throwOnFailure: true })`) when a transaction fails. */
export class TransactionFailed extends Error {
  readonly code = "TX_FAILED";
  constructor(readonly receipt: Receipt, what: string) {
    super(`${what} failed with status ${receipt.status} (${receipt.statusName}): ${receipt.message ?? ""}`);
  }
}
