// A client of a Weft (or FISCO BCOS 3.x style) node: one method per RPC
// method, with groupID and nodeName filled in; transactions signed here and
// followed to their receipt (over WebSocket by block notifications, over
// HTTP by polling); typed contract handles (contract.ts).
import type { Abi } from "../../vm/abi/types.ts";
import type { ChainCrypto } from "../../vm/index.ts";
import type { BlockJson, CallResultJson, LogJson, ReceiptJson, TransactionJson } from "../node/api.ts";
import { ContractHandle, deployContract, type Deployed } from "./contract.ts";
import { TransportError } from "./errors.ts";
import { HttpTransport } from "./http.ts";
import { signTx, txData, type SignedTx, type Signer } from "./tx.ts";
import type { RpcCall, Settled, Transport, TransportOptions } from "./transport.ts";
import { WsTransport } from "./ws.ts";

export interface ClientOptions extends TransportOptions {
  /** The group to talk to (default: the node's first, from getGroupList). */
  group?: string;
  /** FISCO's nodeName parameter (default ""). */
  nodeName?: string;
  /** How long send/deploy wait for a receipt (default 60 s). */
  receiptTimeoutMs?: number;
  /** Longest pause between receipt polls over HTTP (default 250 ms). */
  pollIntervalMs?: number;
}

export interface GroupInfo {
  chainID: string;
  groupID: string;
  crypto: string;
  genesisHash: string;
  blockNumber: number;
}

export interface BlockOptions {
  /** Header only, no transactions. */
  onlyHeader?: boolean;
  /** Transaction hashes instead of full transactions. */
  onlyTxHash?: boolean;
}

export interface EventFilter {
  /** Contract path(s); absent matches any. */
  address?: string | string[];
  /** Per position: null matches any, else a 32-byte hex topic or a list of alternatives. */
  topics?: (string | string[] | null)[];
}

export type NotifiedLog = LogJson & { blockNumber: number; transactionHash: string; logIndex: number };

export interface Subscription {
  readonly id: string;
  unsubscribe(): Promise<boolean>;
}

export interface TxCall {
  to: string;
  input: Uint8Array;
  /** A deployment's ABI JSON. */
  abi?: string;
  nonce?: string;
  blockLimit?: number;
}

interface Waiter {
  /** Set when a block with the transaction was announced: the next look will find the receipt. */
  announced: boolean;
  wake: (() => void) | null;
}

const hex = (b: Uint8Array | string) => (typeof b === "string" ? b : "0x" + Buffer.from(b).toString("hex"));

export class Client {
  private groupP?: Promise<string>;
  private infoP?: Promise<GroupInfo>;
  private readonly abis = new Map<string, Promise<Abi | undefined>>();
  private blockWatch?: Promise<unknown>;
  /** Waits in progress by transaction hash; a block notification marks them and wakes them. */
  private readonly waits = new Map<string, Set<Waiter>>();

  constructor(
    readonly transport: Transport,
    private readonly opts: ClientOptions = {},
  ) {}

  /** http(s)://… → HTTP; ws(s)://… → WebSocket (subscriptions, receipts by notification). */
  static async connect(url: string, opts: ClientOptions = {}): Promise<Client> {
    if (/^wss?:\/\//i.test(url)) return new Client(await WsTransport.connect(url, opts), opts);
    if (/^https?:\/\//i.test(url)) return new Client(new HttpTransport(url, opts), opts);
    throw new TypeError(`a node URL starts with http://, https://, ws:// or wss://, got ${JSON.stringify(url)}`);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Any method, parameters as the server takes them. */
  request<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return this.transport.request(method, params) as Promise<T>;
  }

  batch(calls: RpcCall[]): Promise<Settled[]> {
    return this.transport.batch(calls);
  }

  group(): Promise<string> {
    this.groupP ??= this.opts.group !== undefined
      ? Promise.resolve(this.opts.group)
      : this.request<{ groupList: string[] }>("getGroupList").then((r) => {
          if (!r?.groupList?.[0]) throw new TransportError("protocol", "getGroupList: the node lists no group");
          return r.groupList[0];
        });
    this.groupP.catch(() => (this.groupP = undefined)); // a failed look-up is tried again next time
    return this.groupP;
  }

  /** groupID and nodeName, then the method's own parameters. */
  private async g<T>(method: string, ...rest: unknown[]): Promise<T> {
    return this.request<T>(method, [await this.group(), this.opts.nodeName ?? "", ...rest]);
  }

  call(to: string, input: Uint8Array | string, from?: string): Promise<CallResultJson> {
    return from === undefined ? this.g("call", to, hex(input)) : this.g("call", to, hex(input), from);
  }
  /** FISCO's sendTransaction: the server waits for the receipt. */
  sendTransaction(raw: Uint8Array | string, requireProof = false): Promise<ReceiptJson> {
    return this.g("sendTransaction", hex(raw), requireProof);
  }
  /** Queues a signed transaction and returns its hash at once. */
  sendRawTransaction(raw: Uint8Array | string): Promise<string> {
    return this.g("sendRawTransaction", hex(raw));
  }
  getTransaction(hash: string, requireProof = false): Promise<TransactionJson | null> {
    return this.g("getTransaction", hash, requireProof);
  }
  getTransactionReceipt(hash: string, requireProof = false): Promise<ReceiptJson | null> {
    return this.g("getTransactionReceipt", hash, requireProof);
  }
  getBlockByNumber(n: number, o: BlockOptions = {}): Promise<BlockJson | null> {
    return this.g("getBlockByNumber", n, o.onlyHeader ?? false, o.onlyTxHash ?? false);
  }
  getBlockByHash(hash: string, o: BlockOptions = {}): Promise<BlockJson | null> {
    return this.g("getBlockByHash", hash, o.onlyHeader ?? false, o.onlyTxHash ?? false);
  }
  getBlockHashByNumber(n: number): Promise<string | null> {
    return this.g("getBlockHashByNumber", n);
  }
  getBlockNumber(): Promise<number> {
    return this.g("getBlockNumber");
  }
  getCode(path: string): Promise<string | null> {
    return this.g("getCode", path);
  }
  getABI(path: string): Promise<string | null> {
    return this.g("getABI", path);
  }
  getSealerList(): Promise<{ nodeID: string; weight: number }[]> {
    return this.g("getSealerList");
  }
  getObserverList(): Promise<string[]> {
    return this.g("getObserverList");
  }
  getPendingTxSize(): Promise<number> {
    return this.g("getPendingTxSize");
  }
  getSystemConfigByKey(key: string): Promise<{ value: string; blockNumber: number } | null> {
    return this.g("getSystemConfigByKey", key);
  }
  getTotalTransactionCount(): Promise<{ transactionCount: number; failedTransactionCount: number; blockNumber: number }> {
    return this.g("getTotalTransactionCount");
  }
  async getGroupInfo(): Promise<GroupInfo> {
    return this.request("getGroupInfo", [await this.group()]);
  }
  getGroupList(): Promise<{ code: number; msg: string; groupList: string[] }> {
    return this.request("getGroupList");
  }
  getReceiptProof(hash: string): Promise<unknown> {
    return this.g("getReceiptProof", hash);
  }
  getStorageProof(path: string, key: string): Promise<unknown> {
    return this.g("getStorageProof", path, key);
  }

  private subscriber(method: string): NonNullable<Transport["subscribe"]> {
    const t = this.transport;
    if (!t.subscribe) throw new TypeError(`${method} needs a WebSocket connection (Client.connect("ws://…"))`);
    return t.subscribe.bind(t);
  }

  private async subscription(method: string, params: unknown[], cb: (r: never) => void): Promise<Subscription> {
    const id = await this.subscriber(method)(method, [await this.group(), ...params], cb as (r: unknown) => void);
    return { id, unsubscribe: () => this.transport.unsubscribe!(id) };
  }
  /** Each new block (transactions as hashes). WebSocket only. */
  subscribeBlocks(onBlock: (b: BlockJson) => void): Promise<Subscription> {
    return this.subscription("subscribeBlocks", [], onBlock);
  }
  /** Each new log that passes the filter. WebSocket only. */
  subscribeEvents(filter: EventFilter, onLog: (l: NotifiedLog) => void): Promise<Subscription> {
    return this.subscription("subscribeEvents", [filter], onLog);
  }

  /** The chain's ids and crypto (asked once). */
  chainInfo(): Promise<GroupInfo> {
    this.infoP ??= this.getGroupInfo();
    this.infoP.catch(() => (this.infoP = undefined));
    return this.infoP;
  }

  /** The hash the chain's ABI selectors and event topics use. */
  async chainCrypto(): Promise<ChainCrypto> {
    return (await this.chainInfo()).crypto === "sm" ? "sm" : "keccak";
  }

  /** A contract's ABI from the node, parsed (asked once per path; undefined if none). */
  abiOf(path: string): Promise<Abi | undefined> {
    let p = this.abis.get(path);
    if (!p) {
      p = this.getABI(path).then((text) => (text ? (JSON.parse(text) as Abi) : undefined));
      p.catch(() => this.abis.delete(path));
      this.abis.set(path, p);
    }
    return p;
  }

  /** Fills in chain ids, nonce and block limit (head + 500), and signs. */
  async signTransaction(call: TxCall, signer: Signer): Promise<SignedTx> {
    const [info, head] = await Promise.all([this.chainInfo(), this.getBlockNumber()]);
    if (info.crypto !== signer.suite.name) throw new TypeError(`the chain signs with ${info.crypto}; this signer's suite is ${signer.suite.name}`);
    return signTx(txData(info, head, call), signer);
  }

  /** Signs, sends, and waits for the receipt. */
  async sendSigned(call: TxCall, signer: Signer): Promise<ReceiptJson> {
    const tx = await this.signTransaction(call, signer);
    await this.watchBlocks();
    await this.sendRawTransaction(tx.raw);
    return this.waitForReceipt(tx.hash);
  }

  /** Over WebSocket: one block subscription for all waits, set up before the first transaction goes out. */
  private watchBlocks(): Promise<unknown> {
    if (this.transport.kind !== "ws") return Promise.resolve();
    this.blockWatch ??= this.subscribeBlocks((b) => {
      for (const h of b.transactions) {
        for (const w of this.waits.get(String(h).toLowerCase()) ?? []) {
          w.announced = true;
          w.wake?.();
        }
      }
    }).catch(() => (this.blockWatch = undefined)); // then waits poll, as over HTTP
    return this.blockWatch;
  }

  /** The receipt, once the transaction is in a block; TransportError("timeout") after `timeoutMs`. */
  async waitForReceipt(hash: string, timeoutMs = this.opts.receiptTimeoutMs ?? 60_000): Promise<ReceiptJson> {
    const key = hash.toLowerCase();
    const deadline = Date.now() + timeoutMs;
    await this.watchBlocks(); // before the first look, so no block can slip between the look and the subscription
    const ws = this.transport.kind === "ws" && this.blockWatch !== undefined;
    // Over WebSocket a block notification wakes the wait; the slow poll behind it only covers a lost notification.
    let pause = ws ? 2_000 : 25;
    const me: Waiter = { announced: false, wake: null };
    const set = this.waits.get(key) ?? new Set<Waiter>();
    this.waits.set(key, set.add(me));
    try {
      for (;;) {
        me.announced = false;
        const r = await this.getTransactionReceipt(hash);
        if (r) return r;
        // The block may have been announced while the look was under way (its answer said "not yet"): look again at once.
        if (me.announced) continue;
        const left = deadline - Date.now();
        if (left <= 0) throw new TransportError("timeout", `no receipt for ${hash} within ${timeoutMs} ms; it may still be committed`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => me.wake?.(), Math.min(left, pause));
          me.wake = () => {
            clearTimeout(timer);
            me.wake = null;
            resolve();
          };
        });
        if (!ws) pause = Math.min(pause * 2, this.opts.pollIntervalMs ?? 250);
      }
    } finally {
      set.delete(me);
      if (set.size === 0) this.waits.delete(key);
    }
  }

  /** A handle on a deployed contract; `signer` sends its transactions (and is the `from` of its calls). */
  contract(path: string, abi: Abi, signer?: Signer): ContractHandle {
    return new ContractHandle(this, path, abi, signer);
  }

  /** Deploys `wasm` at `path`; throws TxFailed (with the receipt) if the deployment fails. */
  deploy(path: string, wasm: Uint8Array, abi: Abi, ctorArgs: unknown, signer: Signer): Promise<Deployed> {
    return deployContract(this, path, wasm, abi, ctorArgs, signer);
  }
}
