// Keystores: round trips on both suites, a file built by hand from the
// README's description, and every refusal with its code and message.
import { describe, expect, it } from "vitest";
import { createCipheriv, createHash, randomBytes, scryptSync } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ChainError } from "../../runtime/chain/errors.ts";
import { getSuite } from "../../runtime/crypto/index.ts";
import { toHex } from "../../runtime/crypto/bytes.ts";
import {
  decryptKey, defaultKeystoreDir, encryptKey, findKeystore, keystorePath, listKeystores, unlockKeystoreFile, writeKeystore, type KeystoreJson,
} from "../../runtime/keystore/index.ts";

const fast = { scrypt: { n: 1024 } };
const PW = "correct horse battery staple";

async function refusal(p: Promise<unknown>): Promise<ChainError> {
  const e = await p.then(() => null, (e: unknown) => e);
  expect(e).toBeInstanceOf(ChainError);
  return e as ChainError;
}

async function expectDamaged(doc: unknown, message: RegExp, password = PW) {
  const e = await refusal(decryptKey(typeof doc === "string" ? doc : JSON.stringify(doc), password));
  expect(e.code).toBe("KEYSTORE_DAMAGED");
  expect(e.message).toMatch(message);
}

const copy = (k: KeystoreJson): KeystoreJson => JSON.parse(JSON.stringify(k));

describe.each(["ecdsa", "sm"] as const)("%s keystores", (suiteName) => {
  const suite = getSuite(suiteName);
  const { privateKey, publicKey } = suite.generateKeyPair();

  it("round-trip the key and record address, suite, kdf and cipher parameters", async () => {
    const doc = await encryptKey(suiteName, privateKey, PW, fast);
    expect(doc).toMatchObject({ kind: "weft-keystore", version: 1, suite: suiteName, address: suite.addressOf(publicKey) });
    expect(doc.kdf).toMatchObject({ name: "scrypt", n: 1024, r: 8, p: 1 });
    expect(doc.kdf.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.cipher.name).toBe(suiteName === "ecdsa" ? "aes-256-gcm" : "sm4-ctr-hmac-sm3");
    expect(doc.cipher.iv.length / 2).toBe(suiteName === "ecdsa" ? 12 : 16);
    expect(doc.cipher.tag.length / 2).toBe(suiteName === "ecdsa" ? 16 : 32);
    expect(doc.cipher.ciphertext).not.toContain(toHex(privateKey));
    const key = await decryptKey(JSON.stringify(doc), PW);
    expect(toHex(key.privateKey)).toBe(toHex(privateKey));
    expect(toHex(key.publicKey)).toBe(toHex(publicKey));
    expect(key).toMatchObject({ suite: suiteName, address: doc.address });
    // Fresh salt and iv every time.
    const again = await encryptKey(suiteName, privateKey, PW, fast);
    expect(again.kdf.salt).not.toBe(doc.kdf.salt);
    expect(again.cipher.ciphertext).not.toBe(doc.cipher.ciphertext);
  });

  it("say KEYSTORE_PASSWORD for a wrong password", async () => {
    const doc = await encryptKey(suiteName, privateKey, PW, fast);
    const e = await refusal(decryptKey(doc, PW + "!"));
    expect(e.code).toBe("KEYSTORE_PASSWORD");
    expect(e.message).toContain(`wrong password for keystore ${doc.address}`);
  });

  it("say KEYSTORE_DAMAGED, and what, for altered contents", async () => {
    const doc = await encryptKey(suiteName, privateKey, PW, fast);
    const tagName = suiteName === "ecdsa" ? "AES-GCM" : "HMAC-SM3";
    const flipHex = (h: string) => (h[0] === "0" ? "1" : "0") + h.slice(1);
    const ct = copy(doc);
    ct.cipher.ciphertext = flipHex(ct.cipher.ciphertext);
    await expectDamaged(ct, new RegExp(`${tagName} tag does not match`));
    const tag = copy(doc);
    tag.cipher.tag = flipHex(tag.cipher.tag);
    await expectDamaged(tag, /tag does not match/);
    const iv = copy(doc);
    iv.cipher.iv = flipHex(iv.cipher.iv);
    await expectDamaged(iv, /tag does not match/);
    // The recorded address is covered by the tag: another account's address is caught.
    const addr = copy(doc);
    addr.address = suite.addressOf(suite.generateKeyPair().publicKey);
    await expectDamaged(addr, /tag does not match/);
    const check = copy(doc);
    check.kdf.check = flipHex(check.kdf.check);
    await expectDamaged(check, /password check value \(kdf\.check\) was altered/);
  });

  it("say KEYSTORE_DAMAGED for malformed files, before trying the password", async () => {
    const doc = await encryptKey(suiteName, privateKey, PW, fast);
    await expectDamaged("{ not json", /not JSON/);
    await expectDamaged("[]", /`keystore` is not an object/);
    await expectDamaged({ ...doc, kind: undefined }, /not a Weft keystore/);
    await expectDamaged({ ...doc, version: 2 }, /version 2 is newer than this weft reads \(1\)/);
    await expectDamaged({ ...doc, suite: "rsa" }, /`suite` must be "ecdsa" or "sm"/);
    await expectDamaged({ ...doc, address: "0x12" }, /`address` is not 40 hex characters/);
    await expectDamaged({ ...doc, kdf: undefined }, /`kdf` is missing/);
    await expectDamaged({ ...doc, kdf: { ...doc.kdf, salt: undefined } }, /`kdf.salt` is missing/);
    await expectDamaged({ ...doc, kdf: { ...doc.kdf, salt: "abcd" } }, /`kdf.salt` is 2 bytes, expected 16 to 64/);
    await expectDamaged({ ...doc, kdf: { ...doc.kdf, n: 1000 } }, /`kdf.n` must be a power of two/);
    await expectDamaged({ ...doc, kdf: { ...doc.kdf, n: 2 ** 24 } }, /`kdf.n` must be an integer from 2 to 1048576/);
    await expectDamaged({ ...doc, kdf: { ...doc.kdf, name: "pbkdf2" } }, /`kdf.name` must be "scrypt"/);
    await expectDamaged({ ...doc, cipher: { ...doc.cipher, ciphertext: doc.cipher.ciphertext.slice(2) } }, /`cipher.ciphertext` is 31 bytes, expected 32/);
    await expectDamaged({ ...doc, cipher: { ...doc.cipher, tag: doc.cipher.tag + "00" } }, /`cipher.tag` is \d+ bytes/);
    await expectDamaged({ ...doc, cipher: { ...doc.cipher, iv: "zz" } }, /`cipher.iv` is not a hex string/);
    const other = suiteName === "ecdsa" ? "sm4-ctr-hmac-sm3" : "aes-256-gcm";
    await expectDamaged({ ...doc, cipher: { ...doc.cipher, name: other } }, new RegExp(`${suiteName} keystores use`));
  });
});

describe("the format as README.md describes it", () => {
  /** An ecdsa keystore sealed by hand: scrypt → [AES key | check secret], AES-256-GCM over the header. */
  function sealByHand(privateKey: Uint8Array, address: string): KeystoreJson {
    const salt = randomBytes(32), iv = randomBytes(12);
    const dk = scryptSync(PW, salt, 64, { N: 1024, r: 8, p: 1 });
    const check = createHash("sha256").update("weft keystore password check").update(dk.subarray(32)).digest("hex");
    const header = JSON.stringify([1, "ecdsa", address.toLowerCase(), "scrypt", 1024, 8, 1, salt.toString("hex"), "aes-256-gcm", iv.toString("hex")]);
    const c = createCipheriv("aes-256-gcm", dk.subarray(0, 32), iv).setAAD(Buffer.from(header));
    const ciphertext = Buffer.concat([c.update(privateKey), c.final()]).toString("hex");
    return {
      kind: "weft-keystore", version: 1, suite: "ecdsa", address,
      kdf: { name: "scrypt", n: 1024, r: 8, p: 1, salt: salt.toString("hex"), check },
      cipher: { name: "aes-256-gcm", iv: iv.toString("hex"), ciphertext, tag: c.getAuthTag().toString("hex") },
    };
  }

  it("decrypts a file another tool wrote from the description", async () => {
    const ecdsa = getSuite("ecdsa");
    const { privateKey, publicKey } = ecdsa.generateKeyPair();
    const key = await decryptKey(sealByHand(privateKey, ecdsa.addressOf(publicKey)), PW);
    expect(toHex(key.privateKey)).toBe(toHex(privateKey));
  });

  it("refuses a well-sealed key whose address is not the recorded one", async () => {
    const ecdsa = getSuite("ecdsa");
    const mine = ecdsa.generateKeyPair();
    const someoneElse = ecdsa.addressOf(ecdsa.generateKeyPair().publicKey);
    await expectDamaged(sealByHand(mine.privateKey, someoneElse), new RegExp(`belongs to ${ecdsa.addressOf(mine.publicKey)}, not to the recorded address ${someoneElse}`));
  });
});

describe("keystore folders", () => {
  it("write one owner-only file per account, find it by address or path, and list what is there", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "weft-ks-")), "keystore");
    const ecdsa = getSuite("ecdsa");
    const { privateKey } = ecdsa.generateKeyPair();
    const doc = await encryptKey("ecdsa", privateKey, PW, fast);
    const path = writeKeystore(dir, doc);
    expect(path).toBe(keystorePath(dir, doc.address));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(() => writeKeystore(dir, doc)).toThrow(/already exists/);
    expect(findKeystore(dir, doc.address)).toBe(path);
    expect(findKeystore(dir, "0x" + doc.address.toUpperCase())).toBe(path);
    expect(findKeystore(dir, path)).toBe(path);
    expect(() => findKeystore(dir, "ab".repeat(20))).toThrow(/no keystore for account/);
    expect(() => findKeystore(dir, "nobody")).toThrow(/neither a keystore file nor an account address/);
    expect(toHex((await unlockKeystoreFile(path, PW)).privateKey)).toBe(toHex(privateKey));

    writeFileSync(join(dir, "broken.json"), "{");
    const sm = await encryptKey("sm", getSuite("sm").generateKeyPair().privateKey, PW, fast);
    writeFileSync(join(dir, "renamed.json"), JSON.stringify(sm));
    expect(findKeystore(dir, sm.address)).toBe(join(dir, "renamed.json"));
    const list = listKeystores(dir);
    // listed in file name order, and the ecdsa file's name is its (random) address: compare as a set
    const lines = list.map((e) => ("address" in e ? `${e.suite} ${e.address}` : `error ${e.error}`));
    expect(lines).toHaveLength(3);
    for (const want of [`ecdsa ${doc.address}`, "error keystore is damaged: not JSON", `sm ${sm.address}`]) {
      expect(lines.some((l) => l.includes(want)), want).toBe(true);
    }
    expect(listKeystores(join(dir, "missing"))).toEqual([]);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(doc);
  });

  it("default to $WEFT_HOME/keystore, WEFT_HOME defaulting to ~/.weft", () => {
    expect(defaultKeystoreDir({ WEFT_HOME: "/x/y" })).toBe("/x/y/keystore");
    expect(defaultKeystoreDir({})).toMatch(/\.weft\/keystore$/);
  });

  it("refuse invalid keys and scrypt costs below 1024 when encrypting", async () => {
    expect((await refusal(encryptKey("ecdsa", new Uint8Array(32), PW, fast))).code).toBe("BAD_ARGUMENT");
    expect((await refusal(encryptKey("ecdsa", getSuite("ecdsa").generateKeyPair().privateKey, PW, { scrypt: { n: 512 } }))).message).toMatch(/power of two ≥ 1024/);
  });
});
