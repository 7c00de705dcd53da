// JSON-RPC 2.0 framing, the same for HTTP and WebSocket: text in, text out
// (or nothing, for notifications). Everything a client sends is checked here
// before a method sees it, and nothing it sends can make this throw: every
// failure becomes an error response (spec: https://www.jsonrpc.org/specification).
import { INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR, toErrorObject, type RpcErrorObject } from "./errors.ts";
import { invoke, type CallContext } from "./methods.ts";

export interface DispatchOptions {
  /** Most requests in one batch. */
  maxBatch: number;
  /** Sees errors that are not the client's fault (bugs, failing disks). */
  onInternal(e: unknown): void;
}

type Id = string | number | null;

interface Response {
  jsonrpc: "2.0";
  id: Id;
  result?: unknown;
  error?: RpcErrorObject;
}

function errorResponse(id: Id, code: number, message: string): Response {
  return { jsonrpc: "2.0", id, error: { code, message } };
}

function isId(v: unknown): v is Id {
  return v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

/** One request object → its response, or null for a notification. */
async function handleOne(raw: unknown, ctx: CallContext, opts: DispatchOptions, refuse?: RpcErrorObject): Promise<Response | null> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return errorResponse(null, INVALID_REQUEST, "a request must be a JSON object");
  const req = raw as Record<string, unknown>;
  const hasId = Object.prototype.hasOwnProperty.call(req, "id");
  if (hasId && !isId(req.id)) return errorResponse(null, INVALID_REQUEST, "id must be a string, a number or null");
  const id: Id = hasId ? (req.id as Id) : null;
  if (req.jsonrpc !== "2.0") return errorResponse(id, INVALID_REQUEST, 'jsonrpc must be "2.0"');
  if (typeof req.method !== "string" || req.method.length === 0) return errorResponse(id, INVALID_REQUEST, "method must be a non-empty string");
  if (req.params !== undefined && (typeof req.params !== "object" || req.params === null)) {
    return errorResponse(id, INVALID_REQUEST, "params must be an array (or omitted)");
  }
  if (refuse) return hasId ? { jsonrpc: "2.0", id, error: refuse } : null;
  try {
    const result = await invoke(req.method, req.params, ctx);
    return hasId ? { jsonrpc: "2.0", id, result } : null;
  } catch (e) {
    const error = toErrorObject(e, opts.onInternal);
    return hasId ? { jsonrpc: "2.0", id, error } : null;
  }
}

/** A response as text; a result that cannot be written as JSON is a bug, reported as an internal error. */
function serialize(r: Response, opts: DispatchOptions): string {
  try {
    return JSON.stringify(r);
  } catch (e) {
    opts.onInternal(e);
    return JSON.stringify(errorResponse(r.id, INTERNAL_ERROR, "internal error"));
  }
}

/**
 * Request text → response text, or null when there is nothing to send
 * (notifications only). With `refuse`, well-formed requests get that error
 * instead of running (a limit was hit), each under its own id.
 */
export async function dispatch(text: string, ctx: CallContext, opts: DispatchOptions, refuse?: RpcErrorObject): Promise<string | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // SyntaxError, or RangeError for nesting deeper than the parser's stack.
    return serialize(errorResponse(null, PARSE_ERROR, "parse error: the request is not valid JSON"), opts);
  }
  if (!Array.isArray(parsed)) {
    const r = await handleOne(parsed, ctx, opts, refuse);
    return r && serialize(r, opts);
  }
  if (parsed.length === 0) return serialize(errorResponse(null, INVALID_REQUEST, "empty batch"), opts);
  if (parsed.length > opts.maxBatch) {
    return serialize(errorResponse(null, INVALID_REQUEST, `batch of ${parsed.length} requests; at most ${opts.maxBatch} are allowed`), opts);
  }
  const responses = (await Promise.all(parsed.map((r) => handleOne(r, ctx, opts, refuse)))).filter((r): r is Response => r !== null);
  return responses.length === 0 ? null : `[${responses.map((r) => serialize(r, opts)).join(",")}]`;
}
