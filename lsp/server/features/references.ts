// Find references: every use of the declaration under the cursor in all
// files of the snapshot (open documents, the files they import, std modules).
import type { Location, ReferenceParams } from "vscode-languageserver";
import type { Snapshot } from "../snapshot.ts";
import { symbolAt } from "../query.ts";
import { findReferences } from "../references.ts";

export function references(snapshot: Snapshot, params: ReferenceParams): Location[] {
  const uri = params.textDocument.uri;
  const sym = symbolAt(snapshot, uri, snapshot.offsetAt(uri, params.position));
  if (!sym) return [];
  return findReferences(snapshot, sym, params.context.includeDeclaration).map((s) => snapshot.rangeOf(s));
}
