// A receipt from the node (ReceiptJson) decoded with the contract's ABI:
// the same shape the test chain gives (runtime/testchain/receipt.ts), plus
// the transaction's hash and the raw receipt.
import { abi as vmAbi, statusName, type ChainCrypto } from "../../vm/index.ts";
import type { Abi, AbiEntry } from "../../vm/abi/types.ts";
import type { ReceiptJson } from "../node/api.ts";
import { outputValue, type DecodedLog, type Receipt } from "../testchain/receipt.ts";

export type { DecodedLog };

/** The test chain's receipt (runtime/testchain/receipt.ts), plus the transaction's hash and the node's raw receipt. */
export interface DecodedReceipt extends Receipt {
  transactionHash: string;
  raw: ReceiptJson;
}

const bytes = (h: string) => vmAbi.fromHex(h);

export { outputValue };

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
