// weft/client against a live server (over the in-test node): both
// transports, batching, errors with their codes, signing, typed contract
// handles, subscriptions.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRpcServer, type RpcServer } from "../../runtime/rpc/index.ts";
import { Client, HttpTransport, WsTransport, makeSigner, RpcCallError, TransportError, TxFailed, type NotifiedLog } from "../../runtime/client/index.ts";
import type { CryptoSuite } from "../../runtime/crypto/suite.ts";
import type { Transport } from "../../runtime/client/transport.ts";
import type { BlockJson } from "../../runtime/node/api.ts";
import { abi as vmAbi } from "../../vm/index.ts";
import { FakeNode, testSuite } from "./rpc-fixture.ts";
import { counterArtifact } from "./rpc-wire.ts";

const alice = makeSigner(testSuite, testSuite.generateKeyPair().privateKey);
const bob = makeSigner(testSuite, testSuite.generateKeyPair().privateKey);
const { wasm, abi } = counterArtifact();

describe("weft/client", () => {
  let node: FakeNode;
  let server: RpcServer;

  beforeAll(async () => {
    node = new FakeNode();
    server = await startRpcServer(node, { port: 0, limits: { maxBatch: 10 } });
  });
  afterAll(() => server.close());

  for (const kind of ["http", "ws"] as const) {
    describe(`over ${kind}`, () => {
      let client: Client;
      beforeAll(async () => {
        client = await Client.connect(kind === "http" ? server.url : server.wsUrl);
      });
      afterAll(() => client.close());

      it("asks the node's group once and fills groupID and nodeName in", async () => {
        expect(client.transport.kind).toBe(kind);
        expect(await client.group()).toBe("group0");
        expect(await client.getGroupInfo()).toEqual(node.getGroupInfo());
        expect(await client.getBlockNumber()).toBe(node.getBlockNumber());
        expect(await client.getSystemConfigByKey("tx_gas_limit")).toEqual({ value: "3000000000", blockNumber: 0 });
        expect(await client.getTotalTransactionCount()).toEqual(node.getTotalTransactionCount());
        expect(await client.getSealerList()).toEqual(node.getSealerList());
        expect(await client.getPendingTxSize()).toBe(0);
        expect(await client.getBlockByNumber(0, { onlyHeader: true })).toMatchObject({ number: 0, hash: node.blocks[0]!.hash });
        expect(await client.getBlockHashByNumber(0)).toBe(node.blocks[0]!.hash);
      });

      it("deploys, sends and calls through typed handles, decoding values, events and reverts", async () => {
        const path = `/apps/counter_${kind}`;
        const { contract, receipt } = await client.deploy(path, wasm, abi, [5n], alice);
        expect(receipt).toMatchObject({ ok: true, status: 0, contractAddress: path });
        expect(contract.path).toBe(path);
        expect(await client.getABI(path)).toBe(JSON.stringify(abi));

        const r = await contract.send("bump");
        expect(r).toMatchObject({ ok: true, status: 0, statusName: "None", value: 6n });
        expect(r.events).toMatchObject([{ address: path, name: "Bumped", args: { by: { hash: expect.any(Uint8Array) }, n: 6n } }]);
        expect(await client.getTransaction(r.transactionHash)).toMatchObject({ from: alice.address, to: path });
        expect(await contract.call("get")).toBe(6n);
        expect(await contract.call("caller")).toBe(alice.address);
        expect(await contract.connect(bob).call("caller")).toBe(bob.address);

        const failed = await contract.send("check", [12n]);
        expect(failed).toMatchObject({ ok: false, status: 16, value: undefined, revert: { kind: "custom", name: "TooBig", args: { n: 12n } } });
        expect(failed.message).toMatch(/TooBig/);
        const thrown = await contract.send("check", [13n], { throwOnFailure: true }).catch((e: unknown) => e);
        expect(thrown).toBeInstanceOf(TxFailed);
        expect((thrown as TxFailed).receipt?.status).toBe(16);
        const callFailed = (await contract.call("check", [11n]).catch((e: unknown) => e)) as TxFailed;
        expect(callFailed).toBeInstanceOf(TxFailed);
        expect(callFailed.revert).toMatchObject({ kind: "custom", name: "TooBig" });
        expect(callFailed.message).toMatch(/status 16 \(RevertInstruction\)/);

        // The path is taken now: the deployment fails and says so with its receipt.
        const again = (await client.deploy(path, wasm, abi, [1n], alice).catch((e: unknown) => e)) as TxFailed;
        expect(again).toBeInstanceOf(TxFailed);
        expect(again.receipt?.ok).toBe(false);
        await expect(client.contract(path, abi).send("bump")).rejects.toThrow(/needs a signer/);
      });

      it("carries JSON-RPC and ChainError codes in its errors, per request of a batch", async () => {
        const [ok, missing, wrongGroup] = await client.batch([
          { method: "getGroupList", params: [] },
          { method: "nope", params: [] },
          { method: "getBlockNumber", params: ["group9"] },
        ]);
        expect(ok).toMatchObject({ ok: true, value: { groupList: ["group0"] } });
        expect(!missing!.ok && missing!.error).toMatchObject({ code: -32601, method: "nope" });
        expect(!wrongGroup!.ok && wrongGroup!.error).toMatchObject({ code: -32602, chainCode: "WRONG_GROUP" });
        const dup = await client.signTransaction({ to: "/apps/none", input: new Uint8Array(4) }, alice);
        await client.sendRawTransaction(dup.raw);
        const e = (await client.sendRawTransaction(dup.raw).catch((x: unknown) => x)) as RpcCallError;
        expect(e).toBeInstanceOf(RpcCallError);
        expect([e.code, e.chainCode]).toEqual([-32000, "DUPLICATE_TX"]);
        expect(e.message).toMatch(/^sendRawTransaction: .*DUPLICATE_TX/);
        await expect(new Client(client.transport, { group: "group7" }).getBlockNumber()).rejects.toMatchObject({ chainCode: "WRONG_GROUP" });
        const sm: CryptoSuite = { ...testSuite, name: "sm" };
        await expect(client.signTransaction({ to: "/x", input: new Uint8Array() }, makeSigner(sm, alice.privateKey))).rejects.toThrow(/chain signs with ecdsa/);
      });
    });
  }

  it("batches the requests of one tick into one HTTP request, in parts of at most maxBatch", async () => {
    const client = new Client(new HttpTransport(server.url, { maxBatch: 10 }));
    await client.group();
    const spy = vi.spyOn(globalThis, "fetch");
    try {
      const numbers = await Promise.all(Array.from({ length: 25 }, (_, i) => client.getBlockByNumber(0, { onlyHeader: i % 2 === 0 })));
      expect(numbers.every((b) => b?.number === 0)).toBe(true);
      expect(spy).toHaveBeenCalledTimes(3);
      const unbatched = new Client(new HttpTransport(server.url, { autoBatch: false }), { group: "group0" });
      await Promise.all([unbatched.getBlockNumber(), unbatched.getBlockNumber()]);
      expect(spy).toHaveBeenCalledTimes(5);
      // sendTransaction waits for its block, so it never holds a batch back.
      const tx = await client.signTransaction({ to: "/apps/none", input: new Uint8Array(4) }, alice);
      spy.mockClear();
      const [receipt] = await Promise.all([client.sendTransaction(tx.raw), client.getBlockNumber(), client.getGroupList()]);
      expect(receipt).toMatchObject({ transactionHash: tx.hash });
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("waits for receipts over HTTP by polling and over WebSocket by block notification, and times out", async () => {
    const http = await Client.connect(server.url, { receiptTimeoutMs: 5_000 });
    const ws = await Client.connect(server.wsUrl);
    try {
      node.hold();
      const txs = await Promise.all([http, ws].map((c) => c.signTransaction({ to: "/apps/none", input: new Uint8Array(4) }, alice)));
      await Promise.all(txs.map((t, i) => [http, ws][i]!.sendRawTransaction(t.raw)));
      await expect(http.waitForReceipt(txs[0]!.hash, 50)).rejects.toMatchObject({ kind: "timeout" });
      const waits = txs.map((t, i) => [http, ws][i]!.waitForReceipt(t.hash));
      expect(await http.getPendingTxSize()).toBe(2);
      node.release();
      const receipts = await Promise.all(waits);
      expect(receipts.map((r) => r.transactionHash)).toEqual(txs.map((t) => t.hash));
    } finally {
      node.release();
      await http.close();
      await ws.close();
    }
  });

  it("looks again at once when the block was announced while a receipt look was under way", async () => {
    const inner = await WsTransport.connect(server.wsUrl);
    let asks = 0;
    let askedAgain!: () => void;
    const second = new Promise<string>((r) => (askedAgain = () => r("asked again")));
    let seen!: () => void;
    const blockSeen = new Promise<void>((r) => (seen = r));
    // The first look's answer ("not yet") is held back until the client has been told of the block.
    const racing: Transport = {
      kind: "ws",
      batch: (c) => inner.batch(c),
      close: () => inner.close(),
      unsubscribe: (id) => inner.unsubscribe(id),
      subscribe: (m, p, cb) => inner.subscribe(m, p, (x) => (cb(x), seen())),
      async request(method, params) {
        if (method !== "getTransactionReceipt") return inner.request(method, params);
        if (++asks === 2) askedAgain();
        const r = await inner.request(method, params);
        if (asks > 1) return r;
        node.release();
        await blockSeen;
        return null;
      },
    };
    const client = new Client(racing);
    try {
      node.hold();
      const tx = await client.signTransaction({ to: "/apps/none", input: new Uint8Array(4) }, alice);
      await client.sendRawTransaction(tx.raw);
      const waiting = client.waitForReceipt(tx.hash);
      // Had the announcement been lost, the wait would sleep until its fallback poll, long after two round trips.
      const slept = blockSeen.then(() => inner.request("getGroupList", [])).then(() => inner.request("getGroupList", [])).then(() => "slept");
      expect(await Promise.race([second, slept])).toBe("asked again");
      expect(await waiting).toMatchObject({ transactionHash: tx.hash });
    } finally {
      node.release();
      await client.close();
    }
  });

  it("subscribes to blocks and filtered events over WebSocket, not over HTTP", async () => {
    const ws = await Client.connect(server.wsUrl);
    const http = await Client.connect(server.url);
    try {
      const { contract } = await ws.deploy("/apps/counter_subs", wasm, abi, [0n], alice);
      const blocks: BlockJson[] = [];
      const logs: NotifiedLog[] = [];
      const topic = "0x" + Buffer.from(vmAbi.eventTopic0("Bumped", "keccak")).toString("hex");
      const b = await ws.subscribeBlocks((x) => blocks.push(x));
      const e = await ws.subscribeEvents({ address: "/apps/counter_subs", topics: [topic] }, (l) => logs.push(l));
      await ws.subscribeEvents({ address: "/apps/elsewhere" }, (l) => logs.push(l));
      const r = await contract.send("bump");
      await vi.waitFor(() => expect(blocks.some((x) => x.transactions.includes(r.transactionHash))).toBe(true));
      await vi.waitFor(() => expect(logs).toHaveLength(1));
      expect(logs[0]).toMatchObject({ address: "/apps/counter_subs", transactionHash: r.transactionHash, topics: [topic, expect.any(String)] });
      expect(await b.unsubscribe()).toBe(true);
      expect(await e.unsubscribe()).toBe(true);
      await expect(http.subscribeBlocks(() => {})).rejects.toThrow(/WebSocket/);
    } finally {
      await ws.close();
      await http.close();
    }
  });

  it("says why a request got no answer: timeout, unreachable, HTTP status, closed socket", async () => {
    const silent = createServer(() => {}); // accepts and never answers
    const broken = createServer((_req, res) => res.writeHead(502).end("bad gateway"));
    await Promise.all([silent, broken].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
    const url = (s: typeof silent) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
    try {
      const slow = await Client.connect(url(silent), { timeoutMs: 100, group: "group0" });
      await expect(slow.getBlockNumber()).rejects.toMatchObject({ name: "TransportError", kind: "timeout" });
      const bad = await Client.connect(url(broken), { group: "group0" });
      await expect(bad.getBlockNumber()).rejects.toMatchObject({ kind: "http", status: 502 });
      const gone = new Client(new HttpTransport("http://127.0.0.1:1/"), { group: "group0" });
      await expect(gone.getBlockNumber()).rejects.toMatchObject({ kind: "network" });
      await expect(Client.connect("ws://127.0.0.1:1/")).rejects.toBeInstanceOf(TransportError);
      await expect(Client.connect("ftp://x")).rejects.toThrow(/http:\/\//);

      const ws = await Client.connect(server.wsUrl);
      await ws.close();
      await expect(ws.getGroupList()).rejects.toMatchObject({ kind: "closed" });
    } finally {
      silent.closeAllConnections();
      await Promise.all([silent, broken].map((s) => new Promise((r) => s.close(r))));
    }
  });
});
