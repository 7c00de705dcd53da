// Keystore folders: one file per account, named <address>.json (lowercase),
// readable by its owner only. The default folder is $WEFT_HOME/keystore,
// WEFT_HOME defaulting to ~/.weft.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ChainError } from "../chain/errors.ts";
import type { SuiteName } from "../crypto/suite.ts";
import { parseKeystore, type KeystoreJson } from "./format.ts";
import { decryptKey, type UnlockedKey } from "./keystore.ts";

export function defaultKeystoreDir(env: Record<string, string | undefined> = process.env): string {
  return join(env.WEFT_HOME || join(homedir(), ".weft"), "keystore");
}

export function keystorePath(dir: string, address: string): string {
  return join(dir, `${address.replace(/^0x/, "").toLowerCase()}.json`);
}

/** Writes a new keystore file (mode 0600; the folder 0700 if created). Refuses to replace one. */
export function writeKeystore(dir: string, doc: KeystoreJson): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = keystorePath(dir, doc.address);
  try {
    writeFileSync(path, JSON.stringify(doc, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new ChainError("BAD_ARGUMENT", `${path} already exists: account ${doc.address} is in the keystore`);
    throw e;
  }
  return path;
}

export type KeystoreEntry = { path: string; address: string; suite: SuiteName } | { path: string; error: string };

/** The *.json files of a folder, by file name, each with its account or what is wrong with it. [] if the folder does not exist. */
export function listKeystores(dir: string): KeystoreEntry[] {
  if (!existsSync(dir)) return [];
  const out: KeystoreEntry[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    try {
      const k = parseKeystore(readFileSync(path, "utf8"));
      out.push({ path, address: k.address, suite: k.suite });
    } catch (e) {
      out.push({ path, error: (e as Error).message });
    }
  }
  return out;
}

/**
 * The keystore file of an account: `account` is a path to a file, or an
 * address (0x optional, any case) looked up in `dir`. ChainError NOT_FOUND
 * if there is none.
 */
export function findKeystore(dir: string, account: string, cwd = process.cwd()): string {
  const asPath = resolve(cwd, account);
  if (existsSync(asPath) && statSync(asPath).isFile()) return asPath;
  if (/^(0x)?[0-9a-fA-F]{40}$/.test(account)) {
    const byName = keystorePath(dir, account);
    if (existsSync(byName)) return byName;
    const want = account.replace(/^0x/, "").toLowerCase();
    const hit = listKeystores(dir).find((e) => "address" in e && e.address.toLowerCase() === want);
    if (hit) return hit.path;
    throw new ChainError("NOT_FOUND", `no keystore for account ${account} in ${dir}`);
  }
  throw new ChainError("NOT_FOUND", `${account} is neither a keystore file nor an account address`);
}

/** Reads and decrypts a keystore file (see decryptKey for the errors). */
export async function unlockKeystoreFile(path: string, password: string): Promise<UnlockedKey> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ChainError("NOT_FOUND", `cannot read keystore ${path}: ${(e as Error).message}`);
  }
  return decryptKey(text, password);
}
