// What a running node offers its JSON-RPC server (runtime/rpc) and any other
// embedder. Results are JSON-ready, in the shapes of FISCO BCOS 3.x's RPC
// (hex strings with 0x, numbers as JSON numbers); runtime/node/json.ts builds
// them from runtime/chain/types.ts. Refusals throw ChainError with a code.

export interface LogJson {
  address: string;
  topics: string[];
  data: string;
}

export interface ReceiptJson {
  version: number;
  transactionHash: string;
  blockNumber: number;
  /** Position in the block. */
  transactionIndex: number;
  status: number;
  output: string;
  gasUsed: string;
  logEntries: LogJson[];
  contractAddress: string;
  from: string;
  to: string;
  message: string;
}

export interface TransactionJson {
  version: number;
  hash: string;
  chainID: string;
  groupID: string;
  blockLimit: number;
  nonce: string;
  to: string;
  input: string;
  abi: string;
  from: string;
  signature: string;
  /** Set once the transaction is in a block. */
  blockNumber?: number;
  transactionIndex?: number;
}

export interface BlockHeaderJson {
  number: number;
  hash: string;
  parentHash: string;
  timestamp: number;
  transactionsRoot: string;
  receiptsRoot: string;
  stateRoot: string;
  gasUsed: string;
  sealer: string;
  signature: string;
}

export interface BlockJson extends BlockHeaderJson {
  /** Hashes, or full transactions when asked for. */
  transactions: (string | TransactionJson)[];
}

export interface CallResultJson {
  status: number;
  output: string;
  gasUsed: string;
  message?: string;
}

export interface NodeEvents {
  /** After each block is committed. */
  block(block: BlockJson): void;
  /** Each log of a committed block, in order. */
  log(log: LogJson & { blockNumber: number; transactionHash: string; logIndex: number }): void;
}

export interface NodeApi {
  readonly chainId: string;
  readonly groupId: string;
  /** "ecdsa" or "sm". */
  readonly crypto: "ecdsa" | "sm";

  /** Validates and queues a signed transaction (runtime/chain/codec.ts encodeSignedTx); returns its hash. */
  sendTransaction(raw: Uint8Array): Promise<string>;
  /** Runs a call against the latest state without keeping its effects. */
  call(to: string, input: Uint8Array, from?: string): Promise<CallResultJson>;
  getTransaction(hash: string): Promise<TransactionJson | null>;
  getTransactionReceipt(hash: string): Promise<ReceiptJson | null>;
  /** Resolves when the receipt exists (or rejects after timeoutMs). */
  waitForReceipt(hash: string, timeoutMs: number): Promise<ReceiptJson>;
  getBlockByNumber(n: number, fullTransactions: boolean): Promise<BlockJson | null>;
  getBlockByHash(hash: string, fullTransactions: boolean): Promise<BlockJson | null>;
  getBlockNumber(): number;
  getCode(path: string): Promise<string | null>;
  getABI(path: string): Promise<string | null>;
  getSystemConfigByKey(key: string): { value: string; blockNumber: number } | null;
  getTotalTransactionCount(): { transactionCount: number; failedTransactionCount: number; blockNumber: number };
  getPendingTxSize(): number;
  getSealerList(): { nodeID: string; weight: number }[];
  getGroupInfo(): { chainID: string; groupID: string; crypto: string; genesisHash: string; blockNumber: number };
  /** Merkle proofs (runtime/store): of a storage entry against a block's state root, of a receipt against its block. */
  getStorageProof?(path: string, key: string): Promise<unknown>;
  getReceiptProof?(hash: string): Promise<unknown>;

  on<E extends keyof NodeEvents>(event: E, listener: NodeEvents[E]): void;
  off<E extends keyof NodeEvents>(event: E, listener: NodeEvents[E]): void;
}
