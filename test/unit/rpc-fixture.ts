// A small NodeApi for the RPC and client tests: real signed transactions
// (runtime/chain/codec.ts), real execution (vm/), one block per transaction
// sealed on the next turn of the event loop, events emitted like a node's.
// The shapes are the ones runtime/node/api.ts promises; unlike the real node
// (test/integration/rpc*.test.ts) it can hold blocks back (hold/release) and
// fail on demand (breakWith), which the unit tests need.
import { keccak_256 } from "@noble/hashes/sha3.js";
import { Vm, InMemoryState, abi as vmAbi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { decodeSignedTx } from "../../runtime/chain/codec.ts";
import { ChainError } from "../../runtime/chain/errors.ts";
import { BLOCK_LIMIT_RANGE } from "../../runtime/chain/limits.ts";
import { getSuite, type CryptoSuite } from "../../runtime/crypto/index.ts";
import type { BlockJson, CallResultJson, LogJson, NodeApi, NodeEvents, ReceiptJson, TransactionJson } from "../../runtime/node/api.ts";

const hex = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");

/** The chain's own ecdsa suite (runtime/crypto). */
export const testSuite: CryptoSuite = getSuite("ecdsa");

type Listeners = { [E in keyof NodeEvents]: Set<NodeEvents[E]> };

export class FakeNode implements NodeApi {
  readonly chainId = "chain0";
  readonly groupId = "group0";
  readonly crypto = "ecdsa" as const;
  readonly blocks: BlockJson[] = [];
  readonly state = new InMemoryState();
  private readonly vm = new Vm({ state: this.state, crypto: "keccak" });
  private readonly txs = new Map<string, TransactionJson>();
  private readonly receipts = new Map<string, ReceiptJson>();
  private readonly waiters = new Map<string, ((r: ReceiptJson) => void)[]>();
  private readonly listeners: Listeners = { block: new Set(), log: new Set() };
  private pending = 0;
  private failed = 0;
  /** Set to make the next node calls throw a plain Error (an internal error, not the client's fault). */
  breakWith: Error | null = null;

  constructor() {
    this.seal([]);
  }

  async sendTransaction(raw: Uint8Array): Promise<string> {
    const { data, encoded, signature } = decodeSignedTx(raw);
    if (data.chainId !== this.chainId) throw new ChainError("WRONG_CHAIN", `chain ${data.chainId}`);
    if (data.groupId !== this.groupId) throw new ChainError("WRONG_GROUP", `group ${data.groupId}`);
    const head = this.getBlockNumber();
    if (data.blockLimit <= head) throw new ChainError("BLOCK_LIMIT_EXPIRED", "expired");
    if (data.blockLimit > head + BLOCK_LIMIT_RANGE) throw new ChainError("BLOCK_LIMIT_TOO_FAR", "too far");
    const digest = testSuite.hash(encoded);
    const hash = hex(digest);
    if (this.txs.has(hash)) throw new ChainError("DUPLICATE_TX", `${hash} is known`);
    const pub = testSuite.recover(digest, signature);
    if (!pub) throw new ChainError("BAD_SIGNATURE", "bad signature");
    const from = testSuite.addressOf(pub);
    const tx: TransactionJson = {
      version: 0, hash, chainID: data.chainId, groupID: data.groupId, blockLimit: data.blockLimit, nonce: data.nonce,
      to: data.to, input: hex(data.input), abi: data.abi, from, signature: hex(signature),
    };
    this.txs.set(hash, tx);
    this.pending++;
    const run = () => setImmediate(() => this.execute(tx, data.input));
    if (this.held) this.held.push(run);
    else run();
    return hash;
  }

  private held: (() => void)[] | null = null;
  /** Keeps accepted transactions pending (no blocks) until release(). */
  hold(): void {
    this.held ??= [];
  }
  release(): void {
    const runs = this.held ?? [];
    this.held = null;
    runs.forEach((r) => r());
  }

  private execute(tx: TransactionJson, input: Uint8Array): void {
    const block = { number: this.blocks.length, timestamp: 1_700_000_000_000 + this.blocks.length };
    const common = { sender: tx.from, gasLimit: 3_000_000_000, block };
    const r = tx.abi
      ? (() => {
          const { code, ctorArgs } = vmAbi.decodeDeployInput(input);
          return this.vm.deploy({ ...common, address: tx.to, code, ctorArgs, abi: JSON.parse(tx.abi) as Abi });
        })()
      : this.vm.call({ ...common, to: tx.to, input });
    const receipt: ReceiptJson = {
      version: 0, transactionHash: tx.hash, blockNumber: block.number, transactionIndex: 0, status: r.status,
      output: hex(r.status === 16 && r.revertData ? r.revertData : r.output), gasUsed: String(r.gasUsed),
      logEntries: r.logs.map((l) => ({ address: l.address, topics: l.topics.map(hex), data: hex(l.data) })),
      contractAddress: tx.abi && r.status === 0 ? tx.to : "", from: tx.from, to: tx.to, message: r.message ?? "",
    };
    if (r.status !== 0) this.failed++;
    this.pending--;
    Object.assign(tx, { blockNumber: block.number, transactionIndex: 0 });
    this.receipts.set(tx.hash, receipt);
    this.seal([tx], receipt.logEntries);
    for (const w of this.waiters.get(tx.hash) ?? []) w(receipt);
    this.waiters.delete(tx.hash);
  }

  private seal(txs: TransactionJson[], logs: LogJson[] = []): void {
    const number = this.blocks.length;
    const parentHash = number === 0 ? hex(new Uint8Array(32)) : this.blocks[number - 1]!.hash;
    const z = hex(new Uint8Array(32));
    const b: BlockJson = {
      number, hash: hex(keccak_256(new TextEncoder().encode(`${parentHash}/${number}/${txs.map((t) => t.hash).join()}`))), parentHash,
      timestamp: 1_700_000_000_000 + number, transactionsRoot: z, receiptsRoot: z, stateRoot: z, gasUsed: "0", sealer: "0x", signature: "0x",
      transactions: txs,
    };
    this.blocks.push(b);
    for (const l of this.listeners.block) l(b);
    logs.forEach((log, logIndex) => {
      for (const l of this.listeners.log) l({ ...log, blockNumber: number, transactionHash: txs[0]!.hash, logIndex });
    });
  }

  private check(): void {
    if (this.breakWith) throw this.breakWith;
  }

  async call(to: string, input: Uint8Array, from?: string): Promise<CallResultJson> {
    this.check();
    const block = { number: this.getBlockNumber(), timestamp: 0 };
    const r = this.vm.call({ to, input, sender: from ?? "0".repeat(40), gasLimit: 3_000_000_000, block, commit: false });
    const out: CallResultJson = { status: r.status, output: hex(r.status === 16 && r.revertData ? r.revertData : r.output), gasUsed: String(r.gasUsed) };
    if (r.message) out.message = r.message;
    return out;
  }
  async getTransaction(hash: string) {
    return this.txs.get(hash) ?? null;
  }
  async getTransactionReceipt(hash: string) {
    return this.receipts.get(hash) ?? null;
  }
  waitForReceipt(hash: string, timeoutMs: number): Promise<ReceiptJson> {
    const have = this.receipts.get(hash);
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new ChainError("NOT_FOUND", `no receipt for ${hash}`)), timeoutMs);
      this.waiters.set(hash, [...(this.waiters.get(hash) ?? []), (r) => (clearTimeout(t), resolve(r))]);
    });
  }
  private block(b: BlockJson | undefined, full: boolean): BlockJson | null {
    if (!b) return null;
    return { ...b, transactions: b.transactions.map((t) => (full ? t : typeof t === "string" ? t : t.hash)) };
  }
  async getBlockByNumber(n: number, full: boolean) {
    return this.block(this.blocks[n], full);
  }
  async getBlockByHash(hash: string, full: boolean) {
    return this.block(this.blocks.find((b) => b.hash === hash), full);
  }
  getBlockNumber() {
    this.check();
    return this.blocks.length - 1;
  }
  async getCode(path: string) {
    const code = this.state.getCode(path);
    return code ? hex(code) : null;
  }
  async getABI(path: string) {
    const abi = this.state.getAbi(path);
    return abi ? JSON.stringify(abi) : null;
  }
  getSystemConfigByKey(key: string) {
    return key === "tx_gas_limit" ? { value: "3000000000", blockNumber: 0 } : null;
  }
  getTotalTransactionCount() {
    return { transactionCount: this.receipts.size, failedTransactionCount: this.failed, blockNumber: this.getBlockNumber() };
  }
  getPendingTxSize() {
    return this.pending;
  }
  getSealerList() {
    return [{ nodeID: "0x" + "ab".repeat(64), weight: 1 }];
  }
  getGroupInfo() {
    return { chainID: this.chainId, groupID: this.groupId, crypto: this.crypto, genesisHash: this.blocks[0]!.hash, blockNumber: this.getBlockNumber() };
  }
  /** Shaped like the store's proofs: binary fields, as NodeApi allows (`unknown`). */
  async getReceiptProof(hash: string) {
    const r = this.receipts.get(hash);
    return r ? { blockNumber: r.blockNumber, receiptRoot: new Uint8Array(32).fill(1), proof: { index: 0n, path: [new Uint8Array([2, 3])] }, extra: undefined } : null;
  }
  on<E extends keyof NodeEvents>(event: E, listener: NodeEvents[E]): void {
    (this.listeners[event] as Set<NodeEvents[E]>).add(listener);
  }
  off<E extends keyof NodeEvents>(event: E, listener: NodeEvents[E]): void {
    (this.listeners[event] as Set<NodeEvents[E]>).delete(listener);
  }
  listenerCount(): number {
    return this.listeners.block.size + this.listeners.log.size;
  }
}
