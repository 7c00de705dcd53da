// Pre-signing, before anything is timed: tens of thousands of signatures in
// pure JS (secp256k1 or SM2, a few ms each) are most of the bench's setup,
// so they are spread over worker threads, one per core (each worker loads
// this file through tsx and signs a contiguous share). The jobs are
// deterministic (fixed keys, nonces, chain ids and block limits, on fresh
// chains; deterministic signatures), so what was signed is kept in the
// system's temp folder and reused by the next run, once the first
// transaction signed afresh matches; BENCH_SIGN_CACHE=0 signs afresh.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { peersNodeDir, requirePeer } from "../peers.ts";

/** Ethereum EIP-1559 transactions with ethers v6 (bench/peers-node). */
export interface EthersJob {
  kind: "ethers";
  keys: string[];
  chainId: string;
  /** One per transaction: sender index, nonce, destination (null: deployment), calldata. */
  txs: { from: number; nonce: number; to: string | null; data: string }[];
}

/** Weft transactions (runtime/client/tx.ts) with the chain's suite. */
export interface WeftJob {
  kind: "weft";
  suite: "ecdsa" | "sm";
  key: string;
  /** When given, transaction i is signed by keys[i % keys.length] instead of `key`. */
  keys?: string[];
  chain: { chainID: string; groupID: string };
  blockLimit: number;
  to: string;
  /** Hex call inputs; transaction i sends inputs[i % inputs.length], with nonce `${nonceBase}${i}`. */
  inputs: string[];
  nonceBase: string;
  count: number;
}

export interface Signed {
  /** 0x-hex of the signed transaction. */
  raw: string;
  /** Lower-case 0x-hex transaction hash. */
  hash: string;
}

type Job = EthersJob | WeftJob;

const length = (job: Job) => (job.kind === "ethers" ? job.txs.length : job.count);

async function signRange(job: Job, from: number, to: number): Promise<Signed[]> {
  const out: Signed[] = [];
  if (job.kind === "ethers") {
    interface Ethers {
      Wallet: new (key: string) => { signingKey: { sign(digest: string): unknown } };
      Transaction: { from(tx: Record<string, unknown>): { signature: unknown; unsignedHash: string; serialized: string; hash: string | null } };
    }
    const ethers = requirePeer<Ethers>(peersNodeDir, "ethers")!;
    const wallets = job.keys.map((k) => new ethers.Wallet(k));
    for (const t of job.txs.slice(from, to)) {
      const tx = ethers.Transaction.from({ type: 2, chainId: BigInt(job.chainId), nonce: t.nonce, to: t.to, data: t.data, gasLimit: 3_000_000, maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n, value: 0n });
      tx.signature = wallets[t.from]!.signingKey.sign(tx.unsignedHash);
      out.push({ raw: tx.serialized, hash: tx.hash!.toLowerCase() });
    }
  } else {
    const { getSuite } = await import("../../runtime/crypto/index.ts");
    const { makeSigner, signTx, txData } = await import("../../runtime/client/tx.ts");
    const suite = getSuite(job.suite);
    const signers = (job.keys ?? [job.key]).map((k) => makeSigner(suite, new Uint8Array(Buffer.from(k, "hex"))));
    const inputs = job.inputs.map((h) => new Uint8Array(Buffer.from(h, "hex")));
    for (let i = from; i < to; i++) {
      const data = txData(job.chain, 0, { to: job.to, input: inputs[i % inputs.length]!, nonce: `${job.nonceBase}${i}`, blockLimit: job.blockLimit });
      const tx = signTx(data, signers[i % signers.length]!);
      out.push({ raw: Buffer.from(tx.raw).toString("hex"), hash: tx.hash.toLowerCase() });
    }
  }
  return out;
}

/** Signs every transaction of `job`, in order, on one worker thread per core (or finds them signed by an earlier run). */
export async function signAll(job: Job, label: string): Promise<Signed[]> {
  const dir = join(tmpdir(), "weft-bench-signed");
  const file = join(dir, createHash("sha256").update(JSON.stringify(job)).digest("hex").slice(0, 32) + ".json");
  const cache = process.env.BENCH_SIGN_CACHE !== "0";
  if (cache && existsSync(file)) {
    try {
      const kept = JSON.parse(readFileSync(file, "utf8")) as Signed[];
      // Signatures are deterministic: the first transaction signed now must be the kept one, else encoding or signing changed since.
      if (kept.length === length(job) && (await signRange(job, 0, 1))[0]?.raw === kept[0]?.raw) {
        process.stderr.write(`  ${label}: ${kept.length} transactions signed by an earlier run (${file})\n`);
        return kept;
      }
    } catch {
      // signed again below
    }
  }
  const t0 = performance.now();
  const signed = await signInWorkers(job);
  process.stderr.write(`  ${label}: ${signed.length} transactions signed in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  if (cache) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file + ".tmp", JSON.stringify(signed));
    renameSync(file + ".tmp", file);
  }
  return signed;
}

async function signInWorkers(job: Job): Promise<Signed[]> {
  const n = length(job);
  const workers = Math.max(1, Math.min(availableParallelism(), Math.ceil(n / 500)));
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(import.meta.url)});`;
  const shares = Array.from({ length: workers }, (_, w) => {
    const from = Math.floor((w * n) / workers);
    const to = Math.floor(((w + 1) * n) / workers);
    return new Promise<Signed[]>((resolve, reject) => {
      const worker = new Worker(new URL("data:text/javascript," + encodeURIComponent(boot)), { workerData: { job, from, to } });
      worker.once("message", (m: Signed[] | { error: string }) => (Array.isArray(m) ? resolve(m) : reject(new Error(m.error))));
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`a signing worker exited (${code})`)));
    });
  });
  return (await Promise.all(shares)).flat();
}

if (!isMainThread && workerData?.job) {
  const { job, from, to } = workerData as { job: Job; from: number; to: number };
  signRange(job, from, to).then(
    (r) => parentPort!.postMessage(r),
    (e: Error) => parentPort!.postMessage({ error: e.stack ?? e.message }),
  );
}
