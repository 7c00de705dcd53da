// `weft deploy | send | call | receipt | block`: talk to a running node over
// JSON-RPC (runtime/client). Arguments are a JSON array (bigints as numbers
// or strings); output is readable text, or JSON with --json.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compile, renderText } from "../../compiler/index.ts";
import { Client, ContractHandle, RpcCallError, TransportError, TxFailed, type DecodedReceipt } from "../../runtime/client/index.ts";
import { deployContract } from "../../runtime/client/contract.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { EXIT_DIAGNOSTICS, EXIT_OK, UsageError, type Io } from "../usage.ts";
import { parseCommandArgs, type Command } from "./command.ts";
import { loadSources } from "./sources.ts";
import { loadSigner, SIGNER_HELP, signerOptions } from "./signer.ts";
import { jsonText, parseArgsJson, printReceipt } from "./print.ts";

const CONNECT_HELP = `  --url <url>             the node (default $WEFT_URL or http://127.0.0.1:20200; ws:// works too)
  --json                  print JSON
  -h, --help              show this help`;

const common = { url: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;

async function withClient(url: string | undefined, io: Io, name: string, run: (c: Client) => Promise<number>): Promise<number> {
  const target = url ?? process.env.WEFT_URL ?? "http://127.0.0.1:20200";
  let client: Client;
  try {
    client = await Client.connect(target);
  } catch (e) {
    throw new UsageError(`cannot use --url ${target}: ${(e as Error).message}`, name);
  }
  try {
    return await run(client);
  } catch (e) {
    if (e instanceof RpcCallError || e instanceof TransportError || e instanceof TxFailed) {
      const code = (e as { chainCode?: unknown }).chainCode ?? (e as { code?: unknown }).code;
      io.err(`error${code !== undefined ? `[${String(code)}]` : ""}: ${e.message}\n`);
      return EXIT_DIAGNOSTICS;
    }
    throw e;
  } finally {
    await client.close();
  }
}

/** Contract path and ABI: given, or asked of the node. */
async function contractAt(client: Client, path: string, abiFile: string | undefined, io: Io, name: string): Promise<Abi> {
  if (abiFile) {
    try {
      return JSON.parse(readFileSync(resolve(io.cwd, abiFile), "utf8")) as Abi;
    } catch (e) {
      throw new UsageError(`--abi ${abiFile}: ${(e as Error).message}`, name);
    }
  }
  const abi = await client.abiOf(path);
  if (!abi) throw new UsageError(`no contract at ${path} on this node (or it has no ABI); deploy it first or pass --abi`, name);
  return abi;
}

const deployHelp = `Usage: weft deploy <file.weft…|file.wasm> [--contract Name] [--args JSON] [--path /apps/name] --from <account>

Deploys a contract: compiled from .weft sources (for the node's crypto
suite), or a built .wasm with --abi. Prints the receipt.

Options:
  --contract <name>       which contract of the sources (default: the only one)
  --abi <file>            the ABI JSON of a .wasm
  --args <json>           constructor arguments as a JSON array (default [])
  --path <path>           where to deploy (default /apps/<contract name in lower case>)
  -O, --optimize          optimise the build
${SIGNER_HELP}
${CONNECT_HELP}
`;

export const deployCommand: Command = {
  name: "deploy",
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...common, ...signerOptions, contract: { type: "string" }, abi: { type: "string" }, args: { type: "string" }, path: { type: "string" }, optimize: { type: "boolean", short: "O" } });
    if (values.help) return io.out(deployHelp), EXIT_OK;
    if (positionals.length === 0) throw new UsageError("name the .weft files (or a .wasm with --abi)", "deploy");
    const args = parseArgsJson(values.args, "deploy");
    const signer = await loadSigner(values, io, "deploy");
    return withClient(values.url, io, "deploy", async (client) => {
      const crypto = await client.chainCrypto();
      let wasm: Uint8Array, abi: Abi, name: string;
      if (positionals.length === 1 && positionals[0]!.endsWith(".wasm")) {
        if (!values.abi) throw new UsageError("a .wasm needs its ABI: --abi <file>", "deploy");
        wasm = new Uint8Array(readFileSync(resolve(io.cwd, positionals[0]!)));
        abi = JSON.parse(readFileSync(resolve(io.cwd, values.abi), "utf8")) as Abi;
        name = values.contract ?? positionals[0]!.replace(/^.*\//, "").replace(/\.wasm$/, "");
      } else {
        const sources = loadSources(positionals, io, "deploy");
        const started = performance.now();
        // naming the contract also reaches those of std modules (std::governance's Committee), which are not compiled by default
        const built = compile({ sources, crypto, optimize: values.optimize ?? false, ...(values.contract ? { contracts: [values.contract] } : {}) });
        if (!built.ok) {
          io.err(renderText(built.diagnostics, sources, { color: io.color }));
          return EXIT_DIAGNOSTICS;
        }
        const pick = values.contract ? built.contracts.find((c) => c.name === values.contract) : built.contracts.length === 1 ? built.contracts[0] : undefined;
        if (!pick) throw new UsageError(values.contract ? `no contract ${values.contract} in the sources` : `the sources have ${built.contracts.map((c) => c.name).join(", ")}: pick one with --contract`, "deploy");
        if (!values.json) io.err(`compiled ${pick.name} (${pick.wasm.length} bytes) in ${(performance.now() - started).toFixed(0)} ms\n`);
        ({ wasm, name } = pick);
        abi = pick.abi as unknown as Abi;
      }
      const path = values.path ?? `/apps/${name.toLowerCase()}`;
      const started = performance.now();
      const { receipt } = await deployContract(client, path, wasm, abi, args, signer);
      printReceipt(io, receipt, values.json ?? false, `deployed ${name} to ${path}`, performance.now() - started);
      return EXIT_OK;
    });
  },
};

const sendHelp = `Usage: weft send <path> <function> [args JSON] --from <account> [--abi file]

Sends a transaction calling <function> of the contract at <path> and prints
the decoded receipt (value, events, revert). Exit code 1 if it failed.

Options:
  --abi <file>            the contract's ABI (default: asked of the node)
${SIGNER_HELP}
${CONNECT_HELP}
`;

export const sendCommand: Command = {
  name: "send",
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...common, ...signerOptions, abi: { type: "string" } });
    if (values.help) return io.out(sendHelp), EXIT_OK;
    const [path, fn, argsJson, extra] = positionals;
    if (!path || !fn || extra !== undefined) throw new UsageError("usage: weft send <path> <function> [args JSON]", "send");
    const args = parseArgsJson(argsJson, "send");
    const signer = await loadSigner(values, io, "send");
    return withClient(values.url, io, "send", async (client) => {
      const handle = new ContractHandle(client, path, await contractAt(client, path, values.abi, io, "send"), signer);
      const started = performance.now();
      const receipt: DecodedReceipt = await handle.send(fn, args);
      printReceipt(io, receipt, values.json ?? false, `${path}.${fn}`, performance.now() - started);
      return receipt.ok ? EXIT_OK : EXIT_DIAGNOSTICS;
    });
  },
};

const callHelp = `Usage: weft call <path> <function> [args JSON] [--from address] [--abi file]

Runs <function> of the contract at <path> against the latest state, keeps
nothing, and prints the value.

Options:
  --from <address>        the caller the contract sees
  --abi <file>            the contract's ABI (default: asked of the node)
${CONNECT_HELP}
`;

export const callCommand: Command = {
  name: "call",
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...common, abi: { type: "string" }, from: { type: "string" } });
    if (values.help) return io.out(callHelp), EXIT_OK;
    const [path, fn, argsJson, extra] = positionals;
    if (!path || !fn || extra !== undefined) throw new UsageError("usage: weft call <path> <function> [args JSON]", "call");
    const args = parseArgsJson(argsJson, "call");
    return withClient(values.url, io, "call", async (client) => {
      const handle = new ContractHandle(client, path, await contractAt(client, path, values.abi, io, "call"));
      const value = await handle.call(fn, args, values.from ? { from: values.from } : {});
      io.out(values.json ? jsonText({ value }) + "\n" : `${jsonText(value ?? null)}\n`);
      return EXIT_OK;
    });
  },
};

const receiptHelp = `Usage: weft receipt <tx hash>

Prints a transaction's receipt, decoded with the ABIs the node has.

Options:
${CONNECT_HELP}
`;

export const receiptCommand: Command = {
  name: "receipt",
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, common);
    if (values.help) return io.out(receiptHelp), EXIT_OK;
    if (positionals.length !== 1) throw new UsageError("usage: weft receipt <tx hash>", "receipt");
    return withClient(values.url, io, "receipt", async (client) => {
      const r = await client.getTransactionReceipt(positionals[0]!);
      if (!r) {
        io.err(`no receipt for ${positionals[0]} (not sent, or not in a block yet)\n`);
        return EXIT_DIAGNOSTICS;
      }
      io.out(jsonText(r) + "\n");
      return EXIT_OK;
    });
  },
};

const blockHelp = `Usage: weft block [number|hash|latest] [--txs]

Prints a block (default: the latest): header fields and transaction hashes.

Options:
  --txs                   include full transactions
${CONNECT_HELP}
`;

export const blockCommand: Command = {
  name: "block",
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { ...common, txs: { type: "boolean" } });
    if (values.help) return io.out(blockHelp), EXIT_OK;
    const which = positionals[0] ?? "latest";
    if (positionals.length > 1) throw new UsageError("usage: weft block [number|hash|latest]", "block");
    if (which !== "latest" && !/^\d+$/.test(which) && !/^0x[0-9a-fA-F]{64}$/.test(which)) throw new UsageError(`\`${which}\` is not a block number, a 0x hash or latest`, "block");
    return withClient(values.url, io, "block", async (client) => {
      const o = { onlyTxHash: !values.txs };
      const b = which.startsWith("0x") ? await client.getBlockByHash(which, o) : await client.getBlockByNumber(which === "latest" ? await client.getBlockNumber() : Number(which), o);
      if (!b) {
        io.err(`no block ${which}\n`);
        return EXIT_DIAGNOSTICS;
      }
      io.out(jsonText(b) + "\n");
      return EXIT_OK;
    });
  },
};
