// Test helpers that talk to the RPC server at the wire level (raw HTTP
// bodies and raw WebSocket messages), so tests see exactly what a client
// would, plus a compiled contract to deploy.
import { request } from "node:http";
import { WebSocket } from "ws";
import { expect } from "vitest";
import { compile } from "../../compiler/index.ts";
import type { Abi } from "../../vm/abi/types.ts";

export interface HttpAnswer {
  status: number;
  body: string;
  json: unknown;
}

/** POSTs raw bytes (or sends only headers, with `declaredLength`), with node:http so nothing is normalised. */
export function post(url: string, body: string | Buffer, opts: { method?: string; path?: string; declaredLength?: number } = {}): Promise<HttpAnswer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": "application/json" };
    if (opts.declaredLength !== undefined) headers["content-length"] = opts.declaredLength;
    const req = request({ host: u.hostname, port: u.port, path: opts.path ?? "/", method: opts.method ?? "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body: text, json });
      });
    });
    req.on("error", reject);
    if (opts.declaredLength !== undefined) req.flushHeaders();
    else req.end(body);
  });
}

/** A JSON-RPC request object as text. */
export function rpc(method: string, params: unknown[] = [], id: number | string = 1): string {
  return JSON.stringify({ jsonrpc: "2.0", id, method, params });
}

/** Checks `x` is a JSON-RPC error response and returns its error. */
export function expectError(x: unknown, code?: number): { code: number; message: string; data?: { code?: string } } {
  const r = x as { jsonrpc?: unknown; id?: unknown; error?: { code: number; message: string; data?: { code?: string } }; result?: unknown };
  expect(r.jsonrpc, JSON.stringify(x)).toBe("2.0");
  expect("result" in r, JSON.stringify(x)).toBe(false);
  expect(["string", "number"].includes(typeof r.id) || r.id === null).toBe(true);
  expect(Number.isInteger(r.error?.code), JSON.stringify(x)).toBe(true);
  expect(typeof r.error?.message).toBe("string");
  if (code !== undefined) expect(r.error!.code, JSON.stringify(x)).toBe(code);
  return r.error!;
}

/** A WebSocket with an inbox: `next()` waits for the next message (parsed). */
export class WsProbe {
  private readonly inbox: unknown[] = [];
  private readonly waiting: ((m: unknown) => void)[] = [];
  closed: { code: number } | null = null;
  private readonly closing: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (d) => {
      let m: unknown;
      try {
        m = JSON.parse(d.toString());
      } catch {
        m = { unparsable: d.toString() };
      }
      const w = this.waiting.shift();
      if (w) w(m);
      else this.inbox.push(m);
    });
    this.closing = new Promise((resolve) => ws.on("close", (code) => resolve((this.closed = { code }).code)));
    ws.on("error", () => {});
  }

  static open(url: string): Promise<WsProbe> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once("open", () => resolve(new WsProbe(ws)));
      ws.once("error", reject);
    });
  }

  send(text: string | Buffer): void {
    this.ws.send(text);
  }

  next(): Promise<unknown> {
    const m = this.inbox.shift();
    if (m !== undefined) return Promise.resolve(m);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async ask(text: string): Promise<unknown> {
    this.send(text);
    return this.next();
  }

  close(): void {
    this.ws.close();
  }

  /** Resolves with the close code once the socket is closed (by either side). */
  whenClosed(): Promise<number> {
    return this.closing;
  }
}

const counterSource = `
contract Counter {
    state n: u64;
    event Bumped(indexed by: address, n: u64);
    error TooBig(n: u64);
    init(start: u64) { self.n = start; }
    pub fn bump() -> u64 { self.n += 1; emit Bumped(msg.sender, self.n); return self.n; }
    pub fn check(x: u64) -> u64 { require(x < 10, TooBig(x)); return x; }
    pub view fn get() -> u64 { return self.n; }
    pub view fn caller() -> address { return msg.sender; }
}`;

let counter: { wasm: Uint8Array; abi: Abi } | undefined;

/** A small contract with an event and a typed error, compiled once per test file. */
export function counterArtifact(): { wasm: Uint8Array; abi: Abi } {
  if (counter) return counter;
  const r = compile({ sources: { "counter.weft": counterSource }, crypto: "keccak", contracts: ["Counter"] });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const c = r.contracts.find((x) => x.name === "Counter")!;
  counter = { wasm: c.wasm, abi: c.abi as unknown as Abi };
  return counter;
}
