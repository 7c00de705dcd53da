// `weft account new|list|import|export`: keystore accounts (runtime/keystore).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ChainError } from "../../runtime/chain/errors.ts";
import { getSuite } from "../../runtime/crypto/index.ts";
import type { SuiteName } from "../../runtime/crypto/suite.ts";
import { DEFAULT_SCRYPT, decryptKey, defaultKeystoreDir, encryptKey, findKeystore, listKeystores, writeKeystore } from "../../runtime/keystore/index.ts";
import { EXIT_DIAGNOSTICS, EXIT_OK, EXIT_USAGE, UsageError, type Io } from "../usage.ts";
import { parseCommandArgs, type Command } from "./command.ts";
import { promptPassword } from "./password.ts";

const COMMON = `  --keystore <dir>        keystore folder (default $WEFT_HOME/keystore, WEFT_HOME=~/.weft)
  --json                  print the result as JSON on stdout
  -h, --help              show this help`;
const PASSWORD = `  --password-file <file>  read the password from a file (default: $WEFT_PASSWORD, else asked
                          on the terminal without echo)`;
const NEW_KEY = `  --crypto <suite>        ecdsa (secp256k1, default) or sm (SM2)
  --scrypt-n <n>          scrypt cost, a power of two ≥ 1024 (default ${DEFAULT_SCRYPT.n}; lower unlocks
                          faster and is guessed faster)`;
const EXITS = "Exit code: 0 done, 1 refused (wrong password, damaged or missing keystore, account exists), 2 usage error.";

const help: Record<string, string> = {
  "": `Usage: weft account <new|list|import|export> [options]

Keystore accounts: private keys encrypted under a password (scrypt, then
AES-256-GCM for ecdsa keys, SM4 + HMAC-SM3 for sm keys), one file per account.

  new       create a key pair and store it
  list      list the accounts in the keystore folder
  import    store an existing private key
  export    print an account's private key (asks for an explicit flag)

Run \`weft account <subcommand> --help\` for its options.
`,
  new: `Usage: weft account new [--crypto ecdsa|sm] [options]

Creates a key pair, encrypts the private key and writes <address>.json to
the keystore folder. Prints the address on stdout.

Options:
${NEW_KEY}
${PASSWORD}
${COMMON}

${EXITS}
`,
  list: `Usage: weft account list [options]

Lists the accounts in the keystore folder (address, suite, file); files that
are not readable keystores are listed with what is wrong with them.

Options:
${COMMON}

${EXITS}
`,
  import: `Usage: weft account import [--private-key-file <file>] [--crypto ecdsa|sm] [options]

Encrypts an existing private key (64 hex characters, 0x optional) into the
keystore folder. The key is read from --private-key-file, else from stdin
(asked without echo on a terminal).

Options:
  --private-key-file <f>  the file holding the private key
${NEW_KEY}
${PASSWORD}
${COMMON}

${EXITS}
`,
  export: `Usage: weft account export <address|keystore-file> --yes-print-private-key [options]

Decrypts an account and prints its private key (hex) on stdout. Anyone who
sees it controls the account: the flag is required so that this never
happens by accident.

Options:
  --yes-print-private-key print the unencrypted private key
${PASSWORD}
${COMMON}

${EXITS}
`,
};

const options = {
  keystore: { type: "string" },
  crypto: { type: "string" },
  "password-file": { type: "string" },
  "private-key-file": { type: "string" },
  "scrypt-n": { type: "string" },
  "yes-print-private-key": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof options>>["values"];

const USED: Record<string, (keyof typeof options)[]> = {
  new: ["crypto", "password-file", "scrypt-n"],
  list: [],
  import: ["crypto", "password-file", "scrypt-n", "private-key-file"],
  export: ["password-file", "yes-print-private-key"],
};

function usage(message: string): UsageError {
  return new UsageError(message, "account");
}

function suiteOf(v: Values): SuiteName {
  const s = v.crypto ?? "ecdsa";
  if (s !== "ecdsa" && s !== "sm") throw usage(`--crypto must be ecdsa or sm, not \`${s}\``);
  return s;
}

function scryptN(v: Values): number | undefined {
  if (v["scrypt-n"] === undefined) return undefined;
  const n = Number(v["scrypt-n"]);
  if (!Number.isSafeInteger(n) || n < 1024 || (n & (n - 1)) !== 0 || n > 2 ** 20) throw usage(`--scrypt-n must be a power of two from 1024 to 1048576, not \`${v["scrypt-n"]}\``);
  return n;
}

function readFileArg(io: Io, file: string, what: string): string {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw usage(`no such ${what} file: ${file}`);
  return readFileSync(path, "utf8");
}

/** The password: --password-file, else $WEFT_PASSWORD, else asked (twice when `confirm`) on a terminal. */
async function password(v: Values, io: Io, confirm: boolean): Promise<string> {
  let pw: string | undefined;
  if (v["password-file"] !== undefined) pw = readFileArg(io, v["password-file"], "password").replace(/\r?\n$/, "");
  else if (process.env.WEFT_PASSWORD !== undefined) pw = process.env.WEFT_PASSWORD;
  else {
    pw = await promptPassword("password: ");
    if (pw !== undefined && confirm && (await promptPassword("again: ")) !== pw) throw usage("the two passwords differ");
  }
  if (pw === undefined) throw usage("a password is needed: --password-file <file> or WEFT_PASSWORD (no terminal to ask on)");
  if (confirm && pw === "") throw usage("the password is empty");
  return pw;
}

async function privateKeyInput(v: Values, io: Io): Promise<string> {
  if (v["private-key-file"] !== undefined) return readFileArg(io, v["private-key-file"], "private key");
  if (process.stdin.isTTY) return (await promptPassword("private key (hex): ")) ?? "";
  return readFileSync(0, "utf8");
}

async function store(v: Values, io: Io, suite: SuiteName, privateKey: Uint8Array, dir: string, verb: string): Promise<number> {
  const n = scryptN(v);
  const pw = await password(v, io, true);
  const doc = await encryptKey(suite, privateKey, pw, n === undefined ? {} : { scrypt: { n } });
  const path = writeKeystore(dir, doc);
  if (v.json) io.out(JSON.stringify({ address: doc.address, suite, path }, null, 2) + "\n");
  else {
    io.out(`${doc.address}\n`);
    io.err(`${verb} ${suite} account ${doc.address}: ${path}\n`);
  }
  return EXIT_OK;
}

const subcommands: Record<string, (v: Values, args: string[], io: Io, dir: string) => Promise<number>> = {
  async new(v, _args, io, dir) {
    const suite = suiteOf(v);
    return store(v, io, suite, getSuite(suite).generateKeyPair().privateKey, dir, "created");
  },

  async list(v, _args, io, dir) {
    const entries = listKeystores(dir);
    const accounts = entries.filter((e) => "address" in e);
    const damaged = entries.filter((e) => "error" in e);
    if (v.json) {
      io.out(JSON.stringify({ keystore: dir, accounts, damaged }, null, 2) + "\n");
      return EXIT_OK;
    }
    for (const a of accounts) io.out(`${a.address}  ${a.suite.padEnd(5)}  ${a.path}\n`);
    for (const d of damaged) io.err(`${d.path}: ${d.error}\n`);
    if (entries.length === 0) io.err(`no accounts in ${dir} (create one with \`weft account new\`)\n`);
    return EXIT_OK;
  },

  async import(v, _args, io, dir) {
    const suite = suiteOf(v);
    const text = (await privateKeyInput(v, io)).trim().replace(/^0x/, "");
    if (!/^[0-9a-fA-F]{64}$/.test(text)) throw usage("the private key must be 64 hex characters (32 bytes), 0x optional");
    const key = new Uint8Array(Buffer.from(text, "hex"));
    if (!getSuite(suite).isValidPrivateKey(key)) throw usage(`that is not a valid ${suite} private key (it must be from 1 to the curve order − 1)`);
    return store(v, io, suite, key, dir, "imported");
  },

  async export(v, args, io, dir) {
    if (args.length !== 1) throw usage("say which account: weft account export <address|keystore-file> --yes-print-private-key");
    if (!v["yes-print-private-key"]) throw usage("this prints the unencrypted private key; add --yes-print-private-key if that is what you want");
    const path = findKeystore(dir, args[0]!, io.cwd);
    const key = await decryptKey(readFileSync(path, "utf8"), await password(v, io, false));
    const hex = Buffer.from(key.privateKey).toString("hex");
    if (v.json) io.out(JSON.stringify({ address: key.address, suite: key.suite, privateKey: hex }, null, 2) + "\n");
    else io.out(`${hex}\n`);
    return EXIT_OK;
  },
};

export const accountCommand: Command = {
  name: "account",
  async run(argv: string[], io: Io) {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
      io.out(help[""]!);
      return sub === undefined ? EXIT_USAGE : EXIT_OK;
    }
    const run = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined;
    if (!run) throw usage(`unknown subcommand \`${sub}\` (new, list, import or export)`);
    const { values, positionals } = parseCommandArgs(rest, options);
    if (values.help) {
      io.out(help[sub]!);
      return EXIT_OK;
    }
    for (const name of Object.keys(values) as (keyof typeof options)[]) {
      if (!["keystore", "json", "help", ...USED[sub]!].includes(name)) throw usage(`--${name} does not apply to \`weft account ${sub}\``);
    }
    if (sub !== "export" && positionals.length) throw usage(`unexpected argument \`${positionals[0]}\``);
    const dir = values.keystore !== undefined ? resolve(io.cwd, values.keystore) : defaultKeystoreDir();
    try {
      return await run(values, positionals, io, dir);
    } catch (e) {
      if (!(e instanceof ChainError)) throw e;
      io.err(`error[${e.code}]: ${e.message}\n`);
      return EXIT_DIAGNOSTICS;
    }
  },
};
