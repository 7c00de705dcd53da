// `weft fmt [--check] <files or folders…>`: formats .weft files in place with
// the Weft formatter (lsp/format: a prettier plugin on the compiler's parser).
// A file with syntax errors is never touched: its diagnostics are printed as
// `weft check` prints them and the other files are still formatted.
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { renderText } from "../../compiler/diagnostics/index.ts";
import { formatWeft, FormatCheckError, WeftSyntaxError } from "../../lsp/format/format.ts";
import { EXIT_DIAGNOSTICS, EXIT_OK, UsageError, type Io } from "../usage.ts";
import { parseCommandArgs, type Command } from "./command.ts";

const help = `Usage: weft fmt [--check] <files or folders…>

Formats .weft files in place (folders are searched for *.weft files) and
lists the files it changed. The style: 4-space indentation, 100 columns,
comments kept where they are (see lsp/format/README.md).

Options:
  --check    change nothing; list the files that are not formatted
  -h, --help show this help

Exit code: 0 all formatted (or, with --check, nothing to change); 1 a file
has syntax errors (it is left as it is) or, with --check, a file would
change; 2 usage error.
`;

export const fmtCommand: Command = {
  name: "fmt",
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandArgs(argv, {
      check: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(help);
      return EXIT_OK;
    }
    const files = weftFiles(positionals, io);
    const check = values.check === true;
    let changed = 0;
    let failed = 0;
    for (const file of files) {
      const text = readFileSync(resolve(io.cwd, file), "utf8");
      let out: string;
      try {
        out = await formatWeft(text, { path: file });
      } catch (e) {
        failed++;
        if (e instanceof WeftSyntaxError) io.err(renderText(e.diagnostics, { [file]: text }, { color: io.color }));
        else if (e instanceof FormatCheckError) io.err(`${e.message}\n`);
        else throw e;
        continue;
      }
      if (out === text) continue;
      changed++;
      if (!check) writeFileSync(resolve(io.cwd, file), out);
      io.out(`${file}\n`);
    }
    const verb = check ? "not formatted" : "formatted";
    io.err(`${files.length} file(s): ${changed} ${verb}${failed ? `, ${failed} not formatted because of errors` : ""}\n`);
    return failed > 0 || (check && changed > 0) ? EXIT_DIAGNOSTICS : EXIT_OK;
  },
};

/** The .weft files named or found under the folders named, relative to the working directory, sorted. */
function weftFiles(paths: string[], io: Io): string[] {
  if (paths.length === 0) throw new UsageError("no files or folders to format", "fmt");
  const found = new Set<string>();
  const show = (abs: string) => {
    const r = relative(io.cwd, abs);
    return isAbsolute(r) ? abs : r.replace(/\\/g, "/");
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".weft")) found.add(show(full));
    }
  };
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${p}`, "fmt");
    if (statSync(abs).isDirectory()) walk(abs);
    else found.add(show(abs));
  }
  return [...found];
}
