// Which program the VS Code extension runs as the language server
// (lsp/vscode/src/server-command.ts), on real folders; and that the command
// it picks in this repository really is a language server: it answers
// `initialize` over stdio.
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createProtocolConnection,
  InitializeRequest,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver/node.js";
import { resolveServer } from "../../lsp/vscode/src/server-command.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const defaults = { command: "", args: ["lsp", "--stdio"] };
const tmp = mkdtempSync(join(tmpdir(), "weft-vscode-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string> = {}): string {
  const dir = join(tmp, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe("resolveServer", () => {
  it("runs weft.server.command with weft.server.args when set", () => {
    const dir = folder("explicit", { "node_modules/.bin/weft": "" });
    const s = resolveServer({ command: " /opt/weft/bin/weft ", args: ["lsp", "--stdio", "--log"] }, [dir]);
    expect(s).toMatchObject({ command: "/opt/weft/bin/weft", args: ["lsp", "--stdio", "--log"], cwd: dir });
  });

  it("finds the project's node_modules/.bin/weft from a folder below it", () => {
    const project = folder("project", { "node_modules/.bin/weft": "#!/bin/sh\n", "node_modules/.bin/weft.cmd": "", "contracts/a.weft": "" });
    const s = resolveServer(defaults, [join(project, "contracts")]);
    expect(s).toMatchObject({ command: join(project, "node_modules/.bin/weft"), args: ["lsp", "--stdio"], cwd: join(project, "contracts") });
    expect(resolveServer(defaults, [project], undefined, "win32").command).toBe(join(project, "node_modules/.bin/weft.cmd"));
  });

  it("runs cli/bin/weft.js with node in the Weft repository, but not in another package with that layout", () => {
    const other = folder("other", { "package.json": '{"name":"not-weft"}', "cli/bin/weft.js": "" });
    expect(resolveServer(defaults, [other]).command).toBe("weft");
    const s = resolveServer(defaults, [join(repo, "examples")]);
    expect(s).toMatchObject({ command: "node", args: [join(repo, "cli/bin/weft.js"), "lsp", "--stdio"] });
  });

  it("falls back to weft on the PATH", () => {
    const empty = folder("empty");
    expect(resolveServer(defaults, [empty])).toMatchObject({ command: "weft", args: ["lsp", "--stdio"], cwd: empty });
    expect(resolveServer(defaults, [])).toMatchObject({ command: "weft", args: ["lsp", "--stdio"] });
    expect(resolveServer(defaults, []).cwd).toBeUndefined();
  });

  it("in this repository, starts a server that answers initialize over stdio", async () => {
    const s = resolveServer(defaults, [repo]);
    const child = spawn(s.command, s.args, { cwd: s.cwd, stdio: ["pipe", "pipe", "pipe"] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.listen();
    try {
      const init = await conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        workspaceFolders: null,
      });
      expect(init.capabilities.textDocumentSync).toBeDefined();
      await conn.sendRequest(ShutdownRequest.type);
      const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
      await conn.sendNotification(ExitNotification.type);
      expect(await exited).toBe(0);
    } finally {
      conn.dispose();
      child.kill();
    }
  });
});
