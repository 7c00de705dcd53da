// The account a chain command signs with: a keystore file (by address in
// --keystore, or a path) unlocked with a password, or a raw private key file.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { getSuite } from "../../runtime/crypto/index.ts";
import { makeSigner, type Signer } from "../../runtime/client/index.ts";
import { UsageError, type Io } from "../usage.ts";
import { defaultKeystoreDir, findKeystore, unlockKeystoreFile } from "../../runtime/keystore/index.ts";
import { promptPassword } from "./password.ts";

export const signerOptions = {
  from: { type: "string" },
  keystore: { type: "string" },
  "password-file": { type: "string" },
  "private-key-file": { type: "string" },
  crypto: { type: "string" },
} as const;

export const SIGNER_HELP = `  --from <account>        address of a keystore account (in --keystore), or a keystore file
  --keystore <dir>        keystore folder (default $WEFT_HOME/keystore, WEFT_HOME=~/.weft)
  --password-file <file>  the keystore password (default $WEFT_PASSWORD)
  --private-key-file <f>  sign with a raw hex private key instead (tests and scripts)
  --crypto <suite>        ecdsa or sm, for --private-key-file (default ecdsa)`;

interface SignerValues {
  from?: string | undefined;
  keystore?: string | undefined;
  "password-file"?: string | undefined;
  "private-key-file"?: string | undefined;
  crypto?: string | undefined;
}

export async function loadSigner(v: SignerValues, io: Io, command: string): Promise<Signer> {
  if (v["private-key-file"]) {
    const suiteName = v.crypto ?? "ecdsa";
    if (suiteName !== "ecdsa" && suiteName !== "sm") throw new UsageError(`--crypto must be ecdsa or sm, not \`${suiteName}\``, command);
    const file = resolve(io.cwd, v["private-key-file"]);
    if (!existsSync(file)) throw new UsageError(`no such file: ${v["private-key-file"]}`, command);
    const text = readFileSync(file, "utf8").trim().replace(/^0x/, "");
    if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new UsageError(`${v["private-key-file"]} does not hold a 32-byte hex private key`, command);
    return makeSigner(getSuite(suiteName), new Uint8Array(Buffer.from(text, "hex")));
  }
  if (!v.from) throw new UsageError("say who signs: --from <account> (see `weft account list`) or --private-key-file", command);
  return unlockKeystore(v, io, command);
}

async function unlockKeystore(v: SignerValues, io: Io, command: string): Promise<Signer> {
  const dir = v.keystore ? resolve(io.cwd, v.keystore) : defaultKeystoreDir();
  const path = findKeystore(dir, v.from!, io.cwd);
  let password: string | undefined;
  if (v["password-file"]) {
    const file = resolve(io.cwd, v["password-file"]);
    if (!existsSync(file)) throw new UsageError(`no such file: ${v["password-file"]}`, command);
    password = readFileSync(file, "utf8").replace(/\r?\n$/, "");
  } else {
    password = process.env.WEFT_PASSWORD ?? (await promptPassword(`password for ${v.from}: `));
  }
  if (password === undefined) throw new UsageError("the keystore needs its password: --password-file <file> or WEFT_PASSWORD", command);
  const key = await unlockKeystoreFile(path, password);
  return makeSigner(getSuite(key.suite), key.privateKey);
}
