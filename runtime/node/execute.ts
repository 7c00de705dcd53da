// A block's transactions as the VM's block executor takes them, and its
// results as receipts with FISCO status codes. The executor
// (vm/parallel) runs the block on the node's worker threads where the
// transactions' conflict keys allow, with the results of serial execution.
import { decodeDeployInput } from "../../vm/abi/calls.ts";
import type { Abi } from "../../vm/abi/types.ts";
import type { BlockTx } from "../../vm/parallel/index.ts";
import type { ExecResult } from "../../vm/types.ts";
import type { Receipt, Transaction } from "../chain/types.ts";

export interface BlockEnv {
  number: number;
  timestamp: number;
  /** Gas limit of each transaction (system config tx_gas_limit). */
  txGasLimit: number;
}

/** The VM's view of a signed transaction (admit() checked that a deployment's input decodes). */
export function blockTx(tx: Transaction): BlockTx {
  const d = tx.data;
  if (d.abi === "") return { kind: "call", sender: tx.sender, to: d.to, input: d.input };
  const { code, ctorArgs } = decodeDeployInput(d.input);
  return { kind: "deploy", sender: tx.sender, address: d.to, code, ctorArgs, abi: JSON.parse(d.abi) as Abi };
}

export function receiptOf(tx: Transaction, index: number, env: BlockEnv, result: ExecResult): Receipt {
  return {
    transactionHash: tx.hash,
    blockNumber: env.number,
    index,
    status: result.status,
    output: result.status === 0 ? result.output : (result.revertData ?? new Uint8Array()),
    gasUsed: result.gasUsed,
    logs: result.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data })),
    contractAddress: result.status === 0 && tx.data.abi !== "" ? tx.data.to : "",
    message: result.message ?? "",
  };
}
