// runtime/: the chain. For now the in-memory test chain and accounts.
export { TestChain, CompileFailed, type TestChainOptions, type TxOptions, type DeployOptions, type Artifact } from "./testchain/chain.ts";
export { Contract, type SendOptions } from "./testchain/contract.ts";
export { TransactionFailed, type Receipt, type DecodedLog } from "./testchain/receipt.ts";
export * from "./accounts.ts";
export { startRpcServer, DEFAULT_LIMITS, type RpcServer, type RpcServerOptions, type RpcLimits } from "./rpc/index.ts";
export { Client, ContractHandle, RpcCallError, TransportError, TxFailed, makeSigner, type ClientOptions, type Signer, type DecodedReceipt } from "./client/index.ts";
export {
  ChainStore, BlockState, verifyStorageProof, verifyReceiptProof,
  type HeadInfo, type StoredTransaction, type StorageProof, type ReceiptProof, type StateDiff, type StorageWrite, type ContractWrite, type PreparedState,
} from "./store/index.ts";
export { merkleRoot, merkleProof, verifyMerkleProof, transactionsRoot, receiptsRoot, receiptHash, type MerkleProof } from "./chain/merkle.ts";
export { getSuite, type CryptoSuite, type KeyedSuite, type KeyPair, type SuiteName } from "./crypto/index.ts";
export {
  encryptKey, decryptKey, writeKeystore, listKeystores, findKeystore, unlockKeystoreFile, defaultKeystoreDir,
  type KeystoreJson, type UnlockedKey, type KeystoreEntry,
} from "./keystore/index.ts";
