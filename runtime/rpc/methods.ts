// The methods the server answers, with FISCO BCOS 3.x's names and parameter
// order (groupID, nodeName, …) where FISCO has the method, and a few Weft
// additions (sendRawTransaction, proofs, subscriptions). docs/rpc.md
// documents each one. This node serves one group: groupID must be its own;
// nodeName is accepted (any string) and ignored, as there is one node.
import type { BlockJson, NodeApi, ReceiptJson } from "../node/api.ts";
import { METHOD_NOT_FOUND, RECEIPT_TIMEOUT, RpcError, invalidParams } from "./errors.ts";
import { Params } from "./params.ts";
import { parseEventFilter, type Subscriber, type SubscriptionHub } from "./subscriptions.ts";
import { ChainError } from "../chain/errors.ts";

export interface CallContext {
  node: NodeApi;
  /** How long sendTransaction waits for the receipt. */
  receiptTimeoutMs: number;
  /** Set on WebSocket connections only: subscriptions need a connection to push to. */
  subscriber?: Subscriber;
  hub?: SubscriptionHub;
}

interface Method {
  /** Parameter names, in order; the first `required` must be present. */
  params: readonly string[];
  required: number;
  run(p: Params, ctx: CallContext): unknown;
}

const G = ["groupID", "nodeName"] as const;

/** groupID (checked) and the optional nodeName (a string if given). */
function groupAndNode(p: Params, node: NodeApi): void {
  p.group(0, node.groupId);
  if (p.has(1)) p.str(1);
}

/**
 * Proofs come from the store as binary structures (NodeApi types them
 * `unknown`): bytes become 0x-hex, bigints decimal text, undefined null, so
 * that they read the same as every other result.
 */
export function jsonReady(v: unknown, depth = 0): unknown {
  if (depth > 64) throw new Error("proof nested deeper than 64 levels");
  if (v instanceof Uint8Array) return "0x" + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex");
  if (typeof v === "bigint") return v.toString();
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => jsonReady(x, depth + 1));
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonReady(x, depth + 1)]));
  return v;
}

function withProof(node: NodeApi, r: ReceiptJson | null, hash: string, requireProof: boolean): Promise<unknown> | ReceiptJson | null {
  if (!r || !requireProof || !node.getReceiptProof) return r;
  return node.getReceiptProof(hash).then((proof) => ({ ...r, receiptProof: jsonReady(proof) }));
}

function shapeBlock(b: BlockJson | null, onlyHeader: boolean): unknown {
  if (!b || !onlyHeader) return b;
  const { transactions: _omit, ...header } = b;
  return header;
}

function subscriptionsOf(ctx: CallContext, method: string): { hub: SubscriptionHub; owner: Subscriber } {
  if (!ctx.hub || !ctx.subscriber) throw new RpcError(METHOD_NOT_FOUND, `${method} needs a WebSocket connection (subscriptions cannot be pushed over HTTP)`);
  return { hub: ctx.hub, owner: ctx.subscriber };
}

async function sendAndWait(p: Params, ctx: CallContext): Promise<unknown> {
  const hash = await ctx.node.sendTransaction(p.bytes(2));
  let receipt: ReceiptJson;
  try {
    receipt = await ctx.node.waitForReceipt(hash, ctx.receiptTimeoutMs);
  } catch (e) {
    // NODE_STOPPED and the like are the node's to report; a wait that ran out (the node says NOT_FOUND) is not an error of the transaction.
    if (e instanceof ChainError && e.code !== "NOT_FOUND") throw e;
    // The transaction is in the pool and may still be committed: say so, with its hash.
    throw new RpcError(RECEIPT_TIMEOUT, `no receipt for ${hash} within ${ctx.receiptTimeoutMs} ms; it may still be committed (getTransactionReceipt)`, { transactionHash: hash });
  }
  return withProof(ctx.node, receipt, hash, p.bool(3, false));
}

const table: Record<string, Method> = {
  call: {
    params: [...G, "to", "data", "from"],
    required: 4,
    run: (p, { node }) => {
      groupAndNode(p, node);
      return node.call(p.name(2), p.bytes(3), p.has(4) ? p.name(4) : undefined);
    },
  },
  sendTransaction: {
    params: [...G, "data", "requireProof"],
    required: 3,
    run: (p, ctx) => {
      groupAndNode(p, ctx.node);
      return sendAndWait(p, ctx);
    },
  },
  sendRawTransaction: {
    params: [...G, "data"],
    required: 3,
    run: (p, { node }) => {
      groupAndNode(p, node);
      return node.sendTransaction(p.bytes(2));
    },
  },
  getTransaction: {
    params: [...G, "txHash", "requireProof"],
    required: 3,
    run: (p, { node }) => {
      groupAndNode(p, node);
      p.bool(3, false); // accepted for FISCO compatibility; the node has no transaction proofs
      return node.getTransaction(p.hash(2));
    },
  },
  getTransactionReceipt: {
    params: [...G, "txHash", "requireProof"],
    required: 3,
    run: async (p, { node }) => {
      groupAndNode(p, node);
      const hash = p.hash(2);
      const requireProof = p.bool(3, false);
      return withProof(node, await node.getTransactionReceipt(hash), hash, requireProof);
    },
  },
  getBlockByHash: {
    params: [...G, "blockHash", "onlyHeader", "onlyTxHash"],
    required: 3,
    run: async (p, { node }) => {
      groupAndNode(p, node);
      const [hash, onlyHeader, onlyTxHash] = [p.hash(2), p.bool(3, false), p.bool(4, false)];
      return shapeBlock(await node.getBlockByHash(hash, !onlyHeader && !onlyTxHash), onlyHeader);
    },
  },
  getBlockByNumber: {
    params: [...G, "blockNumber", "onlyHeader", "onlyTxHash"],
    required: 3,
    run: async (p, { node }) => {
      groupAndNode(p, node);
      const [n, onlyHeader, onlyTxHash] = [p.blockNumber(2), p.bool(3, false), p.bool(4, false)];
      return shapeBlock(await node.getBlockByNumber(n, !onlyHeader && !onlyTxHash), onlyHeader);
    },
  },
  getBlockHashByNumber: {
    params: [...G, "blockNumber"],
    required: 3,
    run: async (p, { node }) => {
      groupAndNode(p, node);
      return (await node.getBlockByNumber(p.blockNumber(2), false))?.hash ?? null;
    },
  },
  getBlockNumber: { params: G, required: 1, run: (p, { node }) => (groupAndNode(p, node), node.getBlockNumber()) },
  getCode: {
    params: [...G, "contractAddress"],
    required: 3,
    run: (p, { node }) => (groupAndNode(p, node), node.getCode(p.name(2))),
  },
  getABI: {
    params: [...G, "contractAddress"],
    required: 3,
    run: (p, { node }) => (groupAndNode(p, node), node.getABI(p.name(2))),
  },
  getSealerList: { params: G, required: 1, run: (p, { node }) => (groupAndNode(p, node), node.getSealerList()) },
  // One node, no observers; the method exists so FISCO tools that ask get an answer.
  getObserverList: { params: G, required: 1, run: (p, { node }) => (groupAndNode(p, node), []) },
  getPendingTxSize: { params: G, required: 1, run: (p, { node }) => (groupAndNode(p, node), node.getPendingTxSize()) },
  getSystemConfigByKey: {
    params: [...G, "keyValue"],
    required: 3,
    run: (p, { node }) => (groupAndNode(p, node), node.getSystemConfigByKey(p.name(2, 256))),
  },
  getTotalTransactionCount: { params: G, required: 1, run: (p, { node }) => (groupAndNode(p, node), node.getTotalTransactionCount()) },
  getGroupInfo: { params: ["groupID"], required: 1, run: (p, { node }) => (p.group(0, node.groupId), node.getGroupInfo()) },
  getGroupList: { params: [], required: 0, run: (_p, { node }) => ({ code: 0, msg: "success", groupList: [node.groupId] }) },
  getGroupInfoList: { params: [], required: 0, run: (_p, { node }) => [node.getGroupInfo()] },
  getGroupBlockNumber: { params: [], required: 0, run: (_p, { node }) => [{ [node.groupId]: node.getBlockNumber() }] },
  getReceiptProof: {
    params: [...G, "txHash"],
    required: 3,
    run: (p, { node }) => {
      groupAndNode(p, node);
      if (!node.getReceiptProof) throw new RpcError(METHOD_NOT_FOUND, "this node does not give receipt proofs");
      return node.getReceiptProof(p.hash(2)).then(jsonReady);
    },
  },
  getStorageProof: {
    params: [...G, "contractAddress", "key"],
    required: 4,
    run: (p, { node }) => {
      groupAndNode(p, node);
      if (!node.getStorageProof) throw new RpcError(METHOD_NOT_FOUND, "this node does not give storage proofs");
      return node.getStorageProof(p.name(2), p.hexText(3)).then(jsonReady);
    },
  },
  subscribeBlocks: {
    params: ["groupID"],
    required: 1,
    run: (p, ctx) => {
      p.group(0, ctx.node.groupId);
      const { hub, owner } = subscriptionsOf(ctx, "subscribeBlocks");
      return hub.subscribe(owner, "blocks");
    },
  },
  subscribeEvents: {
    params: ["groupID", "filter"],
    required: 1,
    run: (p, ctx) => {
      p.group(0, ctx.node.groupId);
      const filter = parseEventFilter(p.has(1) ? p.object(1) : {});
      const { hub, owner } = subscriptionsOf(ctx, "subscribeEvents");
      return hub.subscribe(owner, "events", filter);
    },
  },
  unsubscribe: {
    params: ["subscriptionID"],
    required: 1,
    run: (p, ctx) => {
      const id = p.name(0, 64);
      const { hub, owner } = subscriptionsOf(ctx, "unsubscribe");
      return hub.unsubscribe(owner, id);
    },
  },
};

/** A Map, not the object: a method called "constructor" or "__proto__" must not find Object.prototype. */
const methods = new Map<string, Method>(Object.entries(table));

export const METHOD_NAMES: readonly string[] = [...methods.keys()];

/** Runs one method; every failure is thrown as RpcError or ChainError (or is a bug). */
export async function invoke(method: string, params: unknown, ctx: CallContext): Promise<unknown> {
  const m = methods.get(method);
  if (!m) throw new RpcError(METHOD_NOT_FOUND, `no method ${JSON.stringify(method.length > 64 ? method.slice(0, 64) + "…" : method)}`);
  if (params !== undefined && !Array.isArray(params)) throw invalidParams(`${method}: params must be an array (positional, in FISCO BCOS's order: ${m.params.join(", ")})`);
  const result = await m.run(new Params(method, params ?? [], m.params, m.required), ctx);
  // undefined would drop the "result" member from the response and make it malformed.
  return result === undefined ? null : result;
}
