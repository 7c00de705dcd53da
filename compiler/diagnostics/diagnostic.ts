// Diagnostics are data: a stable code, a message, a primary span, labelled
// secondary spans, help lines and optional machine-applicable fixes.
// Rendering (text or JSON) lives in render.ts; the passes only create them.
import type { Span } from "../syntax/ast.ts";
import { codeInfo } from "./codes/index.ts";

export type Severity = "error" | "warning";

export interface Label {
  span: Span;
  message: string;
}

/** A text edit that fixes the problem (used by "did you mean" code actions). */
export interface Fix {
  title: string;
  span: Span;
  replacement: string;
}

export interface Diagnostic {
  /** Stable code: `E0xxx` for errors, `W0xxx` for warnings (see codes/). */
  code: string;
  severity: Severity;
  message: string;
  primary: Span;
  /** Short text shown under the caret of the primary span. */
  label?: string;
  secondary: Label[];
  help: string[];
  fixes: Fix[];
}

export interface DiagnosticOptions {
  label?: string;
  secondary?: Label[];
  help?: string | string[];
  fixes?: Fix[];
}

/** Creates a diagnostic; the severity comes from the code's table entry. */
export function diagnostic(code: string, span: Span, message: string, opts: DiagnosticOptions = {}): Diagnostic {
  const info = codeInfo(code);
  const help = opts.help === undefined ? [] : Array.isArray(opts.help) ? opts.help : [opts.help];
  const d: Diagnostic = {
    code,
    severity: info.severity,
    message,
    primary: span,
    secondary: opts.secondary ?? [],
    help,
    fixes: opts.fixes ?? [],
  };
  if (opts.label !== undefined) d.label = opts.label;
  return d;
}

/** Collects diagnostics for one pass run. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  report(code: string, span: Span, message: string, opts?: DiagnosticOptions): void {
    this.items.push(diagnostic(code, span, message, opts));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

/** Stable order for output: by file, then position, then code. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      a.primary.file.localeCompare(b.primary.file) ||
      a.primary.start - b.primary.start ||
      a.code.localeCompare(b.code),
  );
}
