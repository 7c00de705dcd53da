// The JSON-RPC server and weft/client over the real node (runtime/node) on
// both crypto suites: a token deployed and used through typed handles over
// HTTP and WebSocket, FISCO's queries answered from the store, every
// admission refusal arriving with its ChainError code, subscriptions and
// proofs.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../../compiler/index.ts";
import { abi as vmAbi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { Node } from "../../runtime/node/node.ts";
import { getSuite } from "../../runtime/crypto/index.ts";
import { encodeSignedTx } from "../../runtime/chain/codec.ts";
import { startRpcServer, type RpcServer } from "../../runtime/rpc/index.ts";
import { Client, makeSigner, RpcCallError, TxFailed, type NotifiedLog } from "../../runtime/client/index.ts";

const token = readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8");

for (const crypto of ["ecdsa", "sm"] as const) {
  describe(`JSON-RPC over a real ${crypto} node`, () => {
    const suite = getSuite(crypto);
    const built = compile({ sources: { "token.weft": token }, crypto: suite.hashName, contracts: ["Token"] });
    if (!built.ok) throw new Error("token.weft does not compile");
    const wasm = built.contracts[0]!.wasm;
    const abi = built.contracts[0]!.abi as unknown as Abi;
    const alice = makeSigner(suite, suite.generateKeyPair().privateKey);
    const bob = makeSigner(suite, suite.generateKeyPair().privateKey);
    let dir: string;
    let node: Node;
    let server: RpcServer;
    let ws: Client;
    let http: Client;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "weft-rpc-"));
      node = await Node.open({ dataDir: dir, crypto });
      server = await startRpcServer(node, { port: 0 });
      ws = await Client.connect(server.wsUrl);
      http = await Client.connect(server.url);
    });
    afterAll(async () => {
      await ws?.close();
      await http?.close();
      await server?.close();
      await node?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("deploys a token and moves units through typed handles, over WebSocket and HTTP", async () => {
      const { contract, receipt } = await ws.deploy("/apps/token", wasm, abi, ["Weft", "W", 1000n], alice);
      expect(receipt).toMatchObject({ ok: true, contractAddress: "/apps/token" });
      const moved = await contract.send("transfer", [bob.address, 250n]);
      expect(moved).toMatchObject({ ok: true, value: true });
      expect(moved.events).toMatchObject([{ name: "Transfer", args: { amount: 250n } }]);
      const back = await http.contract("/apps/token", abi, bob).send("transfer", [alice.address, 50n]);
      expect(back).toMatchObject({ ok: true, value: true, blockNumber: moved.blockNumber + 1 });
      expect(await http.contract("/apps/token", abi).call("balanceOf", [bob.address])).toBe(200n);
      expect(await contract.call("balanceOf", [alice.address])).toBe(800n);

      const tooMuch = await contract.connect(bob).send("transferFrom", [alice.address, bob.address, 1n]);
      expect(tooMuch).toMatchObject({ ok: false, status: 16, revert: { kind: "custom", name: "Insufficient", args: { have: 0n, need: 1n } } });
      await expect(contract.connect(bob).call("mint", [bob.address, 1n])).rejects.toBeInstanceOf(TxFailed);
    });

    it("answers FISCO's queries from the node's store", async () => {
      const head = await http.getBlockNumber();
      expect(head).toBe(node.getBlockNumber());
      expect(await ws.getGroupInfo()).toEqual(node.getGroupInfo());
      expect((await http.getGroupInfo()).crypto).toBe(crypto);
      const block = (await http.getBlockByNumber(head))!;
      expect(block).toMatchObject({ number: head });
      const tx = block.transactions[0] as { hash: string };
      expect(tx.hash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(await ws.getBlockByHash(block.hash, { onlyTxHash: true })).toMatchObject({ hash: block.hash, transactions: [tx.hash] });
      expect(await http.getBlockByNumber(head, { onlyHeader: true })).not.toHaveProperty("transactions");
      expect(await http.getBlockHashByNumber(head)).toBe(block.hash);
      expect(await http.getTransaction(tx.hash)).toMatchObject({ hash: tx.hash, blockNumber: head });
      expect(await http.getTransactionReceipt(tx.hash)).toMatchObject({ transactionHash: tx.hash, blockNumber: head });
      expect(await http.getTotalTransactionCount()).toEqual(node.getTotalTransactionCount());
      expect(await http.getSystemConfigByKey("tx_gas_limit")).toMatchObject({ value: "3000000000" });
      expect(await http.getSealerList()).toEqual(node.getSealerList());
      expect(await http.getPendingTxSize()).toBe(0);
      expect(await http.getCode("/apps/token")).toMatch(/^0x0061736d/);
      expect(JSON.parse((await http.getABI("/apps/token"))!)).toEqual(abi);
      expect(await http.getCode("/apps/none")).toBeNull();
      expect(await http.getBlockByNumber(head + 100)).toBeNull();
    });

    it("passes the node's refusals on with their codes", async () => {
      const transfer = (await http.contract("/apps/token", abi).encode("transfer", [bob.address, 1n])).input;
      const code = (p: Promise<unknown>) => p.then(() => "accepted", (e: RpcCallError) => `${e.code} ${e.chainCode}`);
      const tx = await http.signTransaction({ to: "/apps/token", input: transfer }, alice);
      await http.sendRawTransaction(tx.raw);
      await http.waitForReceipt(tx.hash);
      expect(await code(http.sendRawTransaction(tx.raw))).toBe("-32000 DUPLICATE_TX");
      const head = await http.getBlockNumber();
      expect(await code(http.sendRawTransaction((await http.signTransaction({ to: "/apps/token", input: transfer, blockLimit: head }, alice)).raw))).toBe("-32000 BLOCK_LIMIT_EXPIRED");
      expect(await code(http.sendRawTransaction((await http.signTransaction({ to: "/apps/token", input: transfer, blockLimit: head + 5000 }, alice)).raw))).toBe("-32000 BLOCK_LIMIT_TOO_FAR");
      const forged = { ...tx.data, nonce: tx.data.nonce + "1" };
      expect(await code(http.sendRawTransaction(encodeSignedTx(forged, new Uint8Array(crypto === "sm" ? 128 : 65))))).toBe("-32000 BAD_SIGNATURE");
      const otherChain = { ...tx.data, chainId: "elsewhere", nonce: "7" };
      expect(await code(http.sendRawTransaction(encodeSignedTx(otherChain, suite.sign(suite.hash(new Uint8Array(1)), alice.privateKey))))).toBe("-32000 WRONG_CHAIN");
      expect(await code(http.sendRawTransaction("0x00"))).toBe("-32602 BAD_ENCODING");
      expect(await code(http.sendRawTransaction((await http.signTransaction({ to: "/sys/evil", input: new Uint8Array(8), abi: "[]" }, alice)).raw))).toMatch(/^-32602 (BAD_PATH|BAD_ENCODING)$/);
    });

    it("pushes blocks and filtered token events to WebSocket subscribers", async () => {
      const blocks: number[] = [];
      const logs: NotifiedLog[] = [];
      const transferTopic = "0x" + Buffer.from(vmAbi.eventTopic0("Transfer", suite.hashName)).toString("hex");
      const b = await ws.subscribeBlocks((x) => blocks.push(x.number));
      await ws.subscribeEvents({ address: "/apps/token", topics: [transferTopic] }, (l) => logs.push(l));
      const r = await ws.contract("/apps/token", abi, alice).send("approve", [bob.address, 5n]);
      const t = await ws.contract("/apps/token", abi, alice).send("transfer", [bob.address, 5n]);
      await vi.waitFor(() => expect(blocks).toContain(t.blockNumber));
      expect(blocks).toContain(r.blockNumber);
      await vi.waitFor(() => expect(logs.map((l) => l.transactionHash)).toEqual([t.transactionHash]));
      expect(await b.unsubscribe()).toBe(true);
    });

    it("gives receipt and storage proofs as JSON", async () => {
      const t = await http.contract("/apps/token", abi, alice).send("transfer", [bob.address, 1n]);
      const proof = (await http.getReceiptProof(t.transactionHash)) as { blockNumber: number; receiptRoot: string };
      expect(proof).toMatchObject({ blockNumber: t.blockNumber, receiptRoot: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
      const withProof = await http.getTransactionReceipt(t.transactionHash, true);
      expect(withProof).toMatchObject({ receiptProof: proof });
      const storage = (await http.getStorageProof("/apps/token", "0x00")) as { stateRoot: string; key: string };
      expect(storage).toMatchObject({ key: "0x00", stateRoot: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    });
  });
}
