// A handle on a deployed contract: send transactions and make read-only
// calls by function name with plain JavaScript values (bigint for integers,
// strings for addresses and strings, Uint8Array or 0x-hex for bytes).
import { abi as vmAbi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { TransactionFailed, type Receipt } from "./receipt.ts";
import type { TestChain, TxOptions } from "./chain.ts";

export interface SendOptions extends TxOptions {
  /** Throw TransactionFailed instead of returning a failed receipt. */
  throwOnFailure?: boolean;
}

export class Contract {
  constructor(
    readonly chain: TestChain,
    /** The contract's path, e.g. /apps/token. */
    readonly address: string,
    readonly abi: Abi,
    readonly name: string,
  ) {}

  /** Encodes a call: `fn` is a function name, or `name(types)` when overloaded. */
  encode(fn: string, args: unknown = []): Uint8Array {
    return vmAbi.encodeCall(vmAbi.findFunction(this.abi, fn), args, this.chain.crypto);
  }

  /** Sends a transaction (sealed in its own block) and returns the receipt. */
  async send(fn: string, args: unknown = [], opts: SendOptions = {}): Promise<Receipt> {
    const r = await this.chain.sendRaw(this.address, this.encode(fn, args), opts, true);
    if (opts.throwOnFailure && !r.ok) throw new TransactionFailed(r, `${this.name}.${fn}`);
    return r;
  }

  /** Runs a function without keeping its effects and returns its value; throws TransactionFailed on failure. */
  async call(fn: string, args: unknown = [], opts: TxOptions = {}): Promise<unknown> {
    const r = await this.chain.sendRaw(this.address, this.encode(fn, args), opts, false);
    if (!r.ok) throw new TransactionFailed(r, `${this.name}.${fn}`);
    return r.value;
  }
}
