// The Weft language server: keeps a Workspace in step with the editor
// (incremental text sync), publishes diagnostics after a short pause in
// typing, and answers requests by running one feature function per request
// on the current Snapshot. A feature is `(snapshot, params) => result` in
// features/<name>.ts; this file only wires them (the `features` table).
// Every request is wrapped: an internal error is logged and answered with
// the feature's empty result, so no input can take the server down.
import { readFileSync } from "node:fs";
import {
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  ResponseError,
} from "vscode-languageserver";
import { Workspace, type WorkspaceOptions } from "./workspace.ts";
import type { Snapshot } from "./snapshot.ts";
import { DiagnosticsPublisher } from "./features/diagnostics.ts";
import { hover } from "./features/hover.ts";
import { definition } from "./features/definition.ts";
import { references } from "./features/references.ts";
import { prepareRename, rename } from "./features/rename.ts";
import { documentSymbols, workspaceSymbols } from "./features/symbols.ts";
import { legend, semanticTokens } from "./features/semantic-tokens.ts";
import { foldingRanges } from "./features/folding.ts";
import { completionFrom } from "./features/completion-stale.ts";
import { signatureHelp } from "./features/signature.ts";
import { inlayHints } from "./features/inlay-hints.ts";
import { codeActions } from "./features/code-actions.ts";
import { formatting } from "./features/formatting.ts";

export interface ServerOptions extends WorkspaceOptions {
  /** Pause after the last change before diagnostics are published (ms); `initializationOptions.diagnosticsDelay` overrides it. */
  diagnosticsDelay?: number;
}

/** Runs a feature on the current snapshot; errors become a log line and `empty` (a ResponseError is passed on to the client). */
export type Run = <P, R>(name: string, feature: (snapshot: Snapshot, params: P) => R, empty: R) => (params: P) => R;

/** Runs a feature that picks its own snapshot from the workspace (completion may answer from the last one); errors as for Run. */
export type RunOnWorkspace = <P, R>(name: string, feature: (workspace: Workspace, params: P) => R, empty: R) => (params: P) => R;

/** One feature: the capabilities it announces and how its handler is registered. */
export interface FeatureEntry {
  capabilities: ServerCapabilities;
  wire(connection: Connection, run: Run, runOnWorkspace: RunOnWorkspace): void;
}

/** The features, one line each. Add yours here. */
const features: FeatureEntry[] = [
  { capabilities: { hoverProvider: true }, wire: (c, run) => c.onHover(run("hover", hover, null)) },
  { capabilities: { definitionProvider: true }, wire: (c, run) => c.onDefinition(run("definition", definition, [])) },
  { capabilities: { referencesProvider: true }, wire: (c, run) => c.onReferences(run("references", references, [])) },
  {
    capabilities: { renameProvider: { prepareProvider: true } },
    wire: (c, run) => (c.onPrepareRename(run("prepareRename", prepareRename, null)), c.onRenameRequest(run("rename", rename, null))),
  },
  { capabilities: { documentSymbolProvider: true }, wire: (c, run) => c.onDocumentSymbol(run("documentSymbol", documentSymbols, [])) },
  { capabilities: { workspaceSymbolProvider: true }, wire: (c, run) => c.onWorkspaceSymbol(run("workspaceSymbol", workspaceSymbols, [])) },
  { capabilities: { semanticTokensProvider: { legend, full: true } }, wire: (c, run) => c.languages.semanticTokens.on(run("semanticTokens", semanticTokens, { data: [] })) },
  { capabilities: { foldingRangeProvider: true }, wire: (c, run) => c.onFoldingRanges(run("foldingRange", foldingRanges, [])) },
  { capabilities: { completionProvider: { triggerCharacters: [".", ":", "{"] } }, wire: (c, _run, onWs) => c.onCompletion(onWs("completion", completionFrom, [])) },
  { capabilities: { signatureHelpProvider: { triggerCharacters: ["(", ","] } }, wire: (c, run) => c.onSignatureHelp(run("signatureHelp", signatureHelp, null)) },
  { capabilities: { inlayHintProvider: true }, wire: (c, run) => c.languages.inlayHint.on(run("inlayHint", inlayHints, [])) },
  { capabilities: { codeActionProvider: { codeActionKinds: ["quickfix"] } }, wire: (c, run) => c.onCodeAction(run("codeAction", codeActions, [])) },
  { capabilities: { documentFormattingProvider: true }, wire: (c, run) => c.onDocumentFormatting(run("formatting", formatting, Promise.resolve([]))) },
];

export function readDisk(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

export function startServer(connection: Connection, options: ServerOptions = {}): Workspace {
  const workspace = new Workspace({ readFile: options.readFile ?? readDisk, ...(options.stdDir ? { stdDir: options.stdDir } : {}) });
  const diagnostics = new DiagnosticsPublisher(connection, workspace, options.diagnosticsDelay ?? 150);

  let watchFiles = false;

  const runOnWorkspace: RunOnWorkspace = (name, feature, empty) => (params) => {
    try {
      return feature(workspace, params);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`weft lsp: internal error in ${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return empty;
    }
  };
  const run: Run = (name, feature, empty) => runOnWorkspace(name, (ws, params) => feature(ws.snapshot(), params), empty);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const delay = (params.initializationOptions as { diagnosticsDelay?: unknown } | undefined)?.diagnosticsDelay;
    if (typeof delay === "number" && delay >= 0) diagnostics.delay = delay;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const capabilities: ServerCapabilities = { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } };
    for (const f of features) Object.assign(capabilities, f.capabilities);
    return { capabilities, serverInfo: { name: "weft-lsp", version: "0.1.0" } };
  });

  connection.onInitialized(() => {
    // Files on disk that open documents import: re-read when they change.
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.weft" }] });
  });

  /** Runs a notification handler; an internal error is logged, never thrown. */
  const guard =
    <P>(name: string, handler: (params: P) => void) =>
    (params: P) => {
      try {
        handler(params);
      } catch (e) {
        connection.console.error(`weft lsp: internal error in ${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      diagnostics.schedule();
    };

  connection.onDidOpenTextDocument(guard("didOpen", ({ textDocument: d }) => workspace.open(d.uri, d.text, d.version)));
  connection.onDidChangeTextDocument(guard("didChange", ({ textDocument: d, contentChanges }) => workspace.change(d.uri, contentChanges, d.version)));
  connection.onDidCloseTextDocument(
    guard("didClose", ({ textDocument: d }) => {
      workspace.close(d.uri);
      diagnostics.clear(d.uri);
    }),
  );
  connection.onDidChangeWatchedFiles(guard("didChangeWatchedFiles", () => workspace.filesChanged()));
  connection.onShutdown(() => diagnostics.dispose());

  for (const f of features) f.wire(connection, run, runOnWorkspace);
  connection.listen();
  return workspace;
}
