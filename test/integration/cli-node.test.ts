// The acceptance of issue 3 through the `weft` command: `weft node` on a
// fresh folder; deploy examples/token with a keystore account; send a
// transfer; call balanceOf; stop the node with SIGINT and start it again:
// the same values. Plus receipt and block, and refusals with clear errors.
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";
import { encryptKey, writeKeystore } from "../../runtime/keystore/index.ts";
import { getSuite } from "../../runtime/crypto/index.ts";

const repo = new URL("../..", import.meta.url).pathname;
const weft = join(repo, "cli/bin/weft.js");
const tmp = mkdtempSync(join(tmpdir(), "weft-cli-node-"));
/** Node processes started here: killed at the end even when a test fails or times out. */
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd: repo };
  const code = await main(argv, io);
  return { code, out, err };
}

async function startNode(data: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [weft, "node", "--data", data, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  children.push(child);
  let text = "";
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on("line", (l) => {
      text += l + "\n";
      const m = /http\s+(http:\/\/\S+)/.exec(l);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (c) => reject(new Error(`weft node exited with ${c}: ${text}`)));
  });
  return { child, url, output: () => text };
}

async function stop(node: { child: ChildProcess }): Promise<number | null> {
  node.child.kill("SIGINT");
  return new Promise((r) => node.child.once("exit", (c) => r(c)));
}

describe("weft node with deploy, send and call", () => {
  it("keeps a token's balances across a restart", async () => {
    const data = join(tmp, "node");
    const keystore = join(tmp, "keystore");
    const passwordFile = join(tmp, "password");
    writeFileSync(passwordFile, "correct horse\n");
    const suite = getSuite("ecdsa");
    const alice = suite.generateKeyPair();
    const doc = await encryptKey("ecdsa", alice.privateKey, "correct horse", { scrypt: { n: 1024 } });
    writeKeystore(keystore, doc);
    const aliceAddress = suite.addressOf(alice.publicKey);
    const bob = suite.addressOf(suite.generateKeyPair().publicKey);
    const signer = ["--from", aliceAddress, "--keystore", keystore, "--password-file", passwordFile];

    let node = await startNode(data);
    expect(node.output()).toMatch(/ecdsa chain "chain0", group "group0", block 0/);
    const url = ["--url", node.url];
    const deployed = await run(["deploy", "examples/token.weft", "--contract", "Token", "--args", '["Weft", "WFT", 1000000]', ...signer, ...url]);
    expect(deployed.err + deployed.out).toMatch(/deployed Token to \/apps\/token: ok/);
    expect(deployed.code).toBe(0);
    // a contract that lives in a std module, named with --contract (std contracts are compiled only when named)
    const usesStd = join(tmp, "uses-committee.weft");
    writeFileSync(usesStd, "use std::governance::{Committee};\n");
    const committee = await run(["deploy", usesStd, "--contract", "Committee", ...signer, ...url]);
    expect(committee.err + committee.out).toMatch(/deployed Committee to \S+: ok/);
    expect(committee.code).toBe(0);
    const sent = await run(["send", "/apps/token", "transfer", JSON.stringify([bob, 2500]), ...signer, ...url, "--json"]);
    expect(sent.code).toBe(0);
    const receipt = JSON.parse(sent.out) as { ok: boolean; transactionHash: string; events: { name: string }[] };
    expect(receipt.ok).toBe(true);
    expect(receipt.events.map((e) => e.name)).toEqual(["Transfer"]);
    expect((await run(["call", "/apps/token", "balanceOf", JSON.stringify([bob]), ...url])).out.trim()).toBe('"2500"');

    const shown = await run(["receipt", receipt.transactionHash, ...url]);
    expect(JSON.parse(shown.out)).toMatchObject({ status: 0, to: "/apps/token" });
    const block = JSON.parse((await run(["block", "latest", ...url])).out) as { number: number; transactions: string[] };
    expect(block.transactions).toContain(receipt.transactionHash);

    // refusals: a wrong password, a failing transfer, no node
    const wrongPw = join(tmp, "wrong");
    writeFileSync(wrongPw, "nope");
    const bad = await run(["send", "/apps/token", "transfer", JSON.stringify([bob, 1]), "--from", aliceAddress, "--keystore", keystore, "--password-file", wrongPw, ...url]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/KEYSTORE_PASSWORD|password/i);
    const tooMuch = await run(["send", "/apps/token", "transfer", JSON.stringify([bob, 10n ** 12n].map(String)), ...signer, ...url]);
    expect(tooMuch.code).toBe(1);
    expect(tooMuch.out).toMatch(/FAILED \(status 16/);

    expect(await stop(node)).toBe(0);
    node = await startNode(data);
    expect(node.output()).toMatch(/block [1-9]/);
    expect((await run(["call", "/apps/token", "balanceOf", JSON.stringify([bob]), "--url", node.url])).out.trim()).toBe('"2500"');
    expect(await stop(node)).toBe(0);
    const down = await run(["call", "/apps/token", "balanceOf", JSON.stringify([bob]), "--url", node.url]);
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/error/);
  }, 120_000);
});
