// runtime/rpc: the node's JSON-RPC 2.0 server (HTTP and WebSocket); methods in docs/rpc.md.
export { startRpcServer, DEFAULT_LIMITS, type RpcServer, type RpcServerOptions, type RpcLimits } from "./server.ts";
export { dispatch, type DispatchOptions } from "./dispatch.ts";
export { METHOD_NAMES, type CallContext } from "./methods.ts";
export {
  RpcError,
  PARSE_ERROR,
  INVALID_REQUEST,
  METHOD_NOT_FOUND,
  INVALID_PARAMS,
  INTERNAL_ERROR,
  CHAIN_ERROR,
  RECEIPT_TIMEOUT,
  LIMIT_EXCEEDED,
  type RpcErrorObject,
} from "./errors.ts";
export { parseEventFilter, type EventFilter } from "./subscriptions.ts";
