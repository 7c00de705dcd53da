// The VS Code side of Weft: starts the Weft language server (`weft lsp
// --stdio`, see server-command.ts for which program) for `.weft` documents
// and talks LSP to it over stdio through vscode-languageclient. Highlighting
// itself comes from the TextMate grammar (syntaxes/), which needs no server.
// Bundled by package.ts with esbuild into dist/extension.js.
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { resolveServer, type ServerSettings } from "./server-command.ts";

const clientId = "weft";
const clientName = "Weft Language Server";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** Serializes starts and stops: a restart waits for the previous one. */
let pending: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel(clientName);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("weft.restartServer", () => restart("restart requested")),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("weft.server")) void restart("the weft.server settings changed");
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => restart("the workspace folders changed")),
  );
  void restart("activated");
}

export function deactivate(): Thenable<void> | undefined {
  return stop();
}

function restart(why: string): Promise<void> {
  pending = pending.then(async () => {
    output?.appendLine(`[weft] ${why}: (re)starting the language server`);
    await stop();
    await start();
  });
  return pending;
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    await c.stop(5_000);
  } catch (e) {
    output?.appendLine(`[weft] stopping the server failed: ${String(e)}`);
  }
}

function settings(): ServerSettings {
  const config = vscode.workspace.getConfiguration("weft.server");
  return {
    command: config.get<string>("command", ""),
    args: config.get<string[]>("args", ["lsp", "--stdio"]),
  };
}

async function start(): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath);
  const server = resolveServer(settings(), folders);
  const shown = [server.command, ...server.args].join(" ");
  output?.appendLine(`[weft] server: ${shown} (${server.reason})${server.cwd ? ` in ${server.cwd}` : ""}`);

  // No `transport`: the client spawns the command as given and speaks over
  // its stdin/stdout (with a transport it would append `--stdio` itself).
  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    options: { ...(server.cwd ? { cwd: server.cwd } : {}), shell: process.platform === "win32" },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "weft" },
      { scheme: "untitled", language: "weft" },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.weft") },
    ...(output ? { outputChannel: output } : {}),
  };
  const c = new LanguageClient(clientId, clientName, serverOptions, clientOptions);
  try {
    await c.start();
    client = c;
  } catch (e) {
    const message = `Weft: the language server did not start (${shown}): ${e instanceof Error ? e.message : String(e)}. Set "weft.server.command" to the weft program, or open a folder where weft is installed (node_modules/.bin/weft).`;
    output?.appendLine(`[weft] ${message}`);
    const choice = await vscode.window.showErrorMessage(message, "Open Settings", "Show Output");
    if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "weft.server");
    if (choice === "Show Output") output?.show();
    await c.dispose().catch(() => undefined);
  }
}
