// Encrypted keystores: one private key per JSON document (format in
// README.md). scrypt turns the password into key material; an ecdsa key is
// sealed with AES-256-GCM, an sm key with SM4-CTR and an HMAC-SM3 tag
// (encrypt-then-MAC: node:crypto has SM4 but no SM4-GCM). A separate
// password check value, derived from the same scrypt output, tells a wrong
// password (KEYSTORE_PASSWORD) from an altered file (KEYSTORE_DAMAGED).
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { ChainError } from "../chain/errors.ts";
import { getSuite } from "../crypto/index.ts";
import type { SuiteName } from "../crypto/suite.ts";
import { parseKeystore, type CipherName, type KeystoreJson, type ScryptParams } from "./format.ts";


/** scrypt N = 2^17, r = 8, p = 1: 128 MiB and about a second (OWASP's minimum for scrypt). */
export const DEFAULT_SCRYPT: ScryptParams = { n: 2 ** 17, r: 8, p: 1 };

export interface EncryptOptions {
  /** Lower costs for tests (n ≥ 1024); the defaults otherwise. */
  scrypt?: Partial<ScryptParams>;
}

export interface UnlockedKey {
  suite: SuiteName;
  /** Checksummed, 40 hex characters. */
  address: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

const CIPHER_OF: Record<SuiteName, CipherName> = { ecdsa: "aes-256-gcm", sm: "sm4-ctr-hmac-sm3" };

/** How the scrypt output is cut: [encryption key | MAC key | password check secret]. */
function layout(cipher: CipherName): { enc: number; mac: number; check: number } {
  return cipher === "aes-256-gcm" ? { enc: 32, mac: 0, check: 32 } : { enc: 16, mac: 32, check: 32 };
}

async function derive(password: string, salt: Uint8Array, p: ScryptParams, length: number): Promise<Buffer> {
  const maxmem = 256 * p.n * p.r + (32 << 20);
  return new Promise((resolve, reject) =>
    scrypt(Buffer.from(password.normalize("NFKC"), "utf8"), salt, length, { N: p.n, r: p.r, p: p.p, maxmem }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/**
 * What the tag or MAC also covers, so that the recorded address, suite and
 * parameters cannot be changed without the file failing its check.
 */
function header(k: Pick<KeystoreJson, "version" | "suite" | "address" | "kdf" | "cipher">): Buffer {
  const { kdf, cipher } = k;
  return Buffer.from(JSON.stringify([k.version, k.suite, k.address.toLowerCase(), kdf.name, kdf.n, kdf.r, kdf.p, kdf.salt, cipher.name, cipher.iv]), "utf8");
}

function checkValue(secret: Buffer): string {
  return createHash("sha256").update("weft keystore password check").update(secret).digest("hex");
}

/** Encrypts `privateKey` of `suite` under `password`. */
export async function encryptKey(suite: SuiteName, privateKey: Uint8Array, password: string, opts: EncryptOptions = {}): Promise<KeystoreJson> {
  const s = getSuite(suite);
  if (!s.isValidPrivateKey(privateKey)) throw new ChainError("BAD_ARGUMENT", `not a valid ${suite} private key (32 bytes, 1 ≤ d < n)`);
  const params = { ...DEFAULT_SCRYPT, ...opts.scrypt };
  if (!Number.isInteger(Math.log2(params.n)) || params.n < 1024) throw new ChainError("BAD_ARGUMENT", `scrypt n must be a power of two ≥ 1024, not ${params.n}`);
  const name = CIPHER_OF[suite];
  const cut = layout(name);
  const salt = randomBytes(32);
  const iv = randomBytes(name === "aes-256-gcm" ? 12 : 16);
  const dk = await derive(password, salt, params, cut.enc + cut.mac + cut.check);
  const doc: KeystoreJson = {
    kind: "weft-keystore",
    version: 1,
    suite,
    address: s.addressOf(s.publicKeyOf(privateKey)),
    kdf: { name: "scrypt", n: params.n, r: params.r, p: params.p, salt: salt.toString("hex"), check: checkValue(dk.subarray(cut.enc + cut.mac)) },
    cipher: { name, iv: iv.toString("hex"), ciphertext: "", tag: "" },
  };
  const aad = header(doc);
  if (name === "aes-256-gcm") {
    const c = createCipheriv("aes-256-gcm", dk.subarray(0, 32), iv).setAAD(aad);
    doc.cipher.ciphertext = Buffer.concat([c.update(privateKey), c.final()]).toString("hex");
    doc.cipher.tag = c.getAuthTag().toString("hex");
  } else {
    const c = createCipheriv("sm4-ctr", dk.subarray(0, 16), iv);
    const ct = Buffer.concat([c.update(privateKey), c.final()]);
    doc.cipher.ciphertext = ct.toString("hex");
    doc.cipher.tag = createHmac("sm3", dk.subarray(16, 48)).update(aad).update(ct).digest("hex");
  }
  return doc;
}

const damaged = (what: string) => new ChainError("KEYSTORE_DAMAGED", `keystore is damaged: ${what}`);

/** The plaintext if the tag (GCM) or MAC (HMAC-SM3) verifies, else null. */
function open(k: KeystoreJson, dk: Buffer, cut: ReturnType<typeof layout>): Uint8Array | null {
  const iv = Buffer.from(k.cipher.iv, "hex");
  const ct = Buffer.from(k.cipher.ciphertext, "hex");
  const tag = Buffer.from(k.cipher.tag, "hex");
  if (k.cipher.name === "aes-256-gcm") {
    const d = createDecipheriv("aes-256-gcm", dk.subarray(0, cut.enc), iv).setAAD(header(k)).setAuthTag(tag);
    try {
      return new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
    } catch {
      return null;
    }
  }
  const mac = createHmac("sm3", dk.subarray(cut.enc, cut.enc + cut.mac)).update(header(k)).update(ct).digest();
  if (!timingSafeEqual(mac, tag)) return null;
  const d = createDecipheriv("sm4-ctr", dk.subarray(0, cut.enc), iv);
  return new Uint8Array(Buffer.concat([d.update(ct), d.final()]));
}

/**
 * The key in a keystore (its JSON text or parsed value). Throws
 * ChainError KEYSTORE_PASSWORD for a wrong password and KEYSTORE_DAMAGED
 * (saying what is wrong) for anything malformed or altered.
 *
 * Which one: the password check value and the tag are checked separately.
 * Both fail: the password is wrong. Only the tag fails: the ciphertext or a
 * recorded field was altered. Only the check fails: the check was altered.
 * (Altered scrypt parameters or salt make both fail, so they read as a
 * wrong password; the message says so.)
 */
export async function decryptKey(keystore: string | unknown, password: string): Promise<UnlockedKey> {
  const k = parseKeystore(keystore);
  const cut = layout(k.cipher.name);
  const dk = await derive(password, Buffer.from(k.kdf.salt, "hex"), k.kdf, cut.enc + cut.mac + cut.check);
  const checkOk = timingSafeEqual(Buffer.from(checkValue(dk.subarray(cut.enc + cut.mac)), "hex"), Buffer.from(k.kdf.check, "hex"));
  const privateKey = open(k, dk, cut);
  if (!privateKey) {
    if (!checkOk) throw new ChainError("KEYSTORE_PASSWORD", `wrong password for keystore ${k.address} (or its kdf parameters were altered)`);
    throw damaged(`the ${k.cipher.name === "aes-256-gcm" ? "AES-GCM" : "HMAC-SM3"} tag does not match: the ciphertext or a recorded field was altered`);
  }
  if (!checkOk) throw damaged("the password check value (kdf.check) was altered");
  const suite = getSuite(k.suite);
  if (!suite.isValidPrivateKey(privateKey)) throw damaged(`the decrypted key is not a valid ${k.suite} private key`);
  const publicKey = suite.publicKeyOf(privateKey);
  const address = suite.addressOf(publicKey);
  if (address.toLowerCase() !== k.address.toLowerCase()) throw damaged(`the key belongs to ${address}, not to the recorded address ${k.address}`);
  return { suite: k.suite, address, privateKey, publicKey };
}
