// `weft check <files…>`: diagnostics only (no code generation).
// not compiler/index.ts: that loads binaryen, which checking never needs (seconds at start-up)
import { analyze } from "../../compiler/analyze.ts";
import { renderText, toJson, hasErrors } from "../../compiler/diagnostics/index.ts";
import { EXIT_DIAGNOSTICS, EXIT_OK, type Io } from "../usage.ts";
import { parseCommandArgs, type Command } from "./command.ts";
import { loadSources } from "./sources.ts";

const help = `Usage: weft check <files…> [--json]

Parses and checks the files (and what they import) and prints diagnostics.

Options:
  --json     print diagnostics as JSON on stdout
  -h, --help show this help

Exit code: 0 no errors (warnings allowed), 1 errors, 2 usage error.
`;

export const checkCommand: Command = {
  name: "check",
  async run(argv: string[], io: Io) {
    const { values, positionals } = parseCommandArgs(argv, {
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(help);
      return EXIT_OK;
    }
    const sources = loadSources(positionals, io, "check");
    const { diagnostics } = analyze(sources);
    if (values.json) io.out(JSON.stringify({ ok: !hasErrors(diagnostics), diagnostics: toJson(diagnostics, sources) }, null, 2) + "\n");
    else if (diagnostics.length) io.err(renderText(diagnostics, sources, { color: io.color }));
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    if (!values.json) io.err(`${errors} error(s), ${diagnostics.length - errors} warning(s)\n`);
    return hasErrors(diagnostics) ? EXIT_DIAGNOSTICS : EXIT_OK;
  },
};
