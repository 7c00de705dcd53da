// The bench's own JSON-RPC plumbing, the same for every node it drives: HTTP
// POSTs of prebuilt bodies over a few keep-alive connections (so the client
// does as little as it can while timed), and one WebSocket for notifications.
import http from "node:http";
import { WebSocket } from "ws";

export interface Answer {
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

let nextId = 1;

/** A request object with a fresh id. */
export function request(method: string, params: unknown[]): { jsonrpc: "2.0"; id: number; method: string; params: unknown[] } {
  return { jsonrpc: "2.0", id: nextId++, method, params };
}

function describe(e: Answer["error"]): string {
  return `${e!.message} (${e!.code}${e!.data ? ` ${JSON.stringify(e!.data)}` : ""})`;
}

export class HttpRpc {
  private readonly agent: http.Agent;
  private readonly target: URL;

  constructor(url: string, connections: number) {
    this.target = new URL(url);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  /** POSTs a JSON body; resolves with the answer's text. */
  post(body: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.target.hostname, port: this.target.port, path: this.target.pathname, method: "POST", agent: this.agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString("utf8").slice(0, 300)}`))));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Answers of a batch in the order asked; throws on the first error when `strict`. */
  async batch(calls: [string, unknown[]][], strict = true): Promise<Answer[]> {
    const reqs = calls.map(([m, p]) => request(m, p));
    const got = JSON.parse(await this.post(JSON.stringify(reqs))) as Answer[] | Answer;
    if (!Array.isArray(got)) throw new Error(`batch answered with one object: ${describe(got.error)}`);
    const byId = new Map(got.map((a) => [a.id, a]));
    const out = reqs.map((r) => byId.get(r.id) ?? { id: r.id, error: { code: 0, message: "no answer" } });
    if (strict) for (const [i, a] of out.entries()) if (a.error) throw new Error(`${calls[i]![0]}: ${describe(a.error)}`);
    return out;
  }

  /** Many calls, in batches of `size`, `parallel` batches at a time; results in order. */
  async many(calls: [string, unknown[]][], size = 100, parallel = 4): Promise<unknown[]> {
    const out: unknown[] = new Array(calls.length);
    let next = 0;
    const worker = async () => {
      for (let at = next; at < calls.length; at = next) {
        next += size;
        const answers = await this.batch(calls.slice(at, at + size));
        answers.forEach((a, i) => (out[at + i] = a.result));
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return out;
  }

  async call<T>(method: string, params: unknown[]): Promise<T> {
    return (await this.batch([[method, params]]))[0]!.result as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Checks an answer to a prebuilt batch: the first error's text, or null if every request got a result. */
export function firstError(text: string): string | null {
  const got = JSON.parse(text) as Answer[] | Answer;
  for (const a of Array.isArray(got) ? got : [got]) if (a.error || !("result" in a)) return a.error ? describe(a.error) : "an answer without result";
  return null;
}

/** One WebSocket: requests answered by id, notifications to `onNotify` (method, params). */
export class WsRpc {
  private readonly waiting = new Map<number, (a: Answer) => void>();

  private constructor(
    private readonly ws: WebSocket,
    private readonly onNotify: (method: string, params: unknown) => void,
  ) {
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString()) as Answer & { method?: string; params?: unknown };
      if (msg.method !== undefined) return this.onNotify(msg.method, msg.params);
      this.waiting.get(msg.id)?.(msg);
      this.waiting.delete(msg.id);
    });
  }

  static connect(url: string, onNotify: (method: string, params: unknown) => void): Promise<WsRpc> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { maxPayload: 256 * 1024 * 1024 });
      ws.once("open", () => resolve(new WsRpc(ws, onNotify)));
      ws.once("error", reject);
    });
  }

  call<T>(method: string, params: unknown[]): Promise<T> {
    const r = request(method, params);
    return new Promise((resolve, reject) => {
      this.waiting.set(r.id, (a) => (a.error ? reject(new Error(`${method}: ${describe(a.error)}`)) : resolve(a.result as T)));
      this.ws.send(JSON.stringify(r));
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
