// Go to definition: the declaration of the name under the cursor — in the
// same file, a file it imports, or a std module (stdlib/x.weft as a file://
// URI). On an import's module path or file path: the top of that file.
// Built-ins (`msg.sender`, `require`, …) have no source and give nothing.
import type { DefinitionParams, Location } from "vscode-languageserver";
import type { Snapshot } from "../snapshot.ts";
import { symbolAt } from "../query.ts";

export function definition(snapshot: Snapshot, params: DefinitionParams): Location[] {
  const uri = params.textDocument.uri;
  const sym = symbolAt(snapshot, uri, snapshot.offsetAt(uri, params.position));
  if (!sym?.nameSpan) return [];
  return [snapshot.rangeOf(sym.nameSpan)];
}
