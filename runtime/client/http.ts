// JSON-RPC over HTTP POST with fetch (global in Node 20). Each exchange is
// one request; a keep-alive pool underneath is fetch's business.
import { TransportError } from "./errors.ts";
import { JsonRpcTransport, byId, type RequestObject, type TransportOptions } from "./transport.ts";

export class HttpTransport extends JsonRpcTransport {
  readonly kind = "http";
  private closed = false;

  constructor(
    readonly url: string,
    opts: TransportOptions = {},
  ) {
    super(opts, true);
  }

  protected async exchange(payload: RequestObject | RequestObject[], _ids: number[]): Promise<Map<number, unknown>> {
    const what = Array.isArray(payload) ? `batch of ${payload.length}` : payload.method;
    if (this.closed) throw new TransportError("closed", `${what}: the client is closed`);
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === "TimeoutError" || name === "AbortError") throw new TransportError("timeout", `${what}: no answer from ${this.url} within ${this.timeoutMs} ms`);
      throw new TransportError("network", `${what}: cannot reach ${this.url}: ${(e as { cause?: Error }).cause?.message ?? (e as Error).message}`);
    }
    const text = await res.text().catch(() => "");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // 413, 400 and friends come with a JSON-RPC error body from a Weft node; anything else is only a status.
      const kind = res.ok ? "protocol" : "http";
      throw new TransportError(kind, `${what}: HTTP ${res.status} ${res.statusText}${res.ok ? " with a body that is not JSON" : ""}`, res.status);
    }
    return byId(parsed, what);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
