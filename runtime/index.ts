// runtime/: the chain. For now the in-memory test chain and accounts.
export { TestChain, CompileFailed, type TestChainOptions, type TxOptions, type DeployOptions, type Artifact } from "./testchain/chain.ts";
export { Contract, type SendOptions } from "./testchain/contract.ts";
export { TransactionFailed, type Receipt, type DecodedLog } from "./testchain/receipt.ts";
export * from "./accounts.ts";
