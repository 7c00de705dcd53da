// textDocument/codeAction: quick fixes. Every compiler diagnostic overlapping
// the range that carries machine-applicable fixes ("did you mean
// `balances`?", "make it mutable", …) becomes a QuickFix with its edit,
// linked to the diagnostic; an unknown name that a std module or another
// .weft file declares gets "import it" fixes (scope-imports.ts).
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic } from "vscode-languageserver";
import type { Diagnostic } from "../../../compiler/diagnostics/index.ts";
import type { Snapshot } from "../snapshot.ts";
import { toLspDiagnostic } from "./diagnostics.ts";
import { importFixes } from "./scope-imports.ts";

export function codeActions(snapshot: Snapshot, params: CodeActionParams): CodeAction[] {
  const doc = snapshot.docOf(params.textDocument.uri);
  if (!doc?.file) return [];
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || k.startsWith(CodeActionKind.QuickFix + ".")))
    return [];
  const from = snapshot.offsetAt(doc.uri, params.range.start);
  const to = snapshot.offsetAt(doc.uri, params.range.end);
  const out: CodeAction[] = [];
  for (const d of snapshot.analysis.diagnostics) {
    if (d.primary.file !== doc.path || d.primary.end < from || d.primary.start > to) continue;
    const lsp = linked(snapshot, d, params.context.diagnostics);
    for (const fix of d.fixes) {
      const { uri, range } = snapshot.rangeOf(fix.span);
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: d.fixes.length === 1,
        edit: { changes: { [uri]: [{ range, newText: fix.replacement }] } },
      });
    }
    if (isUnknownName(d)) {
      const name = doc.text.slice(d.primary.start, d.primary.end);
      for (const f of importFixes(snapshot, doc, name))
        out.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [doc.uri]: [f.edit] } } });
    }
  }
  return out;
}

/** "cannot find `X` in this scope" (E0200, values and paths) or "cannot find the type `X`" (E0201). */
function isUnknownName(d: Diagnostic): boolean {
  return (d.code === "E0200" || d.code === "E0201") && /^cannot find (the type )?`/.test(d.message);
}

/** The client's copy of the diagnostic when it sent one (same code and range), else ours. */
function linked(snapshot: Snapshot, d: Diagnostic, sent: LspDiagnostic[]): LspDiagnostic {
  const mine = toLspDiagnostic(snapshot, d);
  const same = sent.find(
    (s) =>
      s.code === mine.code &&
      s.range.start.line === mine.range.start.line &&
      s.range.start.character === mine.range.start.character &&
      s.range.end.line === mine.range.end.line &&
      s.range.end.character === mine.range.end.character,
  );
  return same ?? mine;
}
