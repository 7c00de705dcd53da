// `weft <command> [options]`: dispatch only. Each command lives in
// commands/ and owns its options and help text.
import { UsageError, EXIT_DIAGNOSTICS, EXIT_USAGE, processIo, type Io } from "./usage.ts";
import { ChainError } from "../runtime/chain/errors.ts";
import { isVmError } from "../vm/errors.ts";
import type { Command } from "./commands/command.ts";

/**
 * The commands, loaded when used: `weft node` need not load the compiler and
 * binaryen, and `weft build` need not load LevelDB, so each starts quickly.
 */
interface Entry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commands: Entry[] = [
  { name: "build", summary: "compile .weft files to Wasm + ABI", load: async () => (await import("./commands/build.ts")).buildCommand },
  { name: "check", summary: "check .weft files and print diagnostics", load: async () => (await import("./commands/check.ts")).checkCommand },
  { name: "node", summary: "run a chain node with JSON-RPC", load: async () => (await import("./commands/node.ts")).nodeCommand },
  { name: "deploy", summary: "deploy a contract to a node", load: async () => (await import("./commands/chain.ts")).deployCommand },
  { name: "send", summary: "send a transaction to a contract", load: async () => (await import("./commands/chain.ts")).sendCommand },
  { name: "call", summary: "call a contract function without a transaction", load: async () => (await import("./commands/chain.ts")).callCommand },
  { name: "receipt", summary: "show a transaction's receipt", load: async () => (await import("./commands/chain.ts")).receiptCommand },
  { name: "block", summary: "show a block", load: async () => (await import("./commands/chain.ts")).blockCommand },
  { name: "account", summary: "create, list, import and export keystore accounts", load: async () => (await import("./commands/account.ts")).accountCommand },
  { name: "fmt", summary: "format .weft files (--check to verify)", load: async () => (await import("./commands/fmt.ts")).fmtCommand },
  { name: "lsp", summary: "run the language server (--stdio)", load: async () => (await import("./commands/lsp.ts")).lspCommand },
];

function topHelp(): string {
  const rows = commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join("\n");
  return `weft — the Weft contract toolchain

Usage: weft <command> [options]

Commands:
${rows}

Run \`weft <command> --help\` for a command's options.
`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(topHelp());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version") {
    io.out("weft 0.1.0\n");
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  try {
    if (!cmd) throw new UsageError(`unknown command \`${name}\``);
    return await (await cmd.load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const help = cmd ? `weft ${cmd.name} --help` : "weft --help";
      io.err(`error: ${e.message}\n(see \`${help}\`)\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ChainError || isVmError(e)) {
      // refused by the chain side: a wrong password, a damaged keystore, a bad transaction …
      io.err(`error[${e.code}]: ${e.message}\n`);
      return EXIT_DIAGNOSTICS;
    }
    throw e;
  }
}
