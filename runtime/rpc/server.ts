// The JSON-RPC server: HTTP (POST /) and WebSocket (upgrade on /) on one
// port. node:http does the HTTP; the `ws` package does WebSocket, as Node 20
// has a WebSocket client but no server. Limits keep one client from taking
// the node down: body and message sizes, batch length, connections,
// subscriptions, requests in flight and unread notifications per socket.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import type { NodeApi } from "../node/api.ts";
import { dispatch, type DispatchOptions } from "./dispatch.ts";
import { INVALID_REQUEST, LIMIT_EXCEEDED } from "./errors.ts";
import type { CallContext } from "./methods.ts";
import { SubscriptionHub, type Subscriber } from "./subscriptions.ts";

export interface RpcLimits {
  /** Largest HTTP request body, in bytes (default 1 MiB). */
  maxBodyBytes: number;
  /** Most requests in one batch (default 100). */
  maxBatch: number;
  /** Largest WebSocket message, in bytes (default 1 MiB). */
  maxWsMessageBytes: number;
  /** Most open TCP connections, HTTP and WebSocket together (default 512). */
  maxConnections: number;
  /** Most open WebSocket connections (default 128); more are refused with HTTP 503. */
  maxWsConnections: number;
  /** Most live subscriptions per WebSocket connection (default 64). */
  maxSubscriptionsPerConnection: number;
  /** Most requests (messages) a WebSocket connection may have unanswered at once (default 256). */
  maxInFlightPerConnection: number;
  /** Bytes queued to a WebSocket client that does not read; past this it is disconnected (default 16 MiB). */
  maxWsBufferedBytes: number;
}

export const DEFAULT_LIMITS: Readonly<RpcLimits> = {
  maxBodyBytes: 1024 * 1024,
  maxBatch: 100,
  maxWsMessageBytes: 1024 * 1024,
  maxConnections: 512,
  maxWsConnections: 128,
  maxSubscriptionsPerConnection: 64,
  maxInFlightPerConnection: 256,
  maxWsBufferedBytes: 16 * 1024 * 1024,
};

export interface RpcServerOptions {
  /** Default 127.0.0.1: a node is not open to the network unless asked. */
  host?: string;
  /** Default 20200 (FISCO BCOS's RPC port); 0 picks a free port. */
  port?: number;
  limits?: Partial<RpcLimits>;
  /** How long sendTransaction waits for the receipt (default 30 s). */
  receiptTimeoutMs?: number;
  /** Errors that are not a client's fault (bugs, failing disks); default: written to stderr. */
  onError?: (e: unknown) => void;
}

export interface RpcServer {
  /** http://host:port/ */
  url: string;
  /** ws://host:port/ */
  wsUrl: string;
  close(): Promise<void>;
}

/** Bodies this much over the limit are read and thrown away, so the client still gets its 413; beyond, the socket is cut. */
const DRAIN_FACTOR = 4;

function errorBody(code: number, message: string): string {
  return JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message } });
}

function reply(res: ServerResponse, status: number, body: string | null, close = false): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = body === null ? {} : { "content-type": "application/json" };
  if (close) headers.connection = "close";
  res.writeHead(status, headers);
  res.end(body ?? undefined);
}

export async function startRpcServer(node: NodeApi, opts: RpcServerOptions = {}): Promise<RpcServer> {
  const limits: RpcLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const report = opts.onError ?? ((e: unknown) => process.stderr.write(`weft rpc: internal error: ${e instanceof Error ? e.stack : String(e)}\n`));
  const onInternal = (e: unknown) => {
    try {
      report(e);
    } catch {
      // a failing logger must not take a request down with it
    }
  };
  const dispatchOpts: DispatchOptions = { maxBatch: limits.maxBatch, onInternal };
  const hub = new SubscriptionHub(node, limits.maxSubscriptionsPerConnection, onInternal);
  const httpCtx: CallContext = { node, receiptTimeoutMs: opts.receiptTimeoutMs ?? 30_000 };
  const busy = { code: LIMIT_EXCEEDED, message: `more than ${limits.maxInFlightPerConnection} requests in flight on this connection; wait for answers` };
  const tooLarge = errorBody(INVALID_REQUEST, `request body larger than ${limits.maxBodyBytes} bytes`);

  function onHttp(req: IncomingMessage, res: ServerResponse): void {
    req.on("error", () => {}); // a client that hangs up mid-body is not an error of ours
    res.on("error", () => {});
    if ((req.url ?? "/").split("?")[0] !== "/") return reply(res, 404, errorBody(INVALID_REQUEST, "JSON-RPC is served at /"));
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return reply(res, 405, errorBody(INVALID_REQUEST, "JSON-RPC over HTTP takes POST requests"));
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limits.maxBodyBytes * DRAIN_FACTOR) {
      reply(res, 413, tooLarge, true);
      res.on("finish", () => req.socket.destroy());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limits.maxBodyBytes) chunks.push(chunk);
      else if (size > limits.maxBodyBytes * DRAIN_FACTOR && !res.headersSent) {
        reply(res, 413, tooLarge, true);
        res.on("finish", () => req.socket.destroy());
      }
    });
    req.on("end", () => {
      if (size > limits.maxBodyBytes) return reply(res, 413, tooLarge, true);
      dispatch(Buffer.concat(chunks).toString("utf8"), httpCtx, dispatchOpts).then(
        (out) => reply(res, out === null ? 204 : 200, out),
        (e) => {
          onInternal(e);
          reply(res, 500, errorBody(-32603, "internal error"));
        },
      );
    });
  }

  const server = createServer(onHttp);
  server.maxConnections = limits.maxConnections;
  server.requestTimeout = 30_000; // a body trickled in slowly must not hold a connection forever
  server.headersTimeout = 10_000;
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });

  // ws enforces the hard cap itself (closing with 1009); messages between the limit and the cap get a JSON-RPC error.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxWsMessageBytes * DRAIN_FACTOR, perMessageDeflate: false });
  wss.on("error", onInternal);
  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => {});
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    if ((req.url ?? "/").split("?")[0] !== "/") return refuse("404 Not Found");
    if (wss.clients.size >= limits.maxWsConnections) return refuse("503 Service Unavailable");
    wss.handleUpgrade(req, socket, head, (ws) => onWebSocket(ws));
  });

  function onWebSocket(ws: WebSocket): void {
    ws.on("error", () => {}); // bad frames: ws closes the socket itself (1002/1007/1009)
    const subscriber: Subscriber = {
      send(text) {
        if (ws.readyState !== WebSocket.OPEN) return;
        // A client that does not read its notifications would make us buffer without end.
        if (ws.bufferedAmount > limits.maxWsBufferedBytes) return ws.terminate();
        ws.send(text);
      },
    };
    const ctx: CallContext = { ...httpCtx, subscriber, hub };
    let inFlight = 0;
    ws.on("message", (data: RawData) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (bytes.length > limits.maxWsMessageBytes) return subscriber.send(errorBody(INVALID_REQUEST, `message larger than ${limits.maxWsMessageBytes} bytes`));
      // Over the in-flight limit the message is still parsed, so that each request gets its refusal under its own id.
      const refuse = inFlight >= limits.maxInFlightPerConnection ? busy : undefined;
      inFlight++;
      dispatch(bytes.toString("utf8"), ctx, dispatchOpts, refuse)
        .then((out) => out !== null && subscriber.send(out), onInternal)
        .finally(() => inFlight--);
    });
    ws.on("close", () => hub.drop(subscriber));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 20200, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", onInternal);
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${addr.port}/`,
    wsUrl: `ws://${host}:${addr.port}/`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        hub.close();
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
