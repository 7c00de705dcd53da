// The read side of a node (NodeApi): calls against the latest state,
// blocks, transactions, receipts, code, ABIs, system config, counters and
// Merkle proofs. Node (node.ts) adds transactions and sealing on top.
import { Vm } from "../../vm/index.ts";
import type { CodeCache } from "../../vm/modules.ts";
import type { PrecompileSet } from "../../vm/precompile.ts";
import { ChainError } from "../chain/errors.ts";
import type { ChainStore } from "../store/index.ts";
import type { CryptoSuite } from "../crypto/suite.ts";
import { readConfig } from "../precompiles/index.ts";
import { DEFAULT_TX_GAS_LIMIT } from "../chain/limits.ts";
import type { NodeConfig } from "./datadir.ts";
import type { BlockJson, CallResultJson, ReceiptJson, TransactionJson } from "./api.ts";
import { blockJson, hex, receiptJson, transactionJson } from "./json.ts";
import { checkPath } from "./paths.ts";

const ZERO_ADDRESS = "0000000000000000000000000000000000000000";

/** 32-byte hash from 0x-hex, or a BAD_ARGUMENT refusal. */
export function parseHash(h: string): Uint8Array {
  const s = typeof h === "string" && h.startsWith("0x") ? h.slice(2) : h;
  if (typeof s !== "string" || !/^[0-9a-fA-F]{64}$/.test(s)) throw new ChainError("BAD_ARGUMENT", `"${String(h)}" is not a 32-byte hex hash`);
  return new Uint8Array(Buffer.from(s, "hex"));
}

export abstract class NodeQueries {
  readonly chainId: string;
  readonly groupId: string;
  readonly crypto: "ecdsa" | "sm";
  /** Runs `call` on the committed state; never commits. */
  private readonly callVm: Vm;

  protected constructor(
    protected readonly store: ChainStore,
    readonly suite: CryptoSuite,
    config: NodeConfig,
    protected readonly precompiles: PrecompileSet,
    codeCache: CodeCache,
  ) {
    this.chainId = config.chainId;
    this.groupId = config.groupId;
    this.crypto = config.crypto;
    this.callVm = new Vm({ state: store.state, crypto: suite.hashName, codeCache, precompiles });
  }

  abstract get sealerPublicKey(): Uint8Array;

  /** A numeric system config value (/sys/status) in force at block `number`. */
  protected config(key: string, fallback: number, number: number): number {
    const v = readConfig((k) => this.store.state.getStorage("/sys/status", k), key, number);
    return v ? Number(v.value) : fallback;
  }

  async call(to: string, input: Uint8Array, from?: string): Promise<CallResultJson> {
    checkPath(to);
    const head = this.store.head()!;
    const sender = from ?? ZERO_ADDRESS;
    if (!/^(0x)?[0-9a-fA-F]{40}$/.test(sender)) throw new ChainError("BAD_ARGUMENT", `"${sender}" is not a 40-hex account address`);
    const r = this.callVm.call({
      to, input, sender, commit: false, gasLimit: this.config("tx_gas_limit", DEFAULT_TX_GAS_LIMIT, head.number + 1),
      block: { number: head.number + 1, timestamp: head.header.timestamp },
    });
    const out: CallResultJson = { status: r.status, output: hex(r.status === 0 ? r.output : (r.revertData ?? new Uint8Array())), gasUsed: String(r.gasUsed) };
    if (r.message) out.message = r.message;
    return out;
  }

  async getTransaction(hash: string): Promise<TransactionJson | null> {
    const t = await this.store.getTransaction(parseHash(hash));
    return t ? transactionJson(t.tx, { blockNumber: t.blockNumber, index: t.index }) : null;
  }

  async getTransactionReceipt(hash: string): Promise<ReceiptJson | null> {
    const h = parseHash(hash);
    const r = await this.store.getReceipt(h);
    if (!r) return null;
    const t = await this.store.getTransaction(h);
    return t ? receiptJson(r, t.tx) : null;
  }

  async getBlockByNumber(n: number, full: boolean): Promise<BlockJson | null> {
    if (!Number.isSafeInteger(n) || n < 0) throw new ChainError("BAD_ARGUMENT", `block number ${String(n)} is not a non-negative integer`);
    const b = await this.store.getBlockByNumber(n);
    return b ? blockJson(b, full) : null;
  }

  async getBlockByHash(hash: string, full: boolean): Promise<BlockJson | null> {
    const b = await this.store.getBlockByHash(parseHash(hash));
    return b ? blockJson(b, full) : null;
  }

  getBlockNumber(): number {
    return this.store.head()?.number ?? -1;
  }

  async getCode(path: string): Promise<string | null> {
    checkPath(path);
    const code = this.store.state.getCode(path);
    return code ? hex(code) : this.precompiles.has(path) ? "0x" : null;
  }

  async getABI(path: string): Promise<string | null> {
    checkPath(path);
    const abi = this.store.state.getAbi(path) ?? this.precompiles.get(path)?.abi;
    return abi ? JSON.stringify(abi) : null;
  }

  getSystemConfigByKey(key: string): { value: string; blockNumber: number } | null {
    const number = this.getBlockNumber();
    const v = readConfig((k) => this.store.state.getStorage("/sys/status", k), key, number + 1);
    return v ? { value: v.value, blockNumber: v.enableNumber } : null;
  }

  getTotalTransactionCount() {
    const c = this.store.counts();
    return { transactionCount: c.transactionCount, failedTransactionCount: c.failedTransactionCount, blockNumber: this.getBlockNumber() };
  }

  getSealerList(): { nodeID: string; weight: number }[] {
    return [{ nodeID: hex(this.sealerPublicKey).slice(2), weight: 1 }];
  }

  getGroupInfo() {
    return { chainID: this.chainId, groupID: this.groupId, crypto: this.crypto, genesisHash: this.genesisHash, blockNumber: this.getBlockNumber() };
  }

  protected genesisHash = "";

  async getStorageProof(path: string, key: string) {
    checkPath(path);
    const k = key.startsWith("0x") ? key.slice(2) : key;
    if (!/^([0-9a-fA-F]{2})*$/.test(k)) throw new ChainError("BAD_ARGUMENT", "the key must be hex bytes");
    return this.store.proveStorage(path, new Uint8Array(Buffer.from(k, "hex")));
  }

  async getReceiptProof(hash: string) {
    return this.store.proveReceipt(parseHash(hash));
  }
}
