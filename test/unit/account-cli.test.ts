// `weft account` through main(), with captured output and temporary folders.
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";
import { getSuite } from "../../runtime/crypto/index.ts";
import { toHex } from "../../runtime/crypto/bytes.ts";
import { decryptKey } from "../../runtime/keystore/index.ts";

function run(argv: string[], cwd: string) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd };
  return main(["account", ...argv], io).then((code) => ({ code, out, err }));
}

/** A folder with a password file; commands run in it with a fast scrypt. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "weft-account-"));
  writeFileSync(join(dir, "pw"), "s3cret\n");
  return { dir, ks: ["--keystore", "ks"], pw: ["--password-file", "pw"], fast: ["--scrypt-n", "1024"] };
}

const savedEnv = { WEFT_PASSWORD: process.env.WEFT_PASSWORD, WEFT_HOME: process.env.WEFT_HOME };
afterEach(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("weft account", () => {
  it("explains itself and refuses what it does not know", async () => {
    const { dir } = workspace();
    const top = await run(["--help"], dir);
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/new .*\n.*list .*\n.*import .*\n.*export /);
    expect((await run([], dir)).code).toBe(2);
    const unknown = await run(["rename"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown subcommand `rename`");
    for (const sub of ["new", "list", "import", "export"]) {
      const h = await run([sub, "--help"], dir);
      expect(h.code).toBe(0);
      expect(h.out).toContain(`Usage: weft account ${sub}`);
    }
    expect((await run(["list", "--crypto", "sm"], dir)).err).toContain("--crypto does not apply to `weft account list`");
    expect((await run(["new", "--crypto", "rsa"], dir)).code).toBe(2);
    expect((await run(["new", "--scrypt-n", "1000"], dir)).err).toContain("--scrypt-n must be a power of two");
  });

  it("new writes an encrypted keystore for either suite and prints its address", async () => {
    const w = workspace();
    const sm = await run(["new", "--crypto", "sm", ...w.ks, ...w.pw, ...w.fast, "--json"], w.dir);
    expect(sm.code).toBe(0);
    const made = JSON.parse(sm.out);
    expect(made).toMatchObject({ suite: "sm", path: join(w.dir, "ks", `${made.address.toLowerCase()}.json`) });
    const key = await decryptKey(readFileSync(made.path, "utf8"), "s3cret");
    expect(key).toMatchObject({ suite: "sm", address: made.address });

    const ecdsa = await run(["new", ...w.ks, ...w.pw, ...w.fast], w.dir);
    expect(ecdsa.code).toBe(0);
    expect(ecdsa.out).toMatch(/^[0-9a-fA-F]{40}\n$/);
    expect(ecdsa.err).toContain("created ecdsa account");
    expect((await decryptKey(readFileSync(join(w.dir, "ks", `${ecdsa.out.trim().toLowerCase()}.json`), "utf8"), "s3cret")).suite).toBe("ecdsa");
  });

  it("list shows the accounts and the files that are not keystores", async () => {
    const w = workspace();
    const a = JSON.parse((await run(["new", ...w.ks, ...w.pw, ...w.fast, "--json"], w.dir)).out);
    const b = JSON.parse((await run(["new", "--crypto", "sm", ...w.ks, ...w.pw, ...w.fast, "--json"], w.dir)).out);
    writeFileSync(join(w.dir, "ks", "junk.json"), "not a keystore");
    const text = await run(["list", ...w.ks], w.dir);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`${a.address}  ecdsa  ${a.path}`);
    expect(text.out).toContain(`${b.address}  sm     ${b.path}`);
    expect(text.err).toMatch(/junk\.json: keystore is damaged: not JSON/);
    const json = JSON.parse((await run(["list", ...w.ks, "--json"], w.dir)).out);
    expect(json.accounts.map((x: { address: string }) => x.address).sort()).toEqual([a.address, b.address].sort());
    expect(json.damaged).toHaveLength(1);
    const empty = await run(["list", "--keystore", "nowhere"], w.dir);
    expect(empty.code).toBe(0);
    expect(empty.err).toContain("no accounts in");
  });

  it("import stores a given key once and refuses what is not a key", async () => {
    const w = workspace();
    const ecdsa = getSuite("ecdsa");
    const { privateKey, publicKey } = ecdsa.generateKeyPair();
    writeFileSync(join(w.dir, "key"), `0x${toHex(privateKey)}\n`);
    const r = await run(["import", "--private-key-file", "key", ...w.ks, ...w.pw, ...w.fast, "--json"], w.dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).address).toBe(ecdsa.addressOf(publicKey));
    const again = await run(["import", "--private-key-file", "key", ...w.ks, ...w.pw, ...w.fast], w.dir);
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exists");

    writeFileSync(join(w.dir, "short"), "ab".repeat(31));
    expect((await run(["import", "--private-key-file", "short", ...w.ks, ...w.pw, ...w.fast], w.dir)).err).toContain("64 hex characters");
    writeFileSync(join(w.dir, "zero"), "00".repeat(32));
    const zero = await run(["import", "--private-key-file", "zero", ...w.ks, ...w.pw, ...w.fast], w.dir);
    expect(zero.code).toBe(2);
    expect(zero.err).toContain("not a valid ecdsa private key");
    expect((await run(["import", "--private-key-file", "missing", ...w.ks, ...w.pw], w.dir)).err).toContain("no such private key file");
  });

  it("export prints the key only when asked explicitly, and refuses wrong passwords and damaged files", async () => {
    const w = workspace();
    const sm = getSuite("sm");
    const { privateKey } = sm.generateKeyPair();
    writeFileSync(join(w.dir, "key"), toHex(privateKey));
    const { address, path } = JSON.parse((await run(["import", "--crypto", "sm", "--private-key-file", "key", ...w.ks, ...w.pw, ...w.fast, "--json"], w.dir)).out);

    const unasked = await run(["export", address, ...w.ks, ...w.pw], w.dir);
    expect(unasked.code).toBe(2);
    expect(unasked.out).toBe("");
    expect(unasked.err).toContain("--yes-print-private-key");

    process.env.WEFT_PASSWORD = "s3cret";
    const ok = await run(["export", address, ...w.ks, "--yes-print-private-key"], w.dir);
    expect(ok.code).toBe(0);
    expect(ok.out).toBe(`${toHex(privateKey)}\n`);
    const byPath = JSON.parse((await run(["export", path, "--yes-print-private-key", "--json"], w.dir)).out);
    expect(byPath).toEqual({ address, suite: "sm", privateKey: toHex(privateKey) });

    process.env.WEFT_PASSWORD = "guess";
    const wrong = await run(["export", address, ...w.ks, "--yes-print-private-key"], w.dir);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toBe("");
    expect(wrong.err).toContain("error[KEYSTORE_PASSWORD]: wrong password for keystore");

    const doc = JSON.parse(readFileSync(path, "utf8"));
    doc.cipher.ciphertext = "00" + doc.cipher.ciphertext.slice(2);
    writeFileSync(path, JSON.stringify(doc));
    const damaged = await run(["export", address, ...w.ks, ...w.pw, "--yes-print-private-key"], w.dir);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toMatch(/error\[KEYSTORE_DAMAGED\]: keystore is damaged: the HMAC-SM3 tag does not match/);

    const nobody = await run(["export", "ab".repeat(20), ...w.ks, ...w.pw, "--yes-print-private-key"], w.dir);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain("error[NOT_FOUND]");
  });

  it("uses $WEFT_HOME/keystore by default, and needs a password from somewhere", async () => {
    const w = workspace();
    process.env.WEFT_HOME = join(w.dir, "home");
    delete process.env.WEFT_PASSWORD;
    const none = await run(["new", ...w.fast], w.dir);
    expect(none.code).toBe(2);
    expect(none.err).toContain("a password is needed");
    expect(existsSync(join(w.dir, "home"))).toBe(false);
    process.env.WEFT_PASSWORD = "from the environment";
    const r = await run(["new", ...w.fast, "--json"], w.dir);
    expect(r.code).toBe(0);
    const { path } = JSON.parse(r.out);
    expect(path.startsWith(join(w.dir, "home", "keystore"))).toBe(true);
    expect((await decryptKey(readFileSync(path, "utf8"), "from the environment")).suite).toBe("ecdsa");
    writeFileSync(join(w.dir, "empty"), "\n");
    expect((await run(["new", "--password-file", "empty", ...w.fast], w.dir)).err).toContain("the password is empty");
  });
});
