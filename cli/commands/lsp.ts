// `weft lsp --stdio`: the Weft language server (lsp/server) speaking JSON-RPC
// on stdin/stdout, for editors (the VS Code extension starts it this way).
import { UsageError, EXIT_OK, type Io } from "../usage.ts";
import { parseCommandArgs, type Command } from "./command.ts";

const help = `Usage: weft lsp --stdio

Runs the Weft language server over stdin/stdout (the Language Server
Protocol): diagnostics as you type, hover, go to definition, references,
rename, symbols, semantic tokens, completion, formatting, …

Options:
  --stdio    talk LSP on stdin/stdout (the only transport)
  -h, --help show this help
`;

export const lspCommand: Command = {
  name: "lsp",
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandArgs(argv, {
      stdio: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(help);
      return EXIT_OK;
    }
    if (positionals.length) throw new UsageError(`unexpected argument \`${positionals[0]}\``, "lsp");
    if (!values.stdio) throw new UsageError("name the transport: `weft lsp --stdio`", "lsp");
    const { createConnection, ProposedFeatures } = await import("vscode-languageserver/node.js");
    const { startServer } = await import("../../lsp/server/server.ts");
    const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
    startServer(connection);
    // The connection ends the process on `exit`; until then the server runs.
    await new Promise<void>((resolve) => connection.onExit(() => resolve()));
    return EXIT_OK;
  },
};
