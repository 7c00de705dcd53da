// Limits of the chain that clients and the node must agree on.

/**
 * A transaction's blockLimit may be at most this far above the head when it
 * arrives (FISCO BCOS: 1000 blocks); clients set head + BLOCK_LIMIT_DEFAULT.
 */
export const BLOCK_LIMIT_RANGE = 1000;
export const BLOCK_LIMIT_DEFAULT = 500;
/** The longest nonce accepted, in characters. */
export const MAX_NONCE_LENGTH = 64;
/** Default of the system config `tx_gas_limit` (FISCO's default: 3,000,000,000). */
export const DEFAULT_TX_GAS_LIMIT = 3_000_000_000;
/** Default of `tx_count_limit`, the most transactions in one block (FISCO's default: 1000). */
export const DEFAULT_TX_COUNT_LIMIT = 1000;
/** Largest encoded signed transaction accepted (bytes): a big contract with its ABI; hex in a 1 MiB RPC body. */
export const MAX_TX_SIZE = 512 * 1024;
