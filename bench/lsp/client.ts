// A minimal LSP client for bench:lsp: spawns `weft lsp --stdio` as a child
// process, speaks JSON-RPC over its stdin/stdout (vscode-languageserver's
// protocol connection), and lets the bench wait for the diagnostics of a
// given document version and read the child's resident memory.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver/node.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));

export class LspClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Latest diagnostics per URI, with their version. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: { uri: string; version: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private stderr = "";

  constructor() {
    this.child = spawn(process.execPath, ["cli/bin/weft.js", "lsp", "--stdio"], { cwd: repo, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (d: Buffer) => void (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== p.uri || p.version === undefined || p.version < w.version) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.listen();
  }

  /** Everything the server wrote to stderr (its log), for error messages. */
  get log(): string {
    return this.stderr;
  }

  async initialize(initializationOptions: unknown): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions,
    })) as InitializeResult;
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  /** Resolves with the first diagnostics for `uri` at `version` or later (the server publishes versions). */
  diagnosticsFor(uri: string, version: number, timeoutMs = 120_000): Promise<PublishDiagnosticsParams> {
    const have = this.diagnostics.get(uri);
    if (have?.version !== undefined && have.version >= version) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  open(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "weft", version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** The child's resident set size in bytes (VmRSS of /proc/<pid>/status; Linux only). */
  rss(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!kb) throw new Error(`no VmRSS in /proc/${this.child.pid}/status`);
    return Number(kb[1]) * 1024;
  }

  /**
   * CPU time the child has used so far, in ms (utime + stime of
   * /proc/<pid>/stat, in clock ticks of 10 ms): unlike wall time, other
   * processes on the machine do not inflate it.
   */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.child.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // after "pid (comm) ": state is field 3
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime: fields 14 and 15
  }

  /** shutdown + exit, then waits for the child (killing it if it lingers). */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once("exit", () => resolve())));
    try {
      await Promise.race([this.request("shutdown", null), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // the connection may already be gone; the kill below ends the child
    }
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
