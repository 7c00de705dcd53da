// `npm run package:vscode` (lsp/vscode/package.ts) run once: it writes a
// .vsix that is a valid zip holding exactly what VS Code needs, with the
// manifest, the grammar and a client bundle that requires nothing but
// `vscode` and Node's built-ins (no node_modules inside the package).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { builtinModules } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipEntries, zipRead, type ZipEntry } from "./zip.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const ext = join(repo, "lsp/vscode");
const tmp = mkdtempSync(join(tmpdir(), "weft-vsix-"));
const vsix = join(tmp, "weft.vsix");
let zip: Buffer;
let entries: ZipEntry[];
let log: string;
const entry = (name: string) => {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`${name} is not in the .vsix`);
  return zipRead(zip, e).toString("utf8");
};

beforeAll(() => {
  log = execFileSync(join(repo, "node_modules/.bin/tsx"), ["lsp/vscode/package.ts", "--out", vsix], { cwd: repo, encoding: "utf8" });
  zip = readFileSync(vsix);
  entries = zipEntries(zip);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("lsp/vscode/package.ts", () => {
  it("prints the package's path and size", () => {
    expect(log).toMatch(/packaged .*weft\.vsix \(\d+(\.\d)? KiB\)/);
  });

  it("writes a zip with exactly the extension's runtime files", () => {
    expect(entries.map((e) => e.name).sort()).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/LICENSE.txt",
      "extension/dist/extension.js",
      "extension/language-configuration.json",
      "extension/package.json",
      "extension/readme.md",
      "extension/syntaxes/weft.tmLanguage.json",
    ]);
  });

  it("packages the manifest, grammar and language configuration as they are in the repository", () => {
    const own = (p: string) => JSON.parse(readFileSync(join(ext, p), "utf8"));
    const packaged = JSON.parse(entry("extension/package.json"));
    expect(packaged.name).toBe("weft-vscode");
    expect(packaged.contributes).toEqual(own("package.json").contributes);
    expect(JSON.parse(entry("extension/syntaxes/weft.tmLanguage.json"))).toEqual(own("syntaxes/weft.tmLanguage.json"));
    expect(JSON.parse(entry("extension/language-configuration.json"))).toEqual(own("language-configuration.json"));
    const manifest = entry("extension.vsixmanifest");
    expect(manifest).toMatch(/<Identity Language="en-US" Id="weft-vscode" Version="0.1.0" Publisher="weft"/);
    expect(manifest).toContain('<Property Id="Microsoft.VisualStudio.Code.Engine" Value="^1.90.0" />');
  });

  it("bundles the client: it requires only vscode and Node built-ins", () => {
    const js = entry("extension/dist/extension.js");
    const required = new Set([...js.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!));
    expect(required).toContain("vscode");
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect([...required].filter((m) => m !== "vscode" && !builtins.has(m))).toEqual([]);
    // The client's own code is inside, not required from node_modules.
    expect(js).toContain("weft.restartServer");
    expect(js).toMatch(/exports?\b[\s\S]*activate/);
  });
});
