// The edits bench:lsp sends: someone typing a statement, one character at a
// time, at the start of a line inside a function body, then deleting it in
// one edit (as "undo" would) and starting again, so the document never grows.
// Every step is an incremental didChange with a one-character range.
import type { TextDocumentContentChangeEvent } from "vscode-languageserver/node.js";

/** Typed before `return total;`: valid once complete, with parse errors on the way (as real typing has). */
export const STATEMENT = "self.counter += o.price; ";

export class Typist {
  /** Characters of STATEMENT typed so far. */
  private typed = 0;

  constructor(
    private readonly line: number,
    private readonly column: number,
  ) {}

  /** The next change: one more character, or (when the statement is complete) its deletion. */
  next(): TextDocumentContentChangeEvent {
    const { line, column } = this;
    if (this.typed === STATEMENT.length) {
      this.typed = 0;
      return { range: { start: { line, character: column }, end: { line, character: column + STATEMENT.length } }, text: "" };
    }
    const at = { line, character: column + this.typed };
    return { range: { start: at, end: at }, text: STATEMENT[this.typed++]! };
  }

  /** The change that removes what has been typed so far (nothing when nothing is), leaving the original line. */
  reset(): TextDocumentContentChangeEvent | null {
    if (this.typed === 0) return null;
    const { line, column } = this;
    const change = { range: { start: { line, character: column }, end: { line, character: column + this.typed } }, text: "" };
    this.typed = 0;
    return change;
  }
}
