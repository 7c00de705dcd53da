// Typed handles on contracts of a live node, by ABI: `send` signs a
// transaction, waits for its receipt and decodes it (value, events, revert);
// `call` runs a function without keeping its effects and returns its value.
// Values as the test chain takes them: bigint for integers, strings for
// addresses and strings, Uint8Array (or 0x-hex) for bytes.
import { abi as vmAbi } from "../../vm/index.ts";
import type { Abi, AbiEntry } from "../../vm/abi/types.ts";
import type { ReceiptJson } from "../node/api.ts";
import type { Client } from "./client.ts";
import { TxFailed } from "./errors.ts";
import { decodeReceipt, outputValue, type DecodedReceipt } from "./receipt.ts";
import type { Signer } from "./tx.ts";

export interface SendOptions {
  /** Throw TxFailed instead of returning a failed receipt. */
  throwOnFailure?: boolean;
  /** Sign with this key instead of the handle's. */
  signer?: Signer;
}

export interface CallOptions {
  /** The caller the contract sees (default: the handle's signer, if any). */
  from?: string;
}

/** Decodes a receipt, fetching the ABI of every other contract that logged in it. */
async function decode(client: Client, r: ReceiptJson, fn: AbiEntry | undefined, path: string, abi: Abi): Promise<DecodedReceipt> {
  const others = [...new Set(r.logEntries.map((l) => l.address).filter((a) => a !== path))];
  const known = new Map<string, Abi | undefined>([[path, abi]]);
  await Promise.all(others.map(async (a) => known.set(a, await client.abiOf(a).catch(() => undefined))));
  return decodeReceipt(r, fn, (a) => known.get(a), await client.chainCrypto());
}

export class ContractHandle {
  constructor(
    readonly client: Client,
    /** The contract's path, e.g. /apps/token. */
    readonly path: string,
    readonly abi: Abi,
    readonly signer?: Signer,
  ) {}

  /** The same contract, sending with another key. */
  connect(signer: Signer): ContractHandle {
    return new ContractHandle(this.client, this.path, this.abi, signer);
  }

  /** `fn` is a function name, or `name(types)` when overloaded. */
  async encode(fn: string, args: unknown = []): Promise<{ entry: AbiEntry; input: Uint8Array }> {
    const entry = vmAbi.findFunction(this.abi, fn);
    return { entry, input: vmAbi.encodeCall(entry, args, await this.client.chainCrypto()) };
  }

  async send(fn: string, args: unknown = [], opts: SendOptions = {}): Promise<DecodedReceipt> {
    const signer = opts.signer ?? this.signer;
    if (!signer) throw new TypeError(`${this.path}.${fn}: sending needs a signer (client.contract(path, abi, signer))`);
    const { entry, input } = await this.encode(fn, args);
    const receipt = await decode(this.client, await this.client.sendSigned({ to: this.path, input }, signer), entry, this.path, this.abi);
    if (opts.throwOnFailure && !receipt.ok) throw new TxFailed(`${this.path}.${fn}`, receipt.status, receipt.message ?? "", receipt.revert, receipt);
    return receipt;
  }

  /** The function's value, computed against the latest state; throws TxFailed if it fails. */
  async call(fn: string, args: unknown = [], opts: CallOptions = {}): Promise<unknown> {
    const { entry, input } = await this.encode(fn, args);
    const r = await this.client.call(this.path, input, opts.from ?? this.signer?.address);
    const output = vmAbi.fromHex(r.output);
    if (r.status === 0) return outputValue(entry, output);
    const revert = r.status === 16 && output.length > 0 ? vmAbi.decodeRevert(output, await this.client.chainCrypto(), this.abi) : undefined;
    throw new TxFailed(`${this.path}.${fn}`, r.status, revert ? vmAbi.describeRevert(revert) : r.message || "", revert, undefined);
  }
}

export interface Deployed {
  contract: ContractHandle;
  receipt: DecodedReceipt;
}

export async function deployContract(client: Client, path: string, wasm: Uint8Array, abi: Abi, ctorArgs: unknown, signer: Signer): Promise<Deployed> {
  const input = vmAbi.encodeDeployInput(wasm, vmAbi.encodeConstructorArgs(abi, ctorArgs));
  const raw = await client.sendSigned({ to: path, input, abi: JSON.stringify(abi) }, signer);
  const receipt = await decode(client, raw, undefined, path, abi);
  if (!receipt.ok) throw new TxFailed(`deploying to ${path}`, receipt.status, receipt.message ?? "", receipt.revert, receipt);
  return { contract: new ContractHandle(client, receipt.contractAddress ?? path, abi, signer), receipt };
}
