// Building and signing transactions on the client side: FISCO's replay
// protection is a random nonce plus a block limit a little above the head
// (runtime/chain/limits.ts), so a client needs no account nonce bookkeeping.
import { randomBytes } from "node:crypto";
import { encodeSignedTx, encodeTxData } from "../chain/codec.ts";
import { BLOCK_LIMIT_DEFAULT, MAX_NONCE_LENGTH } from "../chain/limits.ts";
import type { TxData } from "../chain/types.ts";
import type { CryptoSuite } from "../crypto/suite.ts";

/** A key that signs transactions, with the suite it belongs to. */
export interface Signer {
  readonly suite: CryptoSuite;
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** Checksummed, as the chain reports the sender. */
  readonly address: string;
}

export function makeSigner(suite: CryptoSuite, privateKey: Uint8Array): Signer {
  const publicKey = suite.publicKeyOf(privateKey);
  return { suite, privateKey, publicKey, address: suite.addressOf(publicKey) };
}

export interface SignedTx {
  data: TxData;
  /** 0x-hex of the suite hash of the encoded data: the transaction's id. */
  hash: string;
  /** What sendTransaction / sendRawTransaction take (as hex). */
  raw: Uint8Array;
  sender: string;
}

/** 128 random bits in decimal (39 digits at most), as FISCO's SDKs write nonces. */
export function randomNonce(): string {
  return BigInt("0x" + randomBytes(16).toString("hex")).toString();
}

/** What a client fills in: the chain's ids, the head it saw, and the call. */
export function txData(chain: { chainID: string; groupID: string }, head: number, call: { to: string; input: Uint8Array; abi?: string; nonce?: string; blockLimit?: number }): TxData {
  const nonce = call.nonce ?? randomNonce();
  if (nonce.length === 0 || nonce.length > MAX_NONCE_LENGTH) throw new RangeError(`a nonce has 1 to ${MAX_NONCE_LENGTH} characters, got ${nonce.length}`);
  return {
    version: 0,
    chainId: chain.chainID,
    groupId: chain.groupID,
    blockLimit: call.blockLimit ?? head + BLOCK_LIMIT_DEFAULT,
    nonce,
    to: call.to,
    input: call.input,
    abi: call.abi ?? "",
  };
}

export function signTx(data: TxData, signer: Signer): SignedTx {
  const digest = signer.suite.hash(encodeTxData(data));
  const signature = signer.suite.sign(digest, signer.privateKey);
  return { data, hash: "0x" + Buffer.from(digest).toString("hex"), raw: encodeSignedTx(data, signature), sender: signer.address };
}
