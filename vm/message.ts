/**
 * The checks of a transaction message's context (gas limit, block, sender,
 * origin) and what the host functions read of it. Misuse of the API throws
 * VmError("VM_BAD_ARGUMENT"): it is not a transaction outcome.
 *
 * This runs on every call, and consecutive transactions mostly share a gas
 * limit, a block and a sender: what was checked and converted last (BigInts,
 * checksummed account bytes) is kept and reused while the argument stays the
 * same. The "last seen" fields start as a sentinel that no argument equals.
 */
import { checksumAddress, isAccountAddress, type ChainCrypto } from "./crypto.ts";
import { VmError } from "./errors.ts";
import { EMPTY } from "./frame.ts";
import type { CallMessage, DeployMessage } from "./types.ts";

const NOTHING = Symbol("nothing");
const MAX_GAS = (1n << 63n) - 1n;
const utf8 = new TextEncoder();

export class MessageContext {
  /** the gas limit, the block, the sender and origin as contracts see them */
  gasLimit = 0n;
  blockNumber = 0n;
  blockTimestamp = 0n;
  senderBytes: Uint8Array = EMPTY;
  originBytes: Uint8Array = EMPTY;

  private gasLimitIn: unknown = NOTHING;
  private gasLimitChecked = 0n;
  private blockNumberIn: unknown = NOTHING;
  private blockTimestampIn: unknown = NOTHING;
  private readonly accountBytes = new Map<string, Uint8Array>();
  private lastAccount: unknown = NOTHING;
  private lastAccountBytes: Uint8Array = EMPTY;

  constructor(private readonly crypto: ChainCrypto) {}

  /** Check msg's context and make it the current one (nothing changes if a check fails). */
  read(msg: CallMessage | DeployMessage): void {
    if (msg.gasLimit !== this.gasLimitIn) {
      const limit = typeof msg.gasLimit === "bigint" ? msg.gasLimit : Number.isSafeInteger(msg.gasLimit) ? BigInt(msg.gasLimit) : -1n;
      if (limit <= 0n || limit > MAX_GAS) throw new VmError("VM_BAD_ARGUMENT", `gasLimit must be a positive integer below 2^63, got ${String(msg.gasLimit)}`);
      this.gasLimitIn = msg.gasLimit;
      this.gasLimitChecked = limit;
    }
    const block = msg.block;
    if (!block || (block.number !== this.blockNumberIn && !isInt64(block.number)) || (block.timestamp !== this.blockTimestampIn && !isInt64(block.timestamp))) {
      throw new VmError("VM_BAD_ARGUMENT", "block must be { number, timestamp } with integer values");
    }
    const sender = this.account(msg.sender, "sender");
    this.originBytes = msg.origin === undefined ? sender : this.account(msg.origin, "origin");
    this.senderBytes = sender;
    if (block.number !== this.blockNumberIn) this.blockNumber = BigInt((this.blockNumberIn = block.number));
    if (block.timestamp !== this.blockTimestampIn) this.blockTimestamp = BigInt((this.blockTimestampIn = block.timestamp));
    this.gasLimit = this.gasLimitChecked;
  }

  /** An account as contracts see it: 40 ASCII hex digits, checksummed with the chain hash. */
  private account(address: string, what: string): Uint8Array {
    if (address === this.lastAccount) return this.lastAccountBytes;
    let b = this.accountBytes.get(address);
    if (!b) {
      if (typeof address !== "string" || !isAccountAddress(address)) {
        throw new VmError("VM_BAD_ARGUMENT", `${what} must be an account address of 40 hex digits, got ${JSON.stringify(address)}`);
      }
      // bounded (senders are chosen by whoever submits transactions): drop the oldest entry, not all
      if (this.accountBytes.size >= 65536) this.accountBytes.delete(this.accountBytes.keys().next().value!);
      this.accountBytes.set(address, (b = utf8.encode(checksumAddress(address, this.crypto))));
    }
    this.lastAccount = address;
    return (this.lastAccountBytes = b);
  }
}

function isInt64(v: unknown): boolean {
  if (typeof v === "bigint") return v >= -(1n << 63n) && v < 1n << 63n;
  return Number.isSafeInteger(v);
}
