// The JSON-RPC server over a real HTTP/WebSocket port, against the in-test
// node (rpc-fixture.ts): FISCO's methods and parameter order, the group
// check, JSON-RPC framing and batches, error mapping, limits, subscriptions.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRpcServer, type RpcServer } from "../../runtime/rpc/index.ts";
import { ChainError } from "../../runtime/chain/errors.ts";
import { makeSigner, signTx, txData } from "../../runtime/client/tx.ts";
import { abi as vmAbi } from "../../vm/index.ts";
import { FakeNode, testSuite } from "./rpc-fixture.ts";
import { counterArtifact, expectError, post, rpc, WsProbe } from "./rpc-wire.ts";

const G = ["group0", ""];
const alice = makeSigner(testSuite, testSuite.generateKeyPair().privateKey);

function signed(node: FakeNode, to: string, input: Uint8Array, abi = "") {
  return signTx(txData({ chainID: node.chainId, groupID: node.groupId }, node.getBlockNumber(), { to, input, abi }), alice);
}
const hexOf = (b: Uint8Array) => "0x" + Buffer.from(b).toString("hex");

describe("JSON-RPC server", () => {
  let node: FakeNode;
  let server: RpcServer;
  const internal: unknown[] = [];
  const { wasm, abi } = counterArtifact();

  async function ask(method: string, params: unknown[] = []): Promise<unknown> {
    return (await post(server.url, rpc(method, params))).json;
  }
  async function result(method: string, params: unknown[] = []): Promise<any> {
    const r = (await ask(method, params)) as { result?: unknown; error?: unknown };
    expect(r.error, JSON.stringify(r.error)).toBeUndefined();
    return r.result;
  }

  beforeAll(async () => {
    node = new FakeNode();
    server = await startRpcServer(node, {
      port: 0,
      limits: { maxBodyBytes: 64 * 1024, maxBatch: 10, maxWsMessageBytes: 64 * 1024, maxWsConnections: 4, maxSubscriptionsPerConnection: 3, maxInFlightPerConnection: 2 },
      receiptTimeoutMs: 2_000,
      onError: (e) => internal.push(e),
    });
    const deploy = signed(node, "/apps/counter", vmAbi.encodeDeployInput(wasm, vmAbi.encodeConstructorArgs(abi, [5n])), JSON.stringify(abi));
    const receipt = await result("sendTransaction", [...G, hexOf(deploy.raw), false]);
    expect(receipt).toMatchObject({ status: 0, contractAddress: "/apps/counter", transactionHash: deploy.hash, from: alice.address });
  });
  afterAll(() => server.close());

  it("serves FISCO's query methods with (groupID, nodeName, …) and checks the group", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await result("getBlockNumber", G)).toBe(node.getBlockNumber());
    expect(await result("getBlockNumber", ["group0"])).toBe(node.getBlockNumber()); // nodeName may be left out
    expect(await result("getGroupInfo", ["group0"])).toEqual(node.getGroupInfo());
    expect(await result("getGroupList")).toEqual({ code: 0, msg: "success", groupList: ["group0"] });
    expect(await result("getGroupInfoList")).toEqual([node.getGroupInfo()]);
    expect(await result("getGroupBlockNumber")).toEqual([{ group0: node.getBlockNumber() }]);
    expect(await result("getSystemConfigByKey", [...G, "tx_gas_limit"])).toEqual({ value: "3000000000", blockNumber: 0 });
    expect(await result("getSystemConfigByKey", [...G, "no_such_key"])).toBeNull();
    expect(await result("getTotalTransactionCount", G)).toEqual(node.getTotalTransactionCount());
    expect(await result("getSealerList", G)).toEqual(node.getSealerList());
    expect(await result("getObserverList", G)).toEqual([]);
    expect(await result("getPendingTxSize", G)).toBe(0);
    expect(await result("getCode", [...G, "/apps/counter"])).toMatch(/^0x0061736d/); // "\0asm"
    expect(JSON.parse(await result("getABI", [...G, "/apps/counter"]))).toEqual(abi);
    expect(await result("getCode", [...G, "/apps/none"])).toBeNull();

    const wrong = expectError(await ask("getBlockNumber", ["group1", ""]), -32602);
    expect(wrong.data).toEqual({ code: "WRONG_GROUP" });
    expect(expectError(await ask("getGroupInfo", [7]), -32602).message).toMatch(/groupID.*string/);
  });

  it("sends transactions: sendTransaction waits for the receipt, sendRawTransaction returns the hash", async () => {
    const tx = signed(node, "/apps/counter", vmAbi.encodeCall(vmAbi.findFunction(abi, "bump"), [], "keccak"));
    expect(await result("sendRawTransaction", [...G, hexOf(tx.raw)])).toBe(tx.hash);
    const receipt = await result("getTransactionReceipt", [...G, tx.hash, false]).then(async (r) => r ?? (await node.waitForReceipt(tx.hash, 1000)));
    expect(receipt).toMatchObject({ status: 0, transactionHash: tx.hash, to: "/apps/counter" });
    expect(receipt.logEntries).toHaveLength(1);
    const t = await result("getTransaction", [...G, tx.hash.toUpperCase().replace("0X", "0x"), true]);
    expect(t).toMatchObject({ hash: tx.hash, from: alice.address, nonce: tx.data.nonce, blockNumber: receipt.blockNumber });

    const full = await result("getBlockByNumber", [...G, receipt.blockNumber, false, false]);
    expect(full.transactions[0]).toMatchObject({ hash: tx.hash });
    const hashes = await result("getBlockByNumber", [...G, String(receipt.blockNumber), false, true]);
    expect(hashes.transactions).toEqual([tx.hash]);
    const header = await result("getBlockByHash", [...G, full.hash, true, false]);
    expect(header).not.toHaveProperty("transactions");
    expect(header).toMatchObject({ number: receipt.blockNumber, hash: full.hash });
    expect(await result("getBlockHashByNumber", [...G, "0x" + receipt.blockNumber.toString(16)])).toBe(full.hash);
    expect(await result("getBlockByNumber", [...G, 10_000, false, false])).toBeNull();
    expect(await result("getTransactionReceipt", [...G, "0x" + "00".repeat(32)])).toBeNull();
  });

  it("runs calls without keeping effects, and returns revert data", async () => {
    const get = vmAbi.encodeCall(vmAbi.findFunction(abi, "get"), [], "keccak");
    const before = await result("call", [...G, "/apps/counter", hexOf(get)]);
    expect(before.status).toBe(0);
    const bump = vmAbi.encodeCall(vmAbi.findFunction(abi, "bump"), [], "keccak");
    expect((await result("call", [...G, "/apps/counter", hexOf(bump)])).status).toBe(0);
    expect(await result("call", [...G, "/apps/counter", hexOf(get)])).toEqual(before);
    const caller = vmAbi.encodeCall(vmAbi.findFunction(abi, "caller"), [], "keccak");
    const who = await result("call", [...G, "/apps/counter", hexOf(caller), alice.address]);
    expect(vmAbi.decodeOutput(vmAbi.findFunction(abi, "caller"), vmAbi.fromHex(who.output))).toEqual([alice.address]);
    const failing = await result("call", [...G, "/apps/counter", hexOf(vmAbi.encodeCall(vmAbi.findFunction(abi, "check"), [12n], "keccak"))]);
    expect(failing.status).toBe(16);
    expect(vmAbi.decodeRevert(vmAbi.fromHex(failing.output), "keccak", abi)).toMatchObject({ kind: "custom", name: "TooBig" });
  });

  it("maps the node's ChainErrors to JSON-RPC errors with the code in data, and hides internal errors", async () => {
    const tx = signed(node, "/apps/counter", vmAbi.encodeCall(vmAbi.findFunction(abi, "get"), [], "keccak"));
    await result("sendTransaction", [...G, hexOf(tx.raw)]);
    const dup = expectError(await ask("sendRawTransaction", [...G, hexOf(tx.raw)]), -32000);
    expect(dup.data).toEqual({ code: "DUPLICATE_TX" });
    expect(expectError(await ask("sendRawTransaction", [...G, "0x0102"]), -32602).data).toEqual({ code: "BAD_ENCODING" });
    const badHex = expectError(await ask("sendRawTransaction", [...G, "0xzz"]), -32602);
    expect(badHex).toMatchObject({ data: { code: "BAD_ARGUMENT" } });
    expect(badHex.message).toMatch(/parameter 3 \(data\).*hex/);
    expect(expectError(await ask("getBlockByNumber", [...G, -1]), -32602).message).toMatch(/blockNumber/);
    expect(expectError(await ask("getBlockByNumber", [...G, 1.5]), -32602).message).toMatch(/blockNumber/);
    expect(expectError(await ask("getBlockByNumber", [...G, 0, "yes"]), -32602).message).toMatch(/onlyHeader.*true or false/);
    expect(expectError(await ask("getTransaction", [...G, "0x1234"]), -32602).message).toMatch(/32-byte hash/);
    expect(expectError(await ask("getBlockNumber", [...G, 1, 2]), -32602).message).toMatch(/takes 1 to 2 parameters, got 4/);
    expect(expectError(await ask("getBlockNumber", { groupID: "group0" } as never), -32602).message).toMatch(/params must be an array/);

    node.breakWith = new Error("the disk is on fire");
    internal.length = 0;
    try {
      const e = expectError(await ask("getBlockNumber", G), -32603);
      expect(e.message).toBe("internal error");
      expect(internal).toEqual([node.breakWith]);
      node.breakWith = new ChainError("NODE_STOPPED", "stopping");
      expect(expectError(await ask("getBlockNumber", G), -32000).data).toEqual({ code: "NODE_STOPPED" });
    } finally {
      node.breakWith = null;
    }
  });

  it("writes proofs as JSON (bytes as hex) and says when the node has none", async () => {
    const tx = signed(node, "/apps/counter", vmAbi.encodeCall(vmAbi.findFunction(abi, "get"), [], "keccak"));
    const receipt = await result("sendTransaction", [...G, hexOf(tx.raw), true]);
    const proof = { blockNumber: receipt.blockNumber, receiptRoot: "0x" + "01".repeat(32), proof: { index: "0", path: ["0x0203"] }, extra: null };
    expect(receipt.receiptProof).toEqual(proof);
    expect((await result("getTransactionReceipt", [...G, tx.hash, true])).receiptProof).toEqual(proof);
    expect(await result("getTransactionReceipt", [...G, tx.hash])).not.toHaveProperty("receiptProof");
    expect(await result("getReceiptProof", [...G, tx.hash])).toEqual(proof);
    expect(expectError(await ask("getStorageProof", [...G, "/apps/counter", "0x00"]), -32601).message).toMatch(/storage proofs/);
  });

  it("checks the JSON-RPC envelope", async () => {
    const cases: [string, number][] = [
      ["{", -32700],
      ["", -32700],
      ["42", -32600],
      ['"x"', -32600],
      ["null", -32600],
      ['{"jsonrpc":"1.0","id":1,"method":"getBlockNumber","params":["group0"]}', -32600],
      ['{"id":1,"method":"getBlockNumber","params":["group0"]}', -32600],
      ['{"jsonrpc":"2.0","id":1,"params":["group0"]}', -32600],
      ['{"jsonrpc":"2.0","id":1,"method":7}', -32600],
      ['{"jsonrpc":"2.0","id":{"a":1},"method":"getBlockNumber","params":["group0"]}', -32600],
      ['{"jsonrpc":"2.0","id":1,"method":"getBlockNumber","params":"group0"}', -32600],
      ['{"jsonrpc":"2.0","id":1,"method":"nope","params":[]}', -32601],
      ['{"jsonrpc":"2.0","id":1,"method":"constructor","params":[]}', -32601],
      ['{"jsonrpc":"2.0","id":1,"method":"__proto__","params":[]}', -32601],
      ['{"jsonrpc":"2.0","id":1,"method":"toString","params":[]}', -32601],
    ];
    for (const [body, code] of cases) {
      const a = await post(server.url, body);
      expect(a.status, body).toBe(200);
      expectError(a.json, code);
    }
    const idKept = (await post(server.url, rpc("nope", [], "abc"))).json as { id: unknown };
    expect(idKept.id).toBe("abc");
    // A notification (no id) gets no answer, even when it fails.
    expect(await post(server.url, '{"jsonrpc":"2.0","method":"getBlockNumber","params":["group0"]}')).toMatchObject({ status: 204, body: "" });
  });

  it("answers batches in order, skips notifications, and refuses empty and over-long batches", async () => {
    const batch = `[${rpc("getBlockNumber", G, 1)},{"jsonrpc":"2.0","method":"getBlockNumber","params":["group0"]},${rpc("nope", [], 2)},3,${rpc("getGroupList", [], 4)}]`;
    const r = (await post(server.url, batch)).json as { id: unknown; result?: unknown; error?: { code: number } }[];
    expect(r.map((x) => x.id)).toEqual([1, 2, null, 4]);
    expect(r[0]!.result).toBe(node.getBlockNumber());
    expect([r[1]!.error?.code, r[2]!.error?.code]).toEqual([-32601, -32600]);
    expectError((await post(server.url, "[]")).json, -32600);
    const long = `[${Array.from({ length: 11 }, (_, i) => rpc("getGroupList", [], i)).join(",")}]`;
    expect(expectError((await post(server.url, long)).json, -32600).message).toMatch(/at most 10/);
    expect((await post(server.url, '[{"jsonrpc":"2.0","method":"getGroupList"}]')).status).toBe(204);
  });

  it("refuses what is not a JSON-RPC POST, and bodies over the limit with 413", async () => {
    expect((await post(server.url, "", { method: "GET" })).status).toBe(405);
    expect((await post(server.url, rpc("getGroupList"), { path: "/other" })).status).toBe(404);
    const big = rpc("getCode", [...G, "x".repeat(70 * 1024)]);
    const a = await post(server.url, big);
    expect(a.status).toBe(413);
    expectError(a.json, -32600);
    expect((await post(server.url, "", { declaredLength: 100 * 1024 * 1024 })).status).toBe(413);
    expect(await result("getGroupList")).toMatchObject({ groupList: ["group0"] });
  });

  it("pushes new blocks and filtered events over WebSocket; subscriptions are per connection and limited", async () => {
    const ws = await WsProbe.open(server.wsUrl);
    const other = await WsProbe.open(server.wsUrl);
    try {
      const blocks = ((await ws.ask(rpc("subscribeBlocks", ["group0"]))) as { result: string }).result;
      const bumpTopic = hexOf(vmAbi.eventTopic0("Bumped", "keccak"));
      const events = ((await ws.ask(rpc("subscribeEvents", ["group0", { address: "/apps/counter", topics: [bumpTopic] }], 2))) as { result: string }).result;
      const none = ((await ws.ask(rpc("subscribeEvents", ["group0", { address: ["/apps/elsewhere"] }], 3))) as { result: string }).result;
      expect(new Set([blocks, events, none]).size).toBe(3);
      expectError(await ws.ask(rpc("subscribeBlocks", ["group0"], 4)), -32005);
      expect(((await other.ask(rpc("unsubscribe", [blocks], 5))) as { result: unknown }).result).toBe(false);

      const tx = signed(node, "/apps/counter", vmAbi.encodeCall(vmAbi.findFunction(abi, "bump"), [], "keccak"));
      await result("sendTransaction", [...G, hexOf(tx.raw)]);
      const got = [await ws.next(), await ws.next()] as { method: string; params: { subscription: string; result: any } }[];
      got.sort((a, b) => (a.params.subscription === blocks ? -1 : b.params.subscription === blocks ? 1 : 0));
      expect(got.map((g) => g.method)).toEqual(["subscription", "subscription"]);
      expect(got[0]!.params).toMatchObject({ subscription: blocks, result: { transactions: [tx.hash] } });
      expect(got[1]!.params).toMatchObject({ subscription: events, result: { address: "/apps/counter", transactionHash: tx.hash, logIndex: 0 } });
      expect(got[1]!.params.result.topics[0]).toBe(bumpTopic);

      expect(((await ws.ask(rpc("unsubscribe", [blocks], 6))) as { result: unknown }).result).toBe(true);
      expect(((await ws.ask(rpc("unsubscribe", [events], 7))) as { result: unknown }).result).toBe(true);
      const again = signed(node, "/apps/counter", vmAbi.encodeCall(vmAbi.findFunction(abi, "bump"), [], "keccak"));
      await result("sendTransaction", [...G, hexOf(again.raw)]);
      // Nothing was pushed for the second block: the next message is the answer to this request.
      expect(await ws.ask(rpc("getGroupList", [], 8))).toMatchObject({ id: 8, result: { groupList: ["group0"] } });

      expect(expectError(await ws.ask(rpc("subscribeEvents", ["group0", { topics: ["0x12"] }], 9)), -32602).message).toMatch(/topic/);
      expect(expectError(await ws.ask(rpc("subscribeEvents", ["group0", { adress: "/x" }], 10)), -32602).message).toMatch(/unknown filter field/);
      expect(expectError(await ask("subscribeBlocks", ["group0"]), -32601).message).toMatch(/WebSocket/);
    } finally {
      ws.close();
      other.close();
    }
  });

  it("limits WebSocket message size, connections and requests in flight", async () => {
    const ws = await WsProbe.open(server.wsUrl);
    expectError(await ws.ask(rpc("getCode", [...G, "x".repeat(70 * 1024)])), -32600);
    node.hold();
    const pending = [0, 1].map((i) => signed(node, "/apps/counter", vmAbi.encodeCall(vmAbi.findFunction(abi, "bump"), [], "keccak")).raw).map((raw, i) => {
      ws.send(rpc("sendTransaction", [...G, hexOf(raw)], 100 + i));
      return i;
    });
    // Two requests wait for receipts: a third is refused under its own id, and the connection stays usable.
    expect(await ws.ask(rpc("getGroupList", [], 3))).toMatchObject({ id: 3, error: { code: -32005 } });
    expect(await result("getPendingTxSize", G)).toBe(pending.length);
    node.release();
    const answers = (await Promise.all([ws.next(), ws.next()])) as { id: number; result: { status: number } }[];
    expect(answers.map((a) => a.id).sort()).toEqual([100, 101]);
    expect(answers.every((a) => a.result.status === 0)).toBe(true);
    expect(await ws.ask(rpc("getGroupList", [], 4))).toMatchObject({ id: 4, result: { groupList: ["group0"] } });

    const more = await Promise.all([1, 2, 3].map(() => WsProbe.open(server.wsUrl)));
    await expect(WsProbe.open(server.wsUrl)).rejects.toThrow(/503/);
    for (const m of [ws, ...more]) m.close();
  });

  it("says when sendTransaction's receipt did not come in time, with the transaction's hash", async () => {
    const n = new FakeNode();
    const s = await startRpcServer(n, { port: 0, receiptTimeoutMs: 20 });
    try {
      n.hold();
      const tx = signed(n, "/apps/none", new Uint8Array(4));
      const e = expectError((await post(s.url, rpc("sendTransaction", [...G, hexOf(tx.raw)]))).json, -32001);
      expect(e.data).toEqual({ transactionHash: tx.hash });
      n.release();
      expect(await n.waitForReceipt(tx.hash, 1000)).toMatchObject({ transactionHash: tx.hash });
    } finally {
      await s.close();
    }
  });

  it("drops TCP connections past maxConnections and serves again once one closes", async () => {
    const s = await startRpcServer(new FakeNode(), { port: 0, limits: { maxConnections: 2 } });
    const port = Number(new URL(s.url).port);
    const open = () =>
      new Promise<Socket>((resolve) => {
        const c = connect(port, "127.0.0.1", () => resolve(c));
        c.on("error", () => {});
      });
    try {
      // Connections are accepted in the order they arrive: the third is the one past the limit.
      const held = [await open(), await open()];
      const third = await open();
      third.write(`POST / HTTP/1.1\r\nhost: x\r\ncontent-length: ${rpc("getGroupList").length}\r\n\r\n${rpc("getGroupList")}`);
      const got = await new Promise<string>((resolve) => {
        let text = "";
        third.on("data", (d) => (text += d.toString()));
        third.on("close", () => resolve(text));
      });
      expect(got).toBe("");
      held[0]!.destroy();
      await new Promise((r) => held[0]!.once("close", r));
      await vi.waitFor(async () => expect((await post(s.url, rpc("getGroupList"))).status).toBe(200));
      held[1]!.destroy();
    } finally {
      await s.close();
    }
  });

  it("stops listening to the node and drops its connections on close", async () => {
    const n = new FakeNode();
    const s = await startRpcServer(n, { port: 0 });
    const ws = await WsProbe.open(s.wsUrl);
    await ws.ask(rpc("subscribeBlocks", ["group0"]));
    expect(n.listenerCount()).toBeGreaterThan(0);
    await s.close();
    expect(n.listenerCount()).toBe(0);
    await expect(post(s.url, rpc("getGroupList"))).rejects.toThrow();
    expect(await ws.whenClosed()).toBe(1006); // terminated: no closing handshake
  });
});
