// textDocument/formatting: the whole document through the Weft formatter
// (lsp/format), answered as one edit replacing the text — or no edit when the
// text is already formatted, has syntax errors (the editor shows those as
// diagnostics; formatting quietly does nothing rather than popping up an
// error) or the formatter's own safety check fails. The formatter (prettier)
// is loaded on the first request, so the server starts without it.
import type { DocumentFormattingParams, TextEdit } from "vscode-languageserver";
import type { Snapshot } from "../snapshot.ts";

export async function formatting(snapshot: Snapshot, params: DocumentFormattingParams): Promise<TextEdit[]> {
  const doc = snapshot.docOf(params.textDocument.uri);
  if (!doc) return [];
  const { formatWeft, WeftSyntaxError, FormatCheckError } = await import("../../format/format.ts");
  let out: string;
  try {
    out = await formatWeft(doc.text, { path: doc.path });
  } catch (e) {
    if (e instanceof WeftSyntaxError || e instanceof FormatCheckError) return [];
    throw e;
  }
  if (out === doc.text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: doc.lines.positionAt(doc.text.length) }, newText: out }];
}
