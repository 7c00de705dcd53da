// runtime/: the chain. For now the in-memory test chain and accounts.
export { TestChain, CompileFailed, type TestChainOptions, type TxOptions, type DeployOptions, type Artifact } from "./testchain/chain.ts";
export { Contract, type SendOptions } from "./testchain/contract.ts";
export { TransactionFailed, type Receipt, type DecodedLog } from "./testchain/receipt.ts";
export * from "./accounts.ts";
export { startRpcServer, DEFAULT_LIMITS, type RpcServer, type RpcServerOptions, type RpcLimits } from "./rpc/index.ts";
export { Client, ContractHandle, RpcCallError, TransportError, TxFailed, makeSigner, type ClientOptions, type Signer, type DecodedReceipt } from "./client/index.ts";
