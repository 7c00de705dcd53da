// The node end to end, in process: a new chain in a temp folder, a token
// deployed and used through signed transactions, blocks with their roots
// and the sealer's signature, Merkle proofs, every admission refusal with
// its code, and the same values after closing and reopening the folder.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../../compiler/index.ts";
import { abi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { Node } from "../../runtime/node/node.ts";
import { getSuite } from "../../runtime/crypto/index.ts";
import { makeSigner, signTx, txData, type Signer } from "../../runtime/client/tx.ts";
import { ChainError } from "../../runtime/chain/errors.ts";
import { encodeHeader, encodeSignedTx } from "../../runtime/chain/codec.ts";
import { ChainStore } from "../../runtime/store/index.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "weft-node-"));
  dirs.push(d);
  return d;
};
const token = readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8");

for (const crypto of ["ecdsa", "sm"] as const) {
  describe(`a ${crypto} node`, () => {
    const suite = getSuite(crypto);
    const hashName = suite.hashName;
    const built = compile({ sources: { "token.weft": token }, crypto: hashName, contracts: ["Token"] });
    const art = built.contracts[0]!;
    const tokenAbi = art.abi as unknown as Abi;
    const alice = makeSigner(suite, suite.hash(new TextEncoder().encode("alice")));
    const bob = makeSigner(suite, suite.hash(new TextEncoder().encode("bob")));
    const fn = (name: string) => abi.findFunction(tokenAbi, name);

    async function send(node: Node, signer: Signer, call: { to: string; input: Uint8Array; abi?: string }) {
      const tx = signTx(txData(node.getGroupInfo(), node.getBlockNumber(), call), signer);
      const hash = await node.sendTransaction(tx.raw);
      expect(hash).toBe(tx.hash);
      return node.waitForReceipt(hash, 10_000);
    }
    async function balance(node: Node, who: Signer): Promise<bigint> {
      const r = await node.call("/apps/token", abi.encodeCall(fn("balanceOf"), [who.address], hashName));
      expect(r.status).toBe(0);
      return abi.decodeOutput(fn("balanceOf"), Buffer.from(r.output.slice(2), "hex"))[0] as bigint;
    }

    it("deploys, transfers, seals signed blocks with roots and proofs, and keeps it all across a restart", async () => {
      const dataDir = tempDir();
      let node = await Node.open({ dataDir, crypto });
      expect(node.getBlockNumber()).toBe(0);
      const deployInput = abi.encodeDeployInput(art.wasm, abi.encodeConstructorArgs(tokenAbi, ["Weft", "W", 1000n]));
      const d = await send(node, alice, { to: "/apps/token", input: deployInput, abi: JSON.stringify(tokenAbi) });
      expect(d.status, d.message).toBe(0);
      expect(d.contractAddress).toBe("/apps/token");
      const t = await send(node, alice, { to: "/apps/token", input: abi.encodeCall(fn("transfer"), [bob.address, 250n], hashName) });
      expect(t.status, t.message).toBe(0);
      expect(t.logEntries.length).toBe(1);
      expect(t.from).toBe(alice.address);
      expect(await balance(node, bob)).toBe(250n);
      expect(await balance(node, alice)).toBe(750n);
      const failed = await send(node, bob, { to: "/apps/token", input: abi.encodeCall(fn("transfer"), [alice.address, 10_000n], hashName) });
      expect(failed.status).toBe(16);

      const block = (await node.getBlockByNumber(t.blockNumber, true))!;
      expect(block.transactions.map((x) => (typeof x === "string" ? x : x.hash))).toContain(t.transactionHash);
      expect(node.getTotalTransactionCount()).toMatchObject({ transactionCount: 3, failedTransactionCount: 1 });
      expect(await node.getABI("/apps/token")).toBe(JSON.stringify(tokenAbi));
      expect(await node.getCode("/apps/token")).toMatch(/^0x0061736d/);
      expect(await node.getCode("/apps/none")).toBeNull();

      // the sealer signed the header hash
      const stored = (await ChainStoreHeader(node, t.blockNumber))!;
      expect(suite.recover(suite.hash(encodeHeader(stored)), stored.signature)).toEqual(stored.sealer);

      // receipt and storage proofs verify against the block's roots
      const rp = await node.getReceiptProof(t.transactionHash);
      expect(rp && ChainStore.verifyReceiptProof((b) => suite.hash(b), Buffer.from(block.receiptsRoot.slice(2), "hex"), rp)).toBe(true);

      const head = node.getBlockNumber();
      await node.close();
      node = await Node.open({ dataDir });
      expect(node.getBlockNumber()).toBe(head);
      expect(node.crypto).toBe(crypto);
      expect(await balance(node, bob)).toBe(250n);
      expect((await node.getTransactionReceipt(t.transactionHash))!.status).toBe(0);
      // the chain goes on after the restart
      const again = await send(node, alice, { to: "/apps/token", input: abi.encodeCall(fn("transfer"), [bob.address, 1n], hashName) });
      expect(again.blockNumber).toBe(head + 1);
      expect(await balance(node, bob)).toBe(251n);
      await node.close();
      await expect(Node.open({ dataDir, crypto: crypto === "sm" ? "ecdsa" : "sm" })).rejects.toThrow(/has crypto/);
    });

    it("refuses bad transactions, each with its own code, and keeps serving", async () => {
      const node = await Node.open({ dataDir: tempDir(), crypto, poolSize: 2, sealDelay: 50, systemConfig: { tx_gas_limit: 100_000 } });
      const info = node.getGroupInfo();
      const call = { to: "/apps/token", input: new Uint8Array([1, 2, 3, 4]) };
      const code = async (raw: Uint8Array) => {
        try {
          await node.sendTransaction(raw);
          return "accepted";
        } catch (e) {
          expect(e).toBeInstanceOf(ChainError);
          return (e as ChainError).code;
        }
      };
      const signed = (over: Partial<ReturnType<typeof txData>>) => signTx({ ...txData(info, 0, call), ...over }, alice).raw;
      expect(await code(new Uint8Array([1, 2, 3]))).toBe("BAD_ENCODING");
      expect(await code(signed({ chainId: "other" }))).toBe("WRONG_CHAIN");
      expect(await code(signed({ groupId: "other" }))).toBe("WRONG_GROUP");
      expect(await code(signed({ blockLimit: 0 }))).toBe("BLOCK_LIMIT_EXPIRED");
      expect(await code(signed({ blockLimit: 5000 }))).toBe("BLOCK_LIMIT_TOO_FAR");
      expect(await code(signed({ nonce: "x".repeat(65) }))).toBe("NONCE_TOO_LONG");
      expect(await code(signed({ to: "apps/token" }))).toBe("BAD_PATH");
      expect(await code(signed({ to: "/sys/evil", abi: "[]", input: abi.encodeDeployInput(art.wasm, new Uint8Array()) }))).toBe("BAD_PATH");
      expect(await code(new Uint8Array(600 * 1024))).toBe("TX_TOO_LARGE");
      // 5 KB of code cost more than 100,000 gas to store
      expect(await code(signed({ to: "/apps/t2", abi: "[]", input: abi.encodeDeployInput(art.wasm, new Uint8Array()) }))).toBe("TX_GAS_LIMIT");
      const good = signTx(txData(info, 0, call), alice);
      // SM2 carries the public key: another message fails. An ECDSA signature of another message recovers
      // some other key (as on Ethereum), so there a malformed recovery id stands for the bad signature.
      const sig = decodeSig(good.raw).slice();
      if (crypto === "ecdsa") sig[64] = 7;
      const tampered = encodeSignedTx({ ...good.data, nonce: crypto === "sm" ? good.data.nonce + "1" : good.data.nonce }, sig);
      expect(await code(tampered)).toBe("BAD_SIGNATURE");
      expect(await code(encodeSignedTx(good.data, sig.subarray(1)))).toBe("BAD_SIGNATURE");
      expect(await code(good.raw)).toBe("accepted");
      expect(await code(good.raw)).toBe("DUPLICATE_TX");
      expect(await code(signTx(txData(info, 0, call), bob).raw)).toBe("accepted");
      expect(await code(signTx(txData(info, 0, call), bob).raw)).toBe("MEMPOOL_FULL");
      // the same transaction again while its block is being written: out of the pool, not yet stored
      while (node.getPendingTxSize() > 0) await new Promise((r) => setImmediate(r));
      expect(await code(good.raw)).toBe("DUPLICATE_TX");
      const r = await node.waitForReceipt(good.hash, 10_000);
      expect(r.status).toBe(19); // no contract at /apps/token
      expect(await code(good.raw)).toBe("DUPLICATE_TX"); // also once it is in a block
      await node.close();
    });
  });
}

function decodeSig(raw: Uint8Array): Uint8Array {
  // SCALE(bytes data, bytes signature): the signature is the tail after the data's compact length and bytes
  const r = new abi.ScaleReader(raw);
  r.take(r.length());
  return r.take(r.length());
}

async function ChainStoreHeader(node: Node, n: number) {
  const b = await node.getBlockByNumber(n, false);
  if (!b) return null;
  const h = (x: string) => new Uint8Array(Buffer.from(x.slice(2), "hex"));
  return {
    number: b.number, parentHash: h(b.parentHash), timestamp: b.timestamp, txRoot: h(b.transactionsRoot), receiptRoot: h(b.receiptsRoot),
    stateRoot: h(b.stateRoot), gasUsed: Number(b.gasUsed), sealer: h(b.sealer), signature: h(b.signature),
  };
}
