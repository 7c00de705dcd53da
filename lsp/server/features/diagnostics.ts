// Diagnostics as you type: after each change (debounced, ~150 ms) the
// workspace is re-analysed and every open document gets its diagnostics —
// including documents affected only through what they import. Compiler
// diagnostics map to LSP ones: the code as `code`, secondary labels as
// related information, help lines appended to the message, warnings as
// Warning, unused things and unreachable code tagged Unnecessary.
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Connection,
  type Diagnostic as LspDiagnostic,
} from "vscode-languageserver";
import type { Diagnostic } from "../../../compiler/diagnostics/index.ts";
import type { Snapshot } from "../snapshot.ts";
import type { Workspace } from "../workspace.ts";

/** Codes whose span is something that can be deleted: shown faded. */
const UNNECESSARY = new Set(["W0200", "W0300", "W0301", "W0302"]);

export function toLspDiagnostic(snapshot: Snapshot, d: Diagnostic): LspDiagnostic {
  const { range } = snapshot.rangeOf(d.primary);
  const message = [d.message, ...d.help.map((h) => `help: ${h}`)].join("\n");
  const out: LspDiagnostic = {
    range,
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: "weft",
    message,
  };
  const related = d.secondary.map((l) => ({ location: snapshot.rangeOf(l.span), message: l.message }));
  if (related.length) out.relatedInformation = related;
  if (UNNECESSARY.has(d.code)) out.tags = [DiagnosticTag.Unnecessary];
  if (d.fixes.length) out.data = { fixes: d.fixes };
  return out;
}

/** The diagnostics of one document of the snapshot. */
export function diagnosticsFor(snapshot: Snapshot, uri: string): LspDiagnostic[] {
  const path = snapshot.pathOfUri(uri);
  if (path === undefined) return [];
  return snapshot.analysis.diagnostics.filter((d) => d.primary.file === path).map((d) => toLspDiagnostic(snapshot, d));
}

export class DiagnosticsPublisher {
  private timer: NodeJS.Timeout | null = null;
  private published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: Workspace,
    public delay: number,
  ) {}

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.publish();
    }, this.delay);
  }

  /** Re-analyses (if needed) and sends diagnostics for every open document. */
  publish(): void {
    let snapshot: Snapshot;
    try {
      snapshot = this.workspace.snapshot();
    } catch (e) {
      this.connection.console.error(`weft lsp: internal error while analysing: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    for (const uri of this.workspace.openUris()) {
      let diagnostics: LspDiagnostic[] = [];
      try {
        diagnostics = diagnosticsFor(snapshot, uri);
      } catch (e) {
        this.connection.console.error(`weft lsp: internal error in diagnostics: ${e instanceof Error ? e.message : String(e)}`);
      }
      const version = this.workspace.document(uri)?.version;
      void this.connection.sendDiagnostics({ uri, diagnostics, ...(version !== undefined ? { version } : {}) });
      this.published.add(uri);
    }
  }

  /** A closed document's diagnostics are cleared. */
  clear(uri: string): void {
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
