// The keystore document (README.md, "Format") and its structural checks:
// everything that can be said about a file without the password.
import { ChainError } from "../chain/errors.ts";
import type { SuiteName } from "../crypto/suite.ts";

export const KEYSTORE_VERSION = 1;

export type CipherName = "aes-256-gcm" | "sm4-ctr-hmac-sm3";

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  n: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

export interface KeystoreJson {
  kind: "weft-keystore";
  version: typeof KEYSTORE_VERSION;
  suite: SuiteName;
  /** Checksummed address of the key, 40 hex characters. */
  address: string;
  kdf: ScryptParams & {
    name: "scrypt";
    /** Hex, 32 bytes when written (16 … 64 read). */
    salt: string;
    /** Hex, 32 bytes: SHA-256 of the password check part of the scrypt output. */
    check: string;
  };
  cipher: {
    name: CipherName;
    /** Hex: 12 bytes (GCM) or 16 (SM4-CTR's initial counter block). */
    iv: string;
    /** Hex, 32 bytes: the encrypted private key. */
    ciphertext: string;
    /** Hex: the GCM tag (16 bytes) or the HMAC-SM3 (32 bytes). */
    tag: string;
  };
}

/** The cipher each suite's keystores use, and its lengths in bytes. */
const CIPHERS: Record<SuiteName, { name: CipherName; iv: number; tag: number }> = {
  ecdsa: { name: "aes-256-gcm", iv: 12, tag: 16 },
  sm: { name: "sm4-ctr-hmac-sm3", iv: 16, tag: 32 },
};

/** Reading limits on attacker-chosen scrypt parameters: at most 1 GiB and 2^20 rounds. */
const MAX_N = 2 ** 20;
const MAX_MEMORY = 1 << 30;

const damaged = (what: string) => new ChainError("KEYSTORE_DAMAGED", `keystore is damaged: ${what}`);

function record(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw damaged(`\`${path}\` is ${v === undefined ? "missing" : "not an object"}`);
  return v as Record<string, unknown>;
}

function hexField(o: Record<string, unknown>, key: string, path: string, min: number, max = min): string {
  const v = o[key];
  if (v === undefined) throw damaged(`\`${path}.${key}\` is missing`);
  if (typeof v !== "string" || !/^([0-9a-fA-F]{2})*$/.test(v)) throw damaged(`\`${path}.${key}\` is not a hex string`);
  const len = v.length / 2;
  if (len < min || len > max) throw damaged(`\`${path}.${key}\` is ${len} bytes, expected ${min === max ? min : `${min} to ${max}`}`);
  return v.toLowerCase();
}

function intField(o: Record<string, unknown>, key: string, path: string, min: number, max: number): number {
  const v = o[key];
  if (v === undefined) throw damaged(`\`${path}.${key}\` is missing`);
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw damaged(`\`${path}.${key}\` must be an integer from ${min} to ${max}, not ${JSON.stringify(v)}`);
  return v;
}

/**
 * A keystore document, checked field by field (JSON text or a parsed
 * value). Throws ChainError KEYSTORE_DAMAGED saying what is wrong.
 */
export function parseKeystore(input: string | unknown): KeystoreJson {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw damaged(`not JSON (${(e as Error).message})`);
    }
  }
  const o = record(value, "keystore");
  if (o.kind !== "weft-keystore") throw damaged('not a Weft keystore (no "kind": "weft-keystore")');
  if (o.version !== KEYSTORE_VERSION) {
    const newer = typeof o.version === "number" && o.version > KEYSTORE_VERSION;
    throw damaged(newer ? `version ${o.version} is newer than this weft reads (${KEYSTORE_VERSION})` : `unknown version ${JSON.stringify(o.version)}`);
  }
  if (o.suite !== "ecdsa" && o.suite !== "sm") throw damaged(`\`suite\` must be "ecdsa" or "sm", not ${JSON.stringify(o.suite)}`);
  const suite: SuiteName = o.suite;
  if (typeof o.address !== "string" || !/^[0-9a-fA-F]{40}$/.test(o.address)) throw damaged("`address` is not 40 hex characters");

  const kdf = record(o.kdf, "kdf");
  if (kdf.name !== "scrypt") throw damaged(`\`kdf.name\` must be "scrypt", not ${JSON.stringify(kdf.name)}`);
  const n = intField(kdf, "n", "kdf", 2, MAX_N);
  if ((n & (n - 1)) !== 0) throw damaged(`\`kdf.n\` must be a power of two, not ${n}`);
  const r = intField(kdf, "r", "kdf", 1, 32);
  const p = intField(kdf, "p", "kdf", 1, 16);
  if (128 * n * r > MAX_MEMORY) throw damaged(`scrypt n = ${n}, r = ${r} would need more than 1 GiB`);

  const want = CIPHERS[suite];
  const cipher = record(o.cipher, "cipher");
  if (cipher.name !== want.name) throw damaged(`\`cipher.name\` is ${JSON.stringify(cipher.name)}; ${suite} keystores use "${want.name}"`);
  return {
    kind: "weft-keystore",
    version: KEYSTORE_VERSION,
    suite,
    address: o.address,
    kdf: { name: "scrypt", n, r, p, salt: hexField(kdf, "salt", "kdf", 16, 64), check: hexField(kdf, "check", "kdf", 32) },
    cipher: {
      name: want.name,
      iv: hexField(cipher, "iv", "cipher", want.iv),
      ciphertext: hexField(cipher, "ciphertext", "cipher", 32),
      tag: hexField(cipher, "tag", "cipher", want.tag),
    },
  };
}
