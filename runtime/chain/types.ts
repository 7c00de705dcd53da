// The chain's data: transactions, blocks, receipts (FISCO BCOS 3.x in
// spirit: chain and group ids, random nonce plus block limit for replay
// protection, contracts addressed by BFS path). Byte fields are Uint8Array;
// the JSON forms of the RPC are built from these in runtime/node/json.ts.

/** What the sender signs. */
export interface TxData {
  /** Format version; 0. */
  version: number;
  chainId: string;
  groupId: string;
  /**
   * The transaction is valid only in blocks numbered below blockLimit, and
   * only while blockLimit is at most BLOCK_LIMIT_RANGE above the head
   * (FISCO's replay protection, with the nonce).
   */
  blockLimit: number;
  /** Random (decimal or hex text, at most 64 characters): with blockLimit, makes each transaction unique. */
  nonce: string;
  /** The contract's path (/apps/token) for a call; for a deployment, the path to deploy to. */
  to: string;
  /** Call data (selector ‖ SCALE args), or for a deployment SCALE(bytes code, bytes ctorArgs). */
  input: Uint8Array;
  /** A deployment's ABI JSON; empty for calls. A non-empty abi marks a deployment. */
  abi: string;
}

export interface Transaction {
  data: TxData;
  /** The suite hash of encodeTxData(data): what is signed, and the transaction's id. */
  hash: Uint8Array;
  /** In the suite's format (runtime/crypto/suite.ts). */
  signature: Uint8Array;
  /** Checksummed address recovered from the signature. */
  sender: string;
}

export interface LogEntry {
  /** The emitting contract's path. */
  address: string;
  topics: Uint8Array[];
  data: Uint8Array;
}

export interface Receipt {
  transactionHash: Uint8Array;
  blockNumber: number;
  /** Position in the block. */
  index: number;
  /** FISCO status code (0 ok, 12 out of gas, 16 revert, …). */
  status: number;
  output: Uint8Array;
  gasUsed: number;
  logs: LogEntry[];
  /** For a deployment that succeeded: the new contract's path; otherwise "". */
  contractAddress: string;
  /** For a failure: what went wrong, for people. */
  message: string;
}

export interface BlockHeader {
  number: number;
  /** Hash of the previous block's header (32 zero bytes for genesis). */
  parentHash: Uint8Array;
  /** Milliseconds since the epoch, from the sealer's clock, never below the parent's. */
  timestamp: number;
  /** Merkle root of the block's transaction hashes (runtime/chain/merkle.ts). */
  txRoot: Uint8Array;
  /** Merkle root of the block's receipt hashes. */
  receiptRoot: Uint8Array;
  /** Root of the state after this block (runtime/store). */
  stateRoot: Uint8Array;
  gasUsed: number;
  /** The sealer's public key. */
  sealer: Uint8Array;
  /** The sealer's signature of the header hash (empty for genesis). */
  signature: Uint8Array;
}

export interface Block {
  header: BlockHeader;
  /** Suite hash of encodeHeader(header) (the signature is not part of it). */
  hash: Uint8Array;
  transactions: Transaction[];
}
