// Renders diagnostics as text (source excerpt with carets, optional ANSI
// colour) or as JSON. Pure: the caller passes the source texts and decides
// whether to colour (cli checks the terminal).
import type { Diagnostic, Label } from "./diagnostic.ts";
import type { Span } from "../syntax/ast.ts";
import { LineIndex, type Position } from "./source-map.ts";

export interface RenderOptions {
  color?: boolean;
}

type SourceLookup = (file: string) => string | undefined;

const ansi = {
  red: "\x1b[31m",
  yellow: "\x1b[33m",
  blue: "\x1b[34m",
  cyan: "\x1b[36m",
  bold: "\x1b[1m",
  reset: "\x1b[0m",
};

class Indexes {
  private readonly cache = new Map<string, LineIndex | null>();
  constructor(private readonly lookup: SourceLookup) {}
  get(file: string): LineIndex | null {
    let idx = this.cache.get(file);
    if (idx === undefined) {
      const text = this.lookup(file);
      idx = text === undefined ? null : new LineIndex(text);
      this.cache.set(file, idx);
    }
    return idx;
  }
}

function lookupFrom(sources: Record<string, string> | SourceLookup): SourceLookup {
  return typeof sources === "function" ? sources : (f) => sources[f];
}

/** Renders diagnostics the way rustc does: header, location, excerpt, carets, help. */
export function renderText(
  diagnostics: readonly Diagnostic[],
  sources: Record<string, string> | SourceLookup,
  opts: RenderOptions = {},
): string {
  const idx = new Indexes(lookupFrom(sources));
  const c = (code: keyof typeof ansi, s: string) => (opts.color ? ansi[code] + s + ansi.reset : s);
  const out: string[] = [];
  for (const d of diagnostics) {
    const sevColor = d.severity === "error" ? "red" : "yellow";
    out.push(c("bold", c(sevColor, `${d.severity}[${d.code}]`) + `: ${d.message}`));
    const primaryIndex = idx.get(d.primary.file);
    const pos = primaryIndex?.position(d.primary.start) ?? { line: 1, column: 1 };
    const gutter = " ".repeat(String(maxLine(d, idx)).length);
    out.push(`${gutter}${c("blue", "-->")} ${d.primary.file}:${pos.line}:${pos.column}`);
    const labels: { label: Label; primary: boolean }[] = [
      { label: { span: d.primary, message: d.label ?? "" }, primary: true },
      ...d.secondary.map((label) => ({ label, primary: false })),
    ];
    let lastFile = d.primary.file;
    for (const { label, primary } of labels) {
      const li = idx.get(label.span.file);
      if (!li) continue;
      if (label.span.file !== lastFile) {
        const p = li.position(label.span.start);
        out.push(`${gutter}${c("blue", "::>")} ${label.span.file}:${p.line}:${p.column}`);
        lastFile = label.span.file;
      }
      out.push(...excerpt(li, label.span, label.message, primary, gutter, c, sevColor));
    }
    for (const h of d.help) out.push(`${gutter} ${c("cyan", "= help")}: ${h}`);
    out.push("");
  }
  return out.join("\n");
}

function maxLine(d: Diagnostic, idx: Indexes): number {
  let m = 1;
  for (const s of [d.primary, ...d.secondary.map((l) => l.span)]) {
    const li = idx.get(s.file);
    if (li) m = Math.max(m, li.position(s.end).line);
  }
  return m;
}

function excerpt(
  li: LineIndex,
  span: Span,
  message: string,
  primary: boolean,
  gutter: string,
  c: (code: keyof typeof ansi, s: string) => string,
  sevColor: "red" | "yellow",
): string[] {
  const start: Position = li.position(span.start);
  const end: Position = li.position(Math.max(span.start, span.end));
  const lines: string[] = [`${gutter} ${c("blue", "|")}`];
  const lastLine = Math.min(end.line, start.line + 3);
  for (let line = start.line; line <= lastLine; line++) {
    const text = li.lineText(line).replace(/\t/g, "    ");
    lines.push(`${c("blue", String(line).padStart(gutter.length))} ${c("blue", "|")} ${text}`);
    const from = line === start.line ? start.column - 1 : 0;
    const to = line === end.line ? end.column - 1 : text.length;
    const width = Math.max(1, to - from);
    const mark = (primary ? "^" : "-").repeat(width);
    const showMsg = line === lastLine && message ? ` ${message}` : "";
    lines.push(`${gutter} ${c("blue", "|")} ${" ".repeat(from)}${c(primary ? sevColor : "blue", mark + showMsg)}`);
  }
  return lines;
}

export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  file: string;
  start: Position & { offset: number };
  end: Position & { offset: number };
  label?: string;
  secondary: { file: string; start: Position & { offset: number }; end: Position & { offset: number }; message: string }[];
  help: string[];
  fixes: { title: string; file: string; start: number; end: number; replacement: string }[];
}

/** A JSON-ready view of diagnostics with line/column positions resolved. */
export function toJson(
  diagnostics: readonly Diagnostic[],
  sources: Record<string, string> | SourceLookup,
): JsonDiagnostic[] {
  const idx = new Indexes(lookupFrom(sources));
  const at = (file: string, offset: number) => {
    const p = idx.get(file)?.position(offset) ?? { line: 1, column: 1 };
    return { ...p, offset };
  };
  return diagnostics.map((d) => {
    const j: JsonDiagnostic = {
      code: d.code,
      severity: d.severity,
      message: d.message,
      file: d.primary.file,
      start: at(d.primary.file, d.primary.start),
      end: at(d.primary.file, d.primary.end),
      secondary: d.secondary.map((l) => ({
        file: l.span.file,
        start: at(l.span.file, l.span.start),
        end: at(l.span.file, l.span.end),
        message: l.message,
      })),
      help: d.help,
      fixes: d.fixes.map((f) => ({ title: f.title, file: f.span.file, start: f.span.start, end: f.span.end, replacement: f.replacement })),
    };
    if (d.label !== undefined) j.label = d.label;
    return j;
  });
}
