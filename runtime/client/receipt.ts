// A receipt from the node (ReceiptJson) decoded with the contract's ABI:
// the same shape the test chain gives (runtime/testchain/receipt.ts), plus
// the transaction's hash and the raw receipt.
import { abi as vmAbi, statusName, type ChainCrypto } from "../../vm/index.ts";
import type { Abi, AbiEntry } from "../../vm/abi/types.ts";
import type { DecodedRevert } from "../../vm/abi/revert.ts";
import type { ReceiptJson } from "../node/api.ts";

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

export interface DecodedReceipt {
  transactionHash: string;
  /** FISCO status code: 0 ok, 12 out of gas, 16 revert, 34 trap, … */
  status: number;
  statusName: string;
  ok: boolean;
  /** The decoded return value: one output as itself, several as an array, none as undefined. */
  value: unknown;
  output: Uint8Array;
  /** On revert: Error(string), Panic(code) or a typed error of the ABI. */
  revert?: DecodedRevert;
  /** On failure: one line saying what went wrong. */
  message?: string;
  events: DecodedLog[];
  gasUsed: number;
  blockNumber: number;
  /** Set by deployments that succeeded. */
  contractAddress?: string;
  raw: ReceiptJson;
}

const bytes = (h: string) => vmAbi.fromHex(h);

export function outputValue(fn: AbiEntry | undefined, output: Uint8Array): unknown {
  if (!fn || !fn.outputs || fn.outputs.length === 0 || output.length === 0) return undefined;
  const values = vmAbi.decodeOutput(fn, output);
  return fn.outputs.length === 1 ? values[0] : values;
}

/**
 * `fn` is the function called (undefined for deployments); `abiOf` gives the
 * ABI of each contract that logged (the caller fetches those it lacks first).
 */
export function decodeReceipt(r: ReceiptJson, fn: AbiEntry | undefined, abiOf: (address: string) => Abi | undefined, crypto: ChainCrypto): DecodedReceipt {
  const ok = r.status === 0;
  const output = bytes(r.output);
  const out: DecodedReceipt = {
    transactionHash: r.transactionHash,
    status: r.status,
    statusName: statusName(r.status),
    ok,
    value: ok ? outputValue(fn, output) : undefined,
    output,
    events: r.logEntries.map((log) => {
      const entry = { topics: log.topics.map(bytes), data: bytes(log.data) };
      const abi = abiOf(log.address);
      const ev = abi ? vmAbi.decodeEvent(abi, entry, crypto) : undefined;
      return { address: log.address, name: ev?.name ?? null, args: ev?.args ?? null, ...entry };
    }),
    gasUsed: Number(r.gasUsed),
    blockNumber: r.blockNumber,
    raw: r,
  };
  if (ok && r.contractAddress) out.contractAddress = r.contractAddress;
  if (!ok) {
    if (r.status === 16 && output.length > 0) out.revert = vmAbi.decodeRevert(output, crypto, abiOf(r.to));
    out.message = out.revert ? vmAbi.describeRevert(out.revert) : r.message || out.statusName;
  }
  return out;
}
