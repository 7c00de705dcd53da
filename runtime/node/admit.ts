// Admission of a signed transaction from outside: every check FISCO makes
// before a transaction enters the pool, each refusal with its own code.
// Nothing here throws anything but ChainError for what a client sends.
import { decodeSignedTx } from "../chain/codec.ts";
import { ChainError } from "../chain/errors.ts";
import { BLOCK_LIMIT_RANGE, MAX_NONCE_LENGTH, MAX_TX_SIZE } from "../chain/limits.ts";
import type { Transaction, TxData } from "../chain/types.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { checkPath, isSystemPath } from "./paths.ts";
import { decodeDeployInput } from "../../vm/abi/calls.ts";
import { CODE_DEPOSIT_GAS } from "../../vm/vm.ts";

export interface AdmitContext {
  suite: CryptoSuite;
  chainId: string;
  groupId: string;
  /** Number of the latest block. */
  head: number;
  /** The system config tx_gas_limit in force for the next block. */
  txGasLimit: number;
}

/** A transaction that passed every check but its signature. */
export interface Checked {
  data: TxData;
  hash: Uint8Array;
  signature: Uint8Array;
}

/**
 * Decodes and checks a signed transaction, all but its signature (the node
 * recovers the signer off its main thread, verifier.ts) and its uniqueness
 * (the node checks pool and chain).
 */
export function check(raw: Uint8Array, ctx: AdmitContext): Checked {
  if (raw.length > MAX_TX_SIZE) throw new ChainError("TX_TOO_LARGE", `transaction of ${raw.length} bytes; at most ${MAX_TX_SIZE}`);
  const { data, encoded, signature } = decodeSignedTx(raw);
  if (data.version !== 0) throw new ChainError("BAD_ENCODING", `transaction version ${data.version}; this node knows version 0`);
  if (data.chainId !== ctx.chainId) throw new ChainError("WRONG_CHAIN", `transaction for chain "${data.chainId}"; this is "${ctx.chainId}"`);
  if (data.groupId !== ctx.groupId) throw new ChainError("WRONG_GROUP", `transaction for group "${data.groupId}"; this is "${ctx.groupId}"`);
  if (data.nonce.length === 0 || data.nonce.length > MAX_NONCE_LENGTH) {
    throw new ChainError("NONCE_TOO_LONG", `the nonce must have 1 to ${MAX_NONCE_LENGTH} characters, it has ${data.nonce.length}`);
  }
  if (data.blockLimit <= ctx.head) {
    throw new ChainError("BLOCK_LIMIT_EXPIRED", `blockLimit ${data.blockLimit} has passed (head is ${ctx.head}); rebuild it from the current block number`);
  }
  if (data.blockLimit > ctx.head + BLOCK_LIMIT_RANGE) {
    throw new ChainError("BLOCK_LIMIT_TOO_FAR", `blockLimit ${data.blockLimit} is more than ${BLOCK_LIMIT_RANGE} blocks above the head (${ctx.head})`);
  }
  checkPath(data.to);
  if (data.abi !== "") {
    if (isSystemPath(data.to)) throw new ChainError("BAD_PATH", `${data.to}: contracts are deployed under /apps/; /sys/ holds the system contracts`);
    let code: Uint8Array;
    try {
      ({ code } = decodeDeployInput(data.input));
    } catch (e) {
      throw new ChainError("BAD_ENCODING", `a deployment's input must be SCALE(bytes code, bytes ctorArgs): ${(e as Error).message}`);
    }
    // Storing the code alone costs 20 gas a byte (more once metered): a deployment that cannot pay it never runs.
    const deposit = CODE_DEPOSIT_GAS * code.length;
    if (deposit > ctx.txGasLimit) {
      throw new ChainError("TX_GAS_LIMIT", `storing ${code.length} bytes of code costs at least ${deposit} gas; the chain's tx_gas_limit is ${ctx.txGasLimit}`);
    }
    try {
      if (!Array.isArray(JSON.parse(data.abi))) throw new Error("not an array");
    } catch (e) {
      throw new ChainError("BAD_ENCODING", `the deployment's ABI is not a JSON array: ${(e as Error).message}`);
    }
  }
  return { data, hash: ctx.suite.hash(encoded), signature };
}

/** The checked transaction with its sender, the address recovered from its signature (null: it does not verify). */
export function signedBy(c: Checked, sender: string | null, suite: CryptoSuite): Transaction {
  if (!sender) throw new ChainError("BAD_SIGNATURE", `the signature does not verify for this transaction on a ${suite.name} chain`);
  return { ...c, sender };
}
