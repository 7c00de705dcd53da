// Executing a block's transactions one after another on the VM: the VM's
// journal keeps or drops each transaction's writes, the block state under it
// collects what the block changed. Receipts carry FISCO status codes.
import type { Vm } from "../../vm/index.ts";
import { decodeDeployInput } from "../../vm/abi/calls.ts";
import type { Abi } from "../../vm/abi/types.ts";
import type { Receipt, Transaction } from "../chain/types.ts";

export interface BlockEnv {
  number: number;
  timestamp: number;
  /** Gas limit of each transaction (system config tx_gas_limit). */
  txGasLimit: number;
}

export function executeTransaction(vm: Vm, tx: Transaction, index: number, env: BlockEnv): Receipt {
  const block = { number: env.number, timestamp: env.timestamp };
  const d = tx.data;
  const common = { sender: tx.sender, gasLimit: env.txGasLimit, block };
  let result;
  let contractAddress = "";
  if (d.abi !== "") {
    // admit() checked that the input decodes.
    const { code, ctorArgs } = decodeDeployInput(d.input);
    result = vm.deploy({ ...common, address: d.to, code, ctorArgs, abi: JSON.parse(d.abi) as Abi });
    if (result.status === 0) contractAddress = d.to;
  } else {
    result = vm.call({ ...common, to: d.to, input: d.input });
  }
  return {
    transactionHash: tx.hash,
    blockNumber: env.number,
    index,
    status: result.status,
    output: result.status === 0 ? result.output : (result.revertData ?? new Uint8Array()),
    gasUsed: result.gasUsed,
    logs: result.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data })),
    contractAddress,
    message: result.message ?? "",
  };
}
