// JSON-RPC 2.0 over some connection: request ids, batches, matching answers
// to requests, turning error objects into RpcCallError. HTTP and WebSocket
// (http.ts, ws.ts) only say how a payload travels.
import { RpcCallError, TransportError } from "./errors.ts";

export interface RpcCall {
  method: string;
  params: unknown[];
}

export type Settled = { ok: true; value: unknown } | { ok: false; error: Error };

export interface Transport {
  readonly kind: "http" | "ws";
  request(method: string, params: unknown[]): Promise<unknown>;
  /** Several calls in one round trip; each settles on its own. */
  batch(calls: RpcCall[]): Promise<Settled[]>;
  /** WebSocket only: calls a subscribe method and routes its notifications to `onResult`; resolves to the subscription id. */
  subscribe?(method: string, params: unknown[], onResult: (result: unknown) => void): Promise<string>;
  /** WebSocket only: stops routing and tells the server. */
  unsubscribe?(id: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface TransportOptions {
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /**
   * Requests made in the same tick go out as one batch (default: true over
   * HTTP, where it saves round trips; false over WebSocket, where a batch's
   * answers would all wait for its slowest request).
   */
  autoBatch?: boolean;
  /** Largest batch sent (default 100, the server's default limit). */
  maxBatch?: number;
}

export interface RequestObject {
  jsonrpc: "2.0";
  id: number;
  method: string;
  params: unknown[];
}

interface Queued {
  call: RpcCall;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** The common part of both transports; subclasses move payloads. */
export abstract class JsonRpcTransport implements Transport {
  abstract readonly kind: "http" | "ws";
  protected readonly timeoutMs: number;
  private readonly autoBatch: boolean;
  private readonly maxBatch: number;
  private nextId = 1;
  private queue: Queued[] = [];

  constructor(opts: TransportOptions, autoBatchByDefault: boolean) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.autoBatch = opts.autoBatch ?? autoBatchByDefault;
    this.maxBatch = opts.maxBatch ?? 100;
  }

  /**
   * Sends one request or a batch and resolves to the answers that carry
   * these ids (by id). Rejects with TransportError when no usable answer
   * came, or with RpcCallError for an error the server could not tie to a
   * request (id null: a body too large, a batch too long).
   */
  protected abstract exchange(payload: RequestObject | RequestObject[], ids: number[]): Promise<Map<number, unknown>>;

  abstract close(): Promise<void>;

  request(method: string, params: unknown[]): Promise<unknown> {
    // sendTransaction is answered only once the block is sealed: batched, it would hold back everything else.
    if (!this.autoBatch || method === "sendTransaction") return this.batch([{ method, params }]).then((r) => unwrap(r[0]!));
    return new Promise((resolve, reject) => {
      this.queue.push({ call: { method, params }, resolve, reject });
      // The first request of a tick schedules the flush; the rest of the tick's requests join it.
      if (this.queue.length === 1) queueMicrotask(() => this.flush());
    });
  }

  private flush(): void {
    const queued = this.queue;
    this.queue = [];
    for (let i = 0; i < queued.length; i += this.maxBatch) {
      const part = queued.slice(i, i + this.maxBatch);
      this.batch(part.map((q) => q.call)).then(
        (rs) => rs.forEach((r, k) => (r.ok ? part[k]!.resolve(r.value) : part[k]!.reject(r.error))),
        (e: Error) => part.forEach((q) => q.reject(e)),
      );
    }
  }

  async batch(calls: RpcCall[]): Promise<Settled[]> {
    if (calls.length === 0) return [];
    const objects: RequestObject[] = calls.map((c) => ({ jsonrpc: "2.0", id: this.nextId++, method: c.method, params: c.params }));
    const ids = objects.map((o) => o.id);
    let answers: Map<number, unknown>;
    try {
      // A batch of one goes as a plain request: every JSON-RPC server takes those.
      answers = await this.exchange(objects.length === 1 ? objects[0]! : objects, ids);
    } catch (e) {
      // An error the server could not tie to one request (id null) belongs to each of them.
      if (e instanceof RpcCallError) return calls.map((c) => ({ ok: false, error: new RpcCallError(c.method, e.code, e.reason, e.data) }));
      throw e;
    }
    return objects.map((o) => settle(o.method, answers.get(o.id)));
  }
}

function unwrap(s: Settled): unknown {
  if (s.ok) return s.value;
  throw s.error;
}

/** One response object → a value or the error it carries. */
export function settle(method: string, answer: unknown): Settled {
  if (answer === undefined) return { ok: false, error: new TransportError("protocol", `${method}: the server's answer has no response for this request`) };
  const a = answer as { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
  if (a.error !== undefined) {
    const code = typeof a.error?.code === "number" ? a.error.code : -32603;
    const message = typeof a.error?.message === "string" ? a.error.message : "error without a message";
    return { ok: false, error: new RpcCallError(method, code, message, a.error?.data) };
  }
  if (!("result" in a)) return { ok: false, error: new TransportError("protocol", `${method}: response with neither result nor error`) };
  return { ok: true, value: a.result };
}

/** A parsed answer (one object or a batch array) → responses by id; an id-null error becomes an RpcCallError. */
export function byId(parsed: unknown, what: string): Map<number, unknown> {
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const out = new Map<number, unknown>();
  for (const r of list) {
    if (typeof r !== "object" || r === null) throw new TransportError("protocol", `${what}: answer is not a JSON-RPC response`);
    const { id, error } = r as { id?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
    if (typeof id === "number") out.set(id, r);
    else if (id === null && error && !Array.isArray(parsed)) {
      throw new RpcCallError(what, typeof error.code === "number" ? error.code : -32603, String(error.message ?? "error"), error.data);
    }
  }
  return out;
}
