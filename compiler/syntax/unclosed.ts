// Declarations and blocks still open when the file ends. The parser closes
// them implicitly (their AST is kept, so later passes and the language server
// see everything typed so far) and records each one here, innermost first;
// this file turns that list into the ONE diagnostic the user gets at the end
// of the file (E0112), which also absorbs the other end-of-file errors (a
// statement cut short, say) as help lines.
import { diagnostic, type Diagnostic, type Label } from "../diagnostics/index.ts";
import type { Span } from "./ast.ts";

/** A `{` left open at the end of the file and what it opened ("contract `C`", "function `f`", "block"). */
export interface OpenAtEof {
  open: Span;
  what: string;
}

/** At most this many "opened here" labels; deeper nesting is summed up in a help line. */
const MAX_LABELS = 4;

/** The diagnostic for `open` (innermost first, not empty), placed at `at`, the end of the last token. */
export function unclosedDiagnostic(open: readonly OpenAtEof[], at: Span): Diagnostic {
  const inner = open[0]!;
  const secondary: Label[] = open.slice(0, MAX_LABELS).map((o) => ({ span: o.open, message: `${o.what} opened here` }));
  const help: string[] = [];
  if (open.length > 1) help.push(`${open.length} declarations or blocks are still open here: each needs its \`}\``);
  return diagnostic("E0112", at, `unexpected end of file: expected \`}\` to close the ${inner.what}`, {
    label: "the file ends here",
    secondary,
    help,
  });
}

/**
 * `parsing` (diagnostics in the order met) with every other diagnostic at
 * the end-of-file position folded into `unclosed`: their messages become help
 * lines and their fixes are kept, so one place gives one diagnostic.
 */
export function absorbAtEof(unclosed: Diagnostic, parsing: readonly Diagnostic[]): Diagnostic[] {
  const at = unclosed.primary.start;
  const kept: Diagnostic[] = [];
  const before: string[] = [];
  for (const d of parsing) {
    if (d.primary.start !== at || d.primary.file !== unclosed.primary.file) {
      kept.push(d);
      continue;
    }
    before.push(`the code before it is cut short: ${d.message.replace(/^unexpected end of file: /, "")}`);
    unclosed.fixes.push(...d.fixes);
  }
  unclosed.help.unshift(...before);
  kept.push(unclosed);
  return kept;
}
