// Subscriptions over WebSocket: new blocks, and logs filtered by contract
// and topics. One hub per server listens to the node once and fans out; each
// connection owns its subscriptions, which die with it. Notifications are
// JSON-RPC notifications:
//   {"jsonrpc":"2.0","method":"subscription","params":{"subscription":"0x1","result":…}}
import type { BlockJson, LogJson, NodeApi, NodeEvents } from "../node/api.ts";
import { LIMIT_EXCEEDED, RpcError, invalidParams } from "./errors.ts";

/** One connection, as the hub sees it: somewhere to send text. */
export interface Subscriber {
  send(text: string): void;
}

export interface EventFilter {
  /** Contract paths; null matches any. */
  addresses: string[] | null;
  /** Per position: null matches any topic, else one of these (lower-case 0x-hex, 32 bytes). */
  topics: (string[] | null)[];
}

type Sub = { owner: Subscriber; kind: "blocks" } | { owner: Subscriber; kind: "events"; filter: EventFilter };
type NodeLog = Parameters<NodeEvents["log"]>[0];

const TOPIC = /^(0x|0X)?[0-9a-fA-F]{64}$/;
const MAX_ADDRESSES = 64;
const MAX_ALTERNATIVES = 16;

function topicList(v: unknown, where: string): string[] | null {
  if (v === null) return null;
  const list = typeof v === "string" ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ALTERNATIVES || !list.every((t) => typeof t === "string" && TOPIC.test(t))) {
    throw invalidParams(`subscribeEvents: ${where} must be null, a 32-byte hex topic, or a list of 1 to ${MAX_ALTERNATIVES} of them`);
  }
  return list.map((t: string) => "0x" + t.replace(/^0x/i, "").toLowerCase());
}

/** Checks and normalises `{ address?: string | string[], topics?: (topic | topic[] | null)[] }`. */
export function parseEventFilter(raw: Record<string, unknown>): EventFilter {
  for (const k of Object.keys(raw)) {
    if (k !== "address" && k !== "topics") throw invalidParams(`subscribeEvents: unknown filter field ${JSON.stringify(k.slice(0, 40))} (allowed: address, topics)`);
  }
  let addresses: string[] | null = null;
  if (raw.address !== undefined && raw.address !== null) {
    const list = typeof raw.address === "string" ? [raw.address] : raw.address;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ADDRESSES || !list.every((a) => typeof a === "string" && a.length > 0 && a.length <= 1024)) {
      throw invalidParams(`subscribeEvents: address must be a contract path or a list of 1 to ${MAX_ADDRESSES} of them`);
    }
    addresses = list as string[];
  }
  const topics: (string[] | null)[] = [];
  if (raw.topics !== undefined && raw.topics !== null) {
    if (!Array.isArray(raw.topics) || raw.topics.length > 4) throw invalidParams("subscribeEvents: topics must be a list of at most 4 positions");
    raw.topics.forEach((t, i) => topics.push(topicList(t, `topics[${i}]`)));
  }
  return { addresses, topics };
}

export function matches(f: EventFilter, log: LogJson): boolean {
  if (f.addresses && !f.addresses.includes(log.address)) return false;
  for (let i = 0; i < f.topics.length; i++) {
    const want = f.topics[i];
    if (!want) continue;
    const have = log.topics[i];
    if (have === undefined || !want.includes(have.toLowerCase())) return false;
  }
  return true;
}

function notification(id: string, resultJson: string): string {
  return `{"jsonrpc":"2.0","method":"subscription","params":{"subscription":${JSON.stringify(id)},"result":${resultJson}}}`;
}

export class SubscriptionHub {
  private readonly subs = new Map<string, Sub>();
  private readonly counts = new Map<Subscriber, number>();
  private next = 1;
  private readonly onBlock = (b: BlockJson) => this.guard(() => this.publishBlock(b));
  private readonly onLog = (l: NodeLog) => this.guard(() => this.publishLog(l));

  constructor(
    private readonly node: NodeApi,
    private readonly maxPerConnection: number,
    private readonly onInternal: (e: unknown) => void,
  ) {
    node.on("block", this.onBlock);
    node.on("log", this.onLog);
  }

  subscribe(owner: Subscriber, kind: "blocks"): string;
  subscribe(owner: Subscriber, kind: "events", filter: EventFilter): string;
  subscribe(owner: Subscriber, kind: "blocks" | "events", filter?: EventFilter): string {
    const n = this.counts.get(owner) ?? 0;
    if (n >= this.maxPerConnection) throw new RpcError(LIMIT_EXCEEDED, `at most ${this.maxPerConnection} subscriptions per connection`);
    const id = "0x" + (this.next++).toString(16);
    this.subs.set(id, kind === "blocks" ? { owner, kind } : { owner, kind, filter: filter! });
    this.counts.set(owner, n + 1);
    return id;
  }

  /** False when the id is unknown or another connection's. */
  unsubscribe(owner: Subscriber, id: string): boolean {
    const s = this.subs.get(id);
    if (!s || s.owner !== owner) return false;
    this.subs.delete(id);
    this.counts.set(owner, (this.counts.get(owner) ?? 1) - 1);
    return true;
  }

  /** A connection closed: its subscriptions go with it. */
  drop(owner: Subscriber): void {
    for (const [id, s] of this.subs) if (s.owner === owner) this.subs.delete(id);
    this.counts.delete(owner);
  }

  close(): void {
    this.node.off("block", this.onBlock);
    this.node.off("log", this.onLog);
    this.subs.clear();
    this.counts.clear();
  }

  /** The node calls us from its commit path: nothing may be thrown back into it. */
  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      this.onInternal(e);
    }
  }

  private publishBlock(b: BlockJson): void {
    if (this.subs.size === 0) return;
    // Subscribers get hashes only: a block of full transactions could be megabytes per connection.
    const text = JSON.stringify({ ...b, transactions: b.transactions.map((t) => (typeof t === "string" ? t : t.hash)) });
    for (const [id, s] of this.subs) if (s.kind === "blocks") s.owner.send(notification(id, text));
  }

  private publishLog(l: NodeLog): void {
    let text: string | undefined;
    for (const [id, s] of this.subs) {
      if (s.kind !== "events" || !matches(s.filter, l)) continue;
      text ??= JSON.stringify(l);
      s.owner.send(notification(id, text));
    }
  }
}
