// The VS Code extension's manifest (lsp/vscode/package.json) and language
// configuration: everything they point at exists, the comment and bracket
// tokens are the lexer's, the regexes compile as VS Code compiles them, and
// the extension's code registers what the manifest promises.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tokenize } from "../../compiler/syntax/index.ts";

const ext = new URL("../../lsp/vscode/", import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, ext), "utf8"));
const manifest = json("package.json");
const config = json("language-configuration.json");
const extensionSource = readFileSync(new URL("src/extension.ts", ext), "utf8");
const examples = new URL("../../examples/", import.meta.url);
const exampleTexts = readdirSync(examples)
  .filter((f) => f.endsWith(".weft"))
  .map((f) => readFileSync(new URL(f, examples), "utf8"));

describe("package.json", () => {
  it("identifies the extension and loads the bundled CommonJS client", () => {
    expect(manifest).toMatchObject({
      name: "weft-vscode",
      publisher: "weft",
      version: "0.1.0",
      license: "Apache-2.0",
      engines: { vscode: "^1.90.0" },
      categories: ["Programming Languages"],
      activationEvents: ["onLanguage:weft"],
      main: "./dist/extension.js",
    });
    // VS Code 1.90 loads extensions with require(): the folder must not be ESM.
    expect(manifest.type).toBeUndefined();
    // Packaged on its own: no dependencies to install (the client is bundled).
    expect(manifest.dependencies).toBeUndefined();
    const root = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(root.workspaces).toBeUndefined();
  });

  it("contributes the weft language and grammar with files that exist", () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({ id: "weft", extensions: [".weft"] });
    expect(language.aliases).toContain("Weft");
    expect(existsSync(new URL(language.configuration, ext))).toBe(true);
    const [grammar] = manifest.contributes.grammars;
    expect(grammar).toMatchObject({ language: "weft", scopeName: "source.weft" });
    expect(existsSync(new URL(grammar.path, ext))).toBe(true);
    expect(json(grammar.path).scopeName).toBe(grammar.scopeName);
    expect(existsSync(new URL("src/extension.ts", ext))).toBe(true);
    expect(existsSync(new URL("LICENSE", ext))).toBe(true);
    expect(readFileSync(new URL("LICENSE", ext), "utf8")).toContain("Apache License");
  });

  it("declares the settings and command the client reads and registers", () => {
    const props = manifest.contributes.configuration.properties;
    expect(Object.keys(props).sort()).toEqual(["weft.server.args", "weft.server.command", "weft.trace.server"]);
    expect(props["weft.server.command"].default).toBe("");
    expect(props["weft.server.args"].default).toEqual(["lsp", "--stdio"]);
    expect(props["weft.trace.server"].enum).toEqual(["off", "messages", "verbose"]);
    // vscode-languageclient reads `<client id>.trace.server`.
    expect(extensionSource).toMatch(/const clientId = "weft";/);
    expect(extensionSource).toContain('getConfiguration("weft.server")');
    for (const c of manifest.contributes.commands) expect(extensionSource).toContain(`registerCommand("${c.command}"`);
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toEqual(["weft.restartServer"]);
  });

  it("starts a command the CLI has", () => {
    const main = readFileSync(new URL("../../cli/main.ts", import.meta.url), "utf8");
    expect(main).toMatch(/name: "lsp"/);
  });
});

describe("language-configuration.json", () => {
  const lexed = (text: string) => tokenize(text).map((t) => [t.type, text.slice(t.start, t.end)]);

  it("comments with the lexer's comment tokens", () => {
    const { lineComment, blockComment } = config.comments;
    expect(lexed(`${lineComment} x`)).toEqual([["LineComment", `${lineComment} x`]]);
    expect(lexed(`${blockComment[0]} x ${blockComment[1]} y`)).toEqual([
      ["BlockComment", `${blockComment[0]} x ${blockComment[1]}`],
      ["Identifier", "y"],
    ]);
  });

  it("continues a `///` doc comment on Enter with a doc comment", () => {
    const rule = config.onEnterRules.find((r: { beforeText: string }) => new RegExp(r.beforeText).test("    /// Moves units."));
    expect(rule).toBeDefined();
    expect(new RegExp(rule.beforeText).test("//// not documentation")).toBe(false);
    const next = `${rule.action.appendText}more`;
    expect(lexed(next)).toEqual([["DocComment", next]]);
  });

  it("pairs brackets the lexer reads as brackets, and auto-closes strings", () => {
    const names: Record<string, string> = { "(": "LParen", ")": "RParen", "[": "LBracket", "]": "RBracket", "{": "LBrace", "}": "RBrace" };
    for (const [open, close] of config.brackets) expect(lexed(`${open}${close}`).map((t) => t[0])).toEqual([names[open], names[close]]);
    expect(config.autoClosingPairs).toContainEqual(expect.objectContaining({ open: '"', close: '"' }));
    expect(lexed('"a"')).toEqual([["StringLit", '"a"']]);
  });

  it("indents after `{` and outdents at `}`", () => {
    const inc = new RegExp(config.indentationRules.increaseIndentPattern);
    const dec = new RegExp(config.indentationRules.decreaseIndentPattern);
    for (const line of ["contract Token {", "    pub fn transfer(to: address) -> bool {", "        let e = Entry {", "    enum Side {"])
      expect(inc.test(line), line).toBe(true);
    for (const line of ["    }", "    fn f() { return; }", "let x = 1;"]) expect(inc.test(line), line).toBe(false);
    expect(dec.test("    }")).toBe(true);
    expect(dec.test("    };")).toBe(true);
    expect(dec.test("    x = 1;")).toBe(false);
  });

  it("takes every name and number of the examples as one word", () => {
    const word = new RegExp(`^(?:${config.wordPattern})$`);
    let n = 0;
    for (const text of exampleTexts)
      for (const t of tokenize(text))
        if (t.type === "Identifier" || t.type === "NumberLit") {
          expect(text.slice(t.start, t.end)).toMatch(word);
          n++;
        }
    expect(n).toBeGreaterThan(500);
    expect("self.balances").not.toMatch(word);
  });
});
