// The peer: Hardhat 2's node (EDR) from bench/peers-node, running the same
// workload on bench/peers/Token.sol (solc-js from bench/peers, optimiser
// on). One sender per connection (an Ethereum account's nonces must arrive
// in order), each funded with tokens first; N pre-signed EIP-1559 transfers
// with explicit nonces, submitted with eth_sendRawTransaction. Automine
// mines each transaction as it arrives and cannot take them out of order,
// so there every request goes alone; with interval mining in batches.
// Receipt times from newHeads notifications (each block's hashes fetched
// after).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePeers, loadPeer, peersNodeDir, requirePeer } from "../peers.ts";
import { startChild } from "./child.ts";
import { batches, drive, type DriveOptions, type Figures } from "./drive.ts";
import { expectedBalances, plan } from "./plan.ts";
import { HttpRpc, WsRpc, request } from "./rpc.ts";
import { signAll } from "./sign.ts";

// The parts of ethers v6 used here.
interface Ethers {
  Wallet: new (key: string) => { address: string };
  Interface: new (abi: unknown) => {
    encodeFunctionData(fn: string, args: unknown[]): string;
    encodeDeploy(args: unknown[]): string;
    decodeFunctionResult(fn: string, data: string): unknown[];
  };
  keccak256(data: Uint8Array): string;
  dataSlice(data: string, start: number): string;
  getAddress(a: string): string;
  getCreateAddress(tx: { from: string; nonce: number }): string;
  toUtf8Bytes(s: string): Uint8Array;
}
interface Solc {
  compile(input: string): string;
}

/** How Hardhat mines: 0 for automine, else every this many milliseconds. */
export function hardhatLabel(intervalMs: number): string {
  return intervalMs > 0 ? `hardhat (EDR, ${intervalMs} ms interval)` : "hardhat (EDR, automine)";
}

function compileToken(solc: Solc): { abi: unknown; bytecode: string } {
  const out = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { "Token.sol": { content: readFileSync(new URL("../peers/Token.sol", import.meta.url), "utf8") } },
        settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun", outputSelection: { "*": { Token: ["abi", "evm.bytecode.object"] } } },
      }),
    ),
  ) as { errors?: { severity: string; message: string }[]; contracts: Record<string, Record<string, { abi: unknown; evm: { bytecode: { object: string } } }>> };
  const err = out.errors?.find((e) => e.severity === "error");
  if (err) throw new Error(`Token.sol: ${err.message}`);
  const c = out.contracts["Token.sol"]!.Token!;
  return { abi: c.abi, bytecode: "0x" + c.evm.bytecode.object };
}

/** Hardhat's figures, or a sentence saying why there are none. */
export async function runHardhat(n: number, lanes: number, interval: number, o: Omit<DriveOptions, "rpc">): Promise<Figures | string> {
  const solc = loadPeer<Solc>("solc");
  if (!solc) return "solc-js could not be installed in bench/peers";
  if (!ensurePeers(peersNodeDir, ["hardhat", "ethers"])) return "hardhat or ethers could not be installed in bench/peers-node";
  const ethers = requirePeer<Ethers>(peersNodeDir, "ethers");
  if (!ethers) return "ethers does not load from bench/peers-node";
  const token = compileToken(solc);
  const iface = new ethers.Interface(token.abi);
  const keys = Array.from({ length: lanes }, (_, i) => ethers.keccak256(ethers.toUtf8Bytes(`weft bench sender ${i}`)));
  const wallets = keys.map((k) => new ethers.Wallet(k));

  // Everything is signed before the node starts: chain id 31337 (hardhat.config.cjs), the token at the deployer's first address.
  const supply = 10n ** 30n;
  const address = ethers.getCreateAddress({ from: wallets[0]!.address, nonce: 0 });
  const recipients = Array.from({ length: 100 }, (_, i) => ethers.getAddress(ethers.dataSlice(ethers.keccak256(ethers.toUtf8Bytes(`recipient ${i}`)), 12)));
  const work = plan(n, lanes, recipients.length);
  const nonces = wallets.map(() => 0);
  const tx = (from: number, to: string | null, data: string) => ({ from, nonce: nonces[from]!++, to, data });
  const unsigned = [tx(0, null, token.bytecode + iface.encodeDeploy(["Bench", "B", supply]).slice(2))];
  for (let l = 1; l < lanes; l++) unsigned.push(tx(0, address, iface.encodeFunctionData("transfer", [wallets[l]!.address, work.funding])));
  const inputs = recipients.map((r) => iface.encodeFunctionData("transfer", [r, 1n]));
  for (const t of work.transfers) unsigned.push(tx(t.sender, address, inputs[t.recipient]!));
  const signed = await signAll({ kind: "ethers", keys, chainId: "31337", txs: unsigned }, "hardhat");
  const setup = signed.slice(0, lanes);
  const txs = signed.slice(lanes);
  const size = interval > 0 ? 100 : 1;
  const one = (i: number) => request("eth_sendRawTransaction", [txs[i]!.raw]);
  const bodies = work.ranges.map(([from, to]) =>
    batches(from, to, size, (first, count) => JSON.stringify(size === 1 ? one(first) : Array.from({ length: count }, (_, k) => one(first + k)))),
  );

  const bootstrap = join(peersNodeDir, "node_modules", "hardhat", "internal", "cli", "bootstrap.js");
  const env = { ...process.env, BENCH_ACCOUNT_KEYS: keys.join(","), BENCH_INTERVAL_MS: String(interval), HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" };
  let child;
  try {
    child = await startChild(process.execPath, [bootstrap, "node", "--hostname", "127.0.0.1", "--port", "0"], {
      name: "hardhat node",
      cwd: peersNodeDir,
      env,
      ready: (line) => /JSON-RPC server at (http:\/\/\S+)/.exec(line)?.[1] ?? null,
    });
  } catch (e) {
    return `hardhat node does not run: ${(e as Error).message}`;
  }
  const rpc = new HttpRpc(child.ready, lanes);
  const blockRpc = new HttpRpc(child.ready, 1);
  let ws: WsRpc | undefined;
  let stopping = false;
  try {
    /** Setup, untimed: one transaction at a time, each until its receipt. */
    for (const tx of setup) {
      await rpc.call("eth_sendRawTransaction", [tx.raw]);
      let r: { status: string } | null = null;
      for (let i = 0; i < 400 && !r; i++) {
        r = await rpc.call<{ status: string } | null>("eth_getTransactionReceipt", [tx.hash]);
        if (!r) await new Promise((done) => setTimeout(done, 25));
      }
      if (r?.status !== "0x1") throw new Error(`setup transaction ${tx.hash} ${r ? "failed" : "has no receipt after 10 s"}`);
    }

    // newHeads carries no hashes: fetch each announced block's, dated by the notification.
    const announced: { number: string; at: number }[] = [];
    let confirm: (hashes: string[], at: number) => void = () => {};
    let fetching = false;
    const fetchBlocks = async () => {
      if (fetching) return;
      fetching = true;
      try {
        for (let failures = 0; announced.length; ) {
          const some = announced.splice(0, 100);
          try {
            const got = await blockRpc.batch(some.map((b) => ["eth_getBlockByNumber", [b.number, false]]));
            got.forEach((a, i) => confirm((a.result as { transactions: string[] }).transactions, some[i]!.at));
          } catch (e) {
            // A keep-alive connection the server closed as it was reused: ask again.
            announced.unshift(...some);
            if (++failures > 5) throw e;
          }
        }
      } finally {
        fetching = false;
      }
    };
    ws = await WsRpc.connect(child.ready.replace(/^http/, "ws"), (method, params) => {
      if (method !== "eth_subscription") return;
      announced.push({ number: (params as { result: { number: string } }).result.number, at: performance.now() });
      fetchBlocks().catch((e: Error) => stopping || process.stderr.write(`  hardhat: fetching blocks: ${e.message}\n`));
    });
    await ws.call("eth_subscribe", ["newHeads"]);
    const figures = await drive({ hashes: txs.map((t) => t.hash), lanes: bodies }, (c) => (confirm = c), { ...o, rpc, pid: child.proc.pid! });

    // The workload ran: every receipt succeeded, and the balances moved.
    const receipts = (await rpc.many(txs.map((t) => ["eth_getTransactionReceipt", [t.hash]]))) as ({ status: string } | null)[];
    const failed = receipts.filter((r) => r?.status !== "0x1").length;
    if (failed) return `hardhat: ${failed} of ${n} transfers have no successful receipt`;
    const holders = [...wallets.map((w) => w.address), ...recipients];
    const want = expectedBalances(work, supply, lanes, recipients.length);
    const got = await rpc.many(holders.map((h) => ["eth_call", [{ to: address, data: iface.encodeFunctionData("balanceOf", [h]) }, "latest"]]));
    for (const [i, h] of holders.entries()) {
      const b = iface.decodeFunctionResult("balanceOf", got[i] as string)[0] as bigint;
      if (b !== want[i]) return `hardhat: ${h} holds ${b} tokens after the run, not ${want[i]}`;
    }
    return figures;
  } catch (e) {
    return `hardhat run failed: ${(e as Error).message}`;
  } finally {
    stopping = true;
    ws?.close();
    rpc.close();
    blockRpc.close();
    await child.stop();
  }
}
