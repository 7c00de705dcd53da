// Weft's side: `weft node` as a child (LevelDB in a fresh temp folder, one
// suite), examples/token.weft compiled in-process (optimised) and deployed
// with sendTransaction (which waits for its receipt); N transfers from one
// sender (FISCO's random nonces need no ordering), or with `senders` > 1
// from that many accounts in turn (funded first, untimed), pre-signed with
// runtime/client/tx.ts, submitted with sendRawTransaction (it answers once
// the node has admitted the transaction) in batches of 100 over a few
// connections; receipt times from a subscribeBlocks WebSocket subscription.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../../compiler/index.ts";
import { abi } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { getSuite } from "../../runtime/crypto/index.ts";
import { makeSigner, signTx, txData } from "../../runtime/client/tx.ts";
import { BLOCK_LIMIT_RANGE } from "../../runtime/chain/limits.ts";
import { NODE_HEAP_FLAGS } from "../../cli/bin/relaunch.js";
import { startChild } from "./child.ts";
import { batches, drive, type DriveOptions, type Figures } from "./drive.ts";
import { deal, expectedBalances, interleaved, plan } from "./plan.ts";
import { HttpRpc, WsRpc, request } from "./rpc.ts";
import { signAll } from "./sign.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

export interface WeftOptions extends Omit<DriveOptions, "rpc"> {
  lanes: number;
  /** Write a V8 CPU profile of the node process into this folder. */
  profileDir?: string;
  /** Accounts sending the transfers, in turn (default 1: the deployer sends all). */
  senders?: number;
  /** Accounts receiving them, in turn (default 100). */
  recipients?: number;
  /** More `weft node` arguments (e.g. --serial, --workers 1). */
  nodeArgs?: string[];
}

/** Weft's figures for one suite; throws if the node misbehaves (the bench is about Weft). */
export async function runWeft(name: "ecdsa" | "sm", n: number, o: WeftOptions): Promise<Figures> {
  const suite = getSuite(name);
  const built = compile({ sources: { "token.weft": readFileSync(join(root, "examples/token.weft"), "utf8") }, crypto: suite.hashName, optimize: true, contracts: ["Token"] });
  if (!built.ok) throw new Error("examples/token.weft does not compile");
  const tokenAbi = built.contracts[0]!.abi as unknown as Abi;
  const fn = (f: string) => abi.findFunction(tokenAbi, f);
  const utf8 = new TextEncoder();
  const key = suite.hash(utf8.encode("weft bench sender"));
  const sender = makeSigner(suite, key);
  const senders = o.senders ?? 1;
  const keys = [key, ...Array.from({ length: senders - 1 }, (_, j) => suite.hash(utf8.encode(`weft bench sender ${j + 1}`)))];
  const senderAddresses = keys.map((k) => suite.addressOf(suite.publicKeyOf(k)));
  const recipients = Array.from({ length: o.recipients ?? 100 }, (_, i) => suite.addressOf(suite.publicKeyOf(suite.hash(utf8.encode(`recipient ${i}`)))));
  const work = senders === 1 ? plan(n, 1, recipients.length) : interleaved(n, senders, recipients.length);
  const supply = 10n ** 30n;
  const path = "/apps/token";

  const t0 = performance.now();
  const since = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const dataDir = mkdtempSync(join(tmpdir(), `weft-bench-${name}-`));
  const prof = o.profileDir ? ["--cpu-prof", "--cpu-prof-dir", o.profileDir, "--cpu-prof-name", `weft-node-${name}.cpuprofile`] : [];
  // NODE_HEAP_FLAGS here, as `weft node`'s launcher would add them: then the
  // child is the node itself (no relaunch), and cpuTime() reads its /proc/<pid>/stat.
  const child = await startChild(process.execPath, [...NODE_HEAP_FLAGS, ...prof, join(root, "cli/bin/weft.js"), "node", "--data", dataDir, "--crypto", name, "--port", "0", "--json", ...(o.nodeArgs ?? [])], {
    name: `weft node ${name}`,
    cwd: root,
    ready: (line) => (line.startsWith("{") ? line : null),
  });
  process.stderr.write(`  weft ${name}: node listening after ${since()}\n`);
  const info = JSON.parse(child.ready) as { url: string; wsUrl: string; chainID: string; groupID: string; blockNumber: number };
  const G = [info.groupID, ""];
  const rpc = new HttpRpc(info.url, o.lanes);
  let ws: WsRpc | undefined;
  try {
    // Setup, untimed: deploy, then sign every transfer (valid until block BLOCK_LIMIT_RANGE).
    const deployInput = abi.encodeDeployInput(built.contracts[0]!.wasm, abi.encodeConstructorArgs(tokenAbi, ["Bench", "B", supply]));
    const deploy = signTx(txData(info, info.blockNumber, { to: path, input: deployInput, abi: JSON.stringify(tokenAbi) }), sender);
    const deployed = await rpc.call<{ status: number; message: string }>("sendTransaction", [...G, hex(deploy.raw)]);
    if (deployed.status !== 0) throw new Error(`deploying the token failed: status ${deployed.status} ${deployed.message}`);
    const chain = { chainID: info.chainID, groupID: info.groupID };
    const blockLimit = info.blockNumber + BLOCK_LIMIT_RANGE;
    if (senders > 1) await fund(rpc, G, await signAll({ kind: "weft", suite: name, key: hex(key), chain, blockLimit, to: path, inputs: senderAddresses.slice(1).map((a) => hex(abi.encodeCall(fn("transfer"), [a, work.funding], suite.hashName))), nonceBase: "500", count: senders - 1 }, `weft ${name} funding`));
    const inputs = recipients.map((r) => hex(abi.encodeCall(fn("transfer"), [r, 1n], suite.hashName)));
    const txs = await signAll({ kind: "weft", suite: name, key: hex(key), ...(senders > 1 ? { keys: keys.map(hex) } : {}), chain, blockLimit, to: path, inputs, nonceBase: "1000", count: n }, `weft ${name}`);
    const bodies = batches(0, n, 100, (first, count) => JSON.stringify(txs.slice(first, first + count).map((t) => request("sendRawTransaction", [...G, t.raw]))));

    let confirm: (hashes: string[], at: number) => void = () => {};
    ws = await WsRpc.connect(info.wsUrl, (method, params) => {
      if (method === "subscription") confirm((params as { result: { transactions: string[] } }).result.transactions, performance.now());
    });
    await ws.call("subscribeBlocks", [info.groupID]);
    process.stderr.write(`  weft ${name}: submitting at ${since()}\n`);
    const figures = await drive({ hashes: txs.map((t) => t.hash), lanes: deal(bodies, o.lanes) }, (c) => (confirm = c), { ...o, rpc, pid: child.proc.pid! });

    // The workload ran: every receipt has status 0, and the balances moved.
    const receipts = (await rpc.many(txs.map((t) => ["getTransactionReceipt", [...G, t.hash]]))) as ({ status: number; message: string } | null)[];
    const bad = receipts.findIndex((r) => r?.status !== 0);
    if (bad >= 0) throw new Error(`transfer ${bad} has ${receipts[bad] ? `status ${receipts[bad]!.status} (${receipts[bad]!.message})` : "no receipt"}`);
    const holders = [...senderAddresses, ...recipients];
    const want = expectedBalances(work, supply, senders, recipients.length);
    const got = (await rpc.many(holders.map((h) => ["call", [...G, path, hex(abi.encodeCall(fn("balanceOf"), [h], suite.hashName))]]))) as { status: number; output: string }[];
    for (const [i, h] of holders.entries()) {
      const b = abi.decodeOutput(fn("balanceOf"), abi.fromHex(got[i]!.output))[0] as bigint;
      if (b !== want[i]) throw new Error(`${h} holds ${b} tokens after the run, not ${want[i]}`);
    }
    process.stderr.write(`  weft ${name}: receipts and balances checked at ${since()}\n`);
    return figures;
  } finally {
    ws?.close();
    rpc.close();
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Untimed setup: submits the funding transfers and waits until the last one (sealed last: one sender) has its receipt. */
async function fund(rpc: HttpRpc, G: string[], txs: { raw: string; hash: string }[]): Promise<void> {
  await rpc.many(txs.map((t) => ["sendRawTransaction", [...G, t.raw]]));
  const last = txs[txs.length - 1]!.hash;
  for (let i = 0; ; i++) {
    const r = await rpc.call<{ status: number; message: string } | null>("getTransactionReceipt", [...G, last]);
    if (r) {
      if (r.status !== 0) throw new Error(`funding the senders failed: status ${r.status} ${r.message}`);
      return;
    }
    if (i > 600) throw new Error("funding the senders took more than a minute");
    await new Promise((done) => setTimeout(done, 100));
  }
}
