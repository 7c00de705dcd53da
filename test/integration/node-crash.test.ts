// Crash safety of the node process: under a stream of token transfers the
// `weft node` process is killed with SIGKILL at a random moment, 20 times;
// after each kill the folder must reopen at its last committed block with
// the state root checked (Node.open does that), the blocks must chain, every
// transaction whose receipt the node had returned must still have it, and
// the token's total supply must be intact.
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { compile } from "../../compiler/index.ts";
import { abi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { Node } from "../../runtime/node/node.ts";
import { getSuite } from "../../runtime/crypto/index.ts";
import { makeSigner, signTx, txData } from "../../runtime/client/tx.ts";
import { NODE_HEAP_FLAGS } from "../../cli/bin/relaunch.js";

const KILLS = 20;
const weft = new URL("../../cli/bin/weft.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "weft-crash-"));
/** Node processes started here: killed at the end even when the test fails or times out. */
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const suite = getSuite("ecdsa");
const built = compile({ sources: { "token.weft": readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8") }, contracts: ["Token"] });
const tokenAbi = built.contracts[0]!.abi as unknown as Abi;
const fn = (name: string) => abi.findFunction(tokenAbi, name);
const users = Array.from({ length: 8 }, (_, i) => makeSigner(suite, suite.hash(new TextEncoder().encode(`crash user ${i}`))));
const SUPPLY = 1_000_000n;

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function startNode(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...NODE_HEAP_FLAGS, weft, "node", "--data", dir, "--port", "0", "--json"], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`weft node exited with ${code} before listening`)));
  });
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

/** Runs transfers until killed; records each transaction whose receipt came back. */
async function load(url: string, confirmed: Map<string, number>, stop: { killed: boolean; onReceipt?: () => void }): Promise<void> {
  const info = (await rpc(url, "getGroupInfo", ["group0"])) as { chainID: string; groupID: string };
  let head = (await rpc(url, "getBlockNumber", ["group0", ""])) as number;
  let i = 0;
  while (!stop.killed) {
    const batch = Array.from({ length: 20 }, () => {
      const from = users[i % users.length]!;
      const to = users[(i * 7 + 3) % users.length]!;
      i++;
      return signTx(txData(info, head, { to: "/apps/token", input: abi.encodeCall(fn("transfer"), [to.address, 1n], "keccak") }), from);
    });
    try {
      const receipts = await Promise.all(batch.map((tx) => rpc(url, "sendTransaction", ["group0", "", "0x" + Buffer.from(tx.raw).toString("hex"), false])));
      for (const r of receipts as { transactionHash: string; status: number; blockNumber: number }[]) {
        confirmed.set(r.transactionHash, r.status);
        head = Math.max(head, r.blockNumber);
      }
      stop.onReceipt?.();
    } catch {
      return; // the node died mid-request
    }
  }
}

describe("the node process killed with SIGKILL under load", () => {
  it(`reopens intact every time (${KILLS} kills)`, async () => {
    // genesis and the token, in process
    {
      const node = await Node.open({ dataDir: dir, crypto: "ecdsa" });
      const deployer = users[0]!;
      const deploy = signTx(txData(node.getGroupInfo(), 0, {
        to: "/apps/token", abi: JSON.stringify(tokenAbi),
        input: abi.encodeDeployInput(built.contracts[0]!.wasm, abi.encodeConstructorArgs(tokenAbi, ["Crash", "C", SUPPLY])),
      }), deployer);
      await node.sendTransaction(deploy.raw);
      expect((await node.waitForReceipt(deploy.hash, 10_000)).status).toBe(0);
      for (const u of users.slice(1)) {
        const t = signTx(txData(node.getGroupInfo(), node.getBlockNumber(), { to: "/apps/token", input: abi.encodeCall(fn("transfer"), [u.address, 10_000n], "keccak") }), deployer);
        await node.sendTransaction(t.raw);
        expect((await node.waitForReceipt(t.hash, 10_000)).status).toBe(0);
      }
      await node.close();
    }
    const confirmed = new Map<string, number>();
    let lastHead = 0;
    for (let k = 0; k < KILLS; k++) {
      const { child, url } = await startNode();
      const stop: { killed: boolean; onReceipt?: () => void } = { killed: false };
      // under load: once receipts flow, at a random moment within the next 400 ms
      const flowing = new Promise<void>((r) => (stop.onReceipt = r));
      const running = load(url, confirmed, stop);
      await flowing;
      await new Promise((r) => setTimeout(r, Math.random() * 400));
      child.kill("SIGKILL");
      stop.killed = true;
      await new Promise((r) => child.once("exit", r));
      await running;

      const node = await Node.open({ dataDir: dir }); // checks the state root against the head
      const head = node.getBlockNumber();
      expect(head).toBeGreaterThanOrEqual(lastHead);
      lastHead = head;
      let parent = (await node.getBlockByNumber(0, false))!;
      for (let n = 1; n <= head; n++) {
        const b = (await node.getBlockByNumber(n, false))!;
        expect(b.parentHash).toBe(parent.hash);
        parent = b;
      }
      for (const [hash, status] of confirmed) expect((await node.getTransactionReceipt(hash))?.status, hash).toBe(status);
      let total = 0n;
      for (const u of users) {
        const r = await node.call("/apps/token", abi.encodeCall(fn("balanceOf"), [u.address], "keccak"));
        total += abi.decodeOutput(fn("balanceOf"), Buffer.from(r.output.slice(2), "hex"))[0] as bigint;
      }
      expect(total).toBe(SUPPLY);
      await node.close();
    }
    expect(confirmed.size).toBeGreaterThan(KILLS); // the load really ran
  }, 240_000);
});
