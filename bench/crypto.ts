// Signature verifications per second on one core, as the node does them:
// SM2 (the sm suite's recover: Z_A, SM3, verify with the embedded key)
// against sm-crypto's doVerifySignature on the same signatures, and
// secp256k1 recovery (the ecdsa suite's recover: r ‖ s ‖ v → public key),
// each with the @noble/curves-only reference path in the same run.
// Run: npm run bench:crypto
import { cpus, loadavg } from "node:os";
import smCrypto from "sm-crypto";
import { getSuite, type KeyedSuite } from "../runtime/crypto/index.ts";
import { toHex } from "../runtime/crypto/bytes.ts";
import { recoverWithNoble } from "../runtime/crypto/ecdsa.ts";
import { verifyWithNoble } from "../runtime/crypto/sm2.ts";
import { median, table, time } from "./stats.ts";

interface Signed {
  digest: Uint8Array;
  signature: Uint8Array;
  publicKey: Uint8Array;
}

/** `count` signatures by `count` keys over distinct digests. */
function signatures(suite: KeyedSuite, count: number): Signed[] {
  const out: Signed[] = [];
  for (let i = 0; i < count; i++) {
    const { privateKey, publicKey } = suite.generateKeyPair();
    const digest = suite.hash(new TextEncoder().encode(`transaction ${i}`));
    out.push({ digest, signature: suite.sign(digest, privateKey), publicKey });
  }
  return out;
}

interface Row {
  name: string;
  perSecWall: number;
  perSecCpu: number;
  target?: number;
}

/**
 * Verifies every signature of `batch` per timed run, `runs` runs after
 * stats.time's warm-up. Wall figure: median run. CPU figure: the timed
 * runs' operations over their process CPU time, which a busy machine
 * (other processes on the two cores) does not inflate the way it does wall time.
 */
function measure<T>(name: string, batch: T[], runs: number, verify: (s: T) => boolean, target?: number): Row {
  for (const s of batch) if (!verify(s)) throw new Error(`${name}: a valid signature was refused`);
  const cpu: number[] = [];
  const wall = time(() => {
    const c0 = process.cpuUsage();
    for (const s of batch) verify(s);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }, runs);
  const cpuMs = cpu.slice(-runs).reduce((a, b) => a + b, 0);
  const row: Row = { name, perSecWall: (batch.length * 1000) / median(wall), perSecCpu: (batch.length * runs * 1000) / cpuMs };
  if (target !== undefined) row.target = target;
  return row;
}

const same = (a: Uint8Array | null, b: Uint8Array) => a !== null && toHex(a) === toHex(b);

export function runCryptoBench(): Row[] {
  const sm = getSuite("sm");
  const ecdsa = getSuite("ecdsa");
  const smSigs = signatures(sm, 64);
  const ecSigs = signatures(ecdsa, 64);
  const opts = { hash: true, der: false } as const;
  const forSmCrypto = smSigs.slice(0, 8).map((s) => ({ ...s, msg: Array.from(s.digest), rs: toHex(s.signature.subarray(0, 64)), pub: "04" + toHex(s.publicKey) }));
  return [
    measure("SM2 verify, Weft sm suite (Wasm kernel)", smSigs, 30, (s) => same(sm.recover(s.digest, s.signature), s.publicKey), 2000),
    measure("SM2 verify, @noble/curves points only", smSigs.slice(0, 16), 10, (s) => verifyWithNoble(s.digest, s.signature.subarray(0, 64), s.publicKey)),
    measure("SM2 verify, sm-crypto (hash: true, der: false)", forSmCrypto, 8, (s) => smCrypto.sm2.doVerifySignature(s.msg, s.rs, s.pub, opts)),
    measure("secp256k1 recover, Weft ecdsa suite (Wasm kernel)", ecSigs, 30, (s) => same(ecdsa.recover(s.digest, s.signature), s.publicKey), 3000),
    measure("secp256k1 recover, @noble/curves", ecSigs.slice(0, 16), 10, (s) => same(recoverWithNoble(s.digest, s.signature), s.publicKey)),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`crypto: signature checks per second on one core (${cpus()[0]?.model ?? "?"}, ${cpus().length} cores, load ${load})\n`);
  const rows = runCryptoBench();
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(
    table(
      ["", "per s (wall, median run)", "per s (CPU time)", "target"],
      rows.map((r) => [r.name, fmt(r.perSecWall), fmt(r.perSecCpu), r.target === undefined ? "" : `≥ ${fmt(r.target)} ${r.perSecCpu >= r.target ? "met" : "MISSED"}`]),
    ),
  );
  console.log("\nThe CPU-time column is the per-core figure; wall time also counts time the process waited for a core.");
}
