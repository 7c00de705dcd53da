/** vm/: runs FISCO BCOS Wasm contracts. See README.md. */
export { Vm, CODE_DEPOSIT_GAS, PANIC_REENTRANCY, type VmOptions } from "./vm.ts";
export type { BlockContext, CallMessage, DeployMessage, ExecResult, Log } from "./types.ts";
export { InMemoryState, type ChainState } from "./state.ts";
export { CodeCache } from "./modules.ts";
export { Status, STATUS_NAMES, statusName, Reasons } from "./status.ts";
export { VmError, isVmError, type VmErrorCode } from "./errors.ts";
export { chainHash, chainHashText, checksumAddress, hashTypeOf, type ChainCrypto } from "./crypto.ts";
export { meterCode, meterModule, segmentCharges } from "./metering.ts";
export { validateModule, BCOS_IMPORTS, REQUIRED_EXPORTS, MEMORY_PAGES_MIN, MEMORY_PAGES_MAX } from "./validate.ts";
export { HostGas } from "./host.ts";
export * as abi from "./abi/index.ts";
export { BlockExecutor, WorkerPool, WayChooser, withTransfer, type Way, type BlockTx, type BlockEnv, type BlockStats, type BlockOutcome, type ExecutorOptions, type HandlerModule, type TaskHandler } from "./parallel/index.ts";
