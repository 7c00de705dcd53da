// JSON-RPC over one WebSocket (the `ws` package: Node 20 has no stable
// WebSocket client). Answers are matched to requests by id; notifications
// ("method":"subscription") go to the subscription's callback. There is no
// reconnection: when the socket closes, pending requests fail with
// TransportError("closed") and subscriptions end.
import { WebSocket } from "ws";
import { TransportError } from "./errors.ts";
import { JsonRpcTransport, byId, type RequestObject, type TransportOptions } from "./transport.ts";

interface Pending {
  ids: number[];
  got: Map<number, unknown>;
  resolve(m: Map<number, unknown>): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export class WsTransport extends JsonRpcTransport {
  readonly kind = "ws";
  private readonly pending = new Set<Pending>();
  private readonly byRequest = new Map<number, Pending>();
  private readonly subs = new Map<string, (result: unknown) => void>();
  private closedBecause: string | null = null;

  private constructor(
    private readonly ws: WebSocket,
    readonly url: string,
    opts: TransportOptions,
  ) {
    super(opts, false);
    ws.on("message", (data) => this.onMessage(data.toString()));
    ws.on("close", (code, reason) => this.fail(`connection closed (${code}${reason.length ? ` ${reason.toString()}` : ""})`));
    ws.on("error", (e) => this.fail(`connection error: ${e.message}`));
  }

  /** Opens the socket; rejects with TransportError("network") if it cannot. */
  static connect(url: string, opts: TransportOptions & { maxMessageBytes?: number } = {}): Promise<WsTransport> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { maxPayload: opts.maxMessageBytes ?? 64 * 1024 * 1024, handshakeTimeout: opts.timeoutMs ?? 30_000 });
      ws.once("open", () => resolve(new WsTransport(ws, url, opts)));
      ws.once("error", (e) => reject(new TransportError("network", `cannot open ${url}: ${e.message}`)));
    });
  }

  protected exchange(payload: RequestObject | RequestObject[], ids: number[]): Promise<Map<number, unknown>> {
    const what = Array.isArray(payload) ? `batch of ${payload.length}` : payload.method;
    if (this.closedBecause) return Promise.reject(new TransportError("closed", `${what}: ${this.closedBecause}`));
    return new Promise((resolve, reject) => {
      const p: Pending = {
        ids,
        got: new Map(),
        resolve,
        reject,
        timer: setTimeout(() => this.settle(p, new TransportError("timeout", `${what}: no answer within ${this.timeoutMs} ms`)), this.timeoutMs),
      };
      this.pending.add(p);
      for (const id of ids) this.byRequest.set(id, p);
      this.ws.send(JSON.stringify(payload), (err) => err && this.settle(p, new TransportError("network", `${what}: could not send: ${err.message}`)));
    });
  }

  private settle(p: Pending, error?: Error): void {
    if (!this.pending.delete(p)) return;
    clearTimeout(p.timer);
    for (const id of p.ids) this.byRequest.delete(id);
    if (error) p.reject(error);
    else p.resolve(p.got);
  }

  private onMessage(text: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return; // not ours to answer; the requests it might have answered will time out
    }
    const n = parsed as { method?: unknown; params?: { subscription?: unknown; result?: unknown } };
    if (!Array.isArray(parsed) && n.method === "subscription" && typeof n.params?.subscription === "string") {
      this.subs.get(n.params.subscription)?.(n.params.result);
      return;
    }
    let answers: Map<number, unknown>;
    try {
      answers = byId(parsed, "server");
    } catch {
      return; // an error with id null (message too large): it cannot be tied to a request, which will time out
    }
    for (const [id, answer] of answers) {
      const p = this.byRequest.get(id);
      if (!p) continue;
      p.got.set(id, answer);
      if (p.ids.every((i) => p.got.has(i))) this.settle(p);
    }
  }

  private fail(why: string): void {
    this.closedBecause ??= why;
    for (const p of [...this.pending]) this.settle(p, new TransportError("closed", `${why}`));
    this.subs.clear();
  }

  async subscribe(method: string, params: unknown[], onResult: (result: unknown) => void): Promise<string> {
    const id = await this.request(method, params);
    if (typeof id !== "string") throw new TransportError("protocol", `${method}: expected a subscription id, got ${JSON.stringify(id)}`);
    this.subs.set(id, onResult);
    return id;
  }

  async unsubscribe(id: string): Promise<boolean> {
    this.subs.delete(id);
    if (this.closedBecause) return false;
    return (await this.request("unsubscribe", [id])) === true;
  }

  close(): Promise<void> {
    this.fail("the client closed the connection");
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once("close", () => resolve());
      this.ws.close(1000);
    });
  }
}
