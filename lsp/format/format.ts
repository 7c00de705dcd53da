// Formatting a Weft text: prettier with the Weft plugin, then a safety check —
// the result must parse to the same tree (spans aside) as the input, so a
// bug in the printer can never change or lose code. `weft fmt` and the
// language server call this; the prettier CLI uses plugin.ts directly.
import * as prettier from "prettier";
import { parse, dumpAst } from "../../compiler/syntax/index.ts";
import plugin, { PRINT_WIDTH } from "./plugin.ts";
import { WeftSyntaxError } from "./parse.ts";

export { WeftSyntaxError } from "./parse.ts";

export interface FormatOptions {
  /** The file's path, for error messages. */
  path?: string;
  printWidth?: number;
}

/** The printer produced something that is not the same program (a bug in the formatter). */
export class FormatCheckError extends Error {
  readonly code = "F0001";
  constructor(path: string, detail: string) {
    super(`${path}: error[F0001]: the formatter changed the meaning of the file (${detail}); it was left as it is`);
    this.name = "FormatCheckError";
  }
}

/**
 * The formatted text. Throws WeftSyntaxError when `text` has a syntax error
 * and FormatCheckError when the output would not be the same program.
 */
export async function formatWeft(text: string, opts: FormatOptions = {}): Promise<string> {
  const path = opts.path ?? "<input>.weft";
  const out = await prettier.format(text, {
    parser: "weft",
    plugins: [plugin],
    filepath: path,
    printWidth: opts.printWidth ?? PRINT_WIDTH,
    tabWidth: 4,
    useTabs: false,
  });
  const after = parse(path, out);
  if (after.diagnostics.some((d) => d.severity === "error"))
    throw new FormatCheckError(path, `the output has a syntax error: ${after.diagnostics[0]!.code} ${after.diagnostics[0]!.message}`);
  if (shapeOf(parse(path, text).file) !== shapeOf(after.file)) throw new FormatCheckError(path, "its syntax tree differs");
  return out;
}

/** An AST dump without spans: the shape two texts must share to be the same program. */
export function shapeOf(file: Parameters<typeof dumpAst>[0]): string {
  return dumpAst(file).replace(/@\d+\.\.\d+/g, "");
}

export function isSyntaxError(e: unknown): e is WeftSyntaxError {
  return e instanceof WeftSyntaxError;
}
