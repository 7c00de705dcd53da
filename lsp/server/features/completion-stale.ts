// Completion without waiting for re-analysis: the first request after a
// keystroke is usually completion (the user typed `.`), and re-analysing the
// workspace would cost it 15–40 ms on a large file. When the edits since the
// last snapshot all lie inside the body of the function being typed in,
// completion answers from that snapshot and the document's current text
// (scope-stale.ts says when that is sound); otherwise, and when the answer
// would need the type of a local written since (`x.` after `let x = …` was
// typed), it takes a fresh snapshot as any other request does.
import type { CompletionItem, CompletionParams } from "vscode-languageserver";
import type { Workspace } from "../workspace.ts";
import { completion, completionAt } from "./completion.ts";
import type { Cursor } from "./scope-cursor.ts";
import { staleCursor } from "./scope-stale.ts";
import { lastToken } from "./scope-tokens.ts";
import { chainBefore } from "./scope-types.ts";

export function completionFrom(workspace: Workspace, params: CompletionParams): CompletionItem[] {
  const view = workspace.lastSnapshot(params.textDocument.uri);
  if (view && !view.dirty) return completion(view.snapshot, params);
  const c = view && staleCursor(view, params.textDocument.uri, params.position);
  if (c && !needsNewTypes(c)) return completionAt(view.snapshot.analysis, c);
  return completion(workspace.snapshot(), params);
}

/** After `x.` where `x` is a local the snapshot has no type for (declared in, or after, the edited text). */
function needsNewTypes(c: Cursor): boolean {
  if (lastToken(c.ctx)?.type !== "Dot") return false;
  const chain = chainBefore(c.ctx.tokens, c.ctx.tokens.length - 2);
  if (!chain || chain.root.type !== "Identifier") return false;
  const l = c.locals.get(chain.root.text);
  return l !== undefined && !("type" in l);
}
