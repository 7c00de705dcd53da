import type { Severity } from "../diagnostic.ts";

export interface CodeInfo {
  code: string;
  severity: Severity;
  /** One line: what the code means (used by docs and `weft explain`). */
  title: string;
}

export function errors(table: Record<string, string>): CodeInfo[] {
  return Object.entries(table).map(([code, title]) => ({ code, severity: "error", title }));
}

export function warnings(table: Record<string, string>): CodeInfo[] {
  return Object.entries(table).map(([code, title]) => ({ code, severity: "warning", title }));
}
