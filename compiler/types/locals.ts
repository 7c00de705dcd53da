// Reading and writing locals: marks reads (for the unused-variable warning)
// and checks definite assignment — a `let mut x: T;` read on a path where it
// may still be unassigned is an error (reported once per variable).
import type * as ast from "../syntax/ast.ts";
import type { LocalInfo } from "./model.ts";
import type { Checker } from "./context.ts";

export function readLocal(cx: Checker, local: LocalInfo, at: ast.Span): void {
  cx.reads.add(local);
  if (!cx.flow.live || !cx.flow.unassigned.has(local) || cx.reportedUnassigned.has(local)) return;
  cx.reportedUnassigned.add(local);
  cx.report("E0313", at, `\`${local.name}\` is used before it is assigned`, {
    label: "may be unassigned here",
    secondary: [{ span: local.decl.span, message: "declared here without a value" }],
    help: "assign it on every path before this use, or give it an initial value",
  });
}

/** `x = …`: from here on `x` holds a value. */
export function assignLocal(cx: Checker, local: LocalInfo): void {
  cx.flow.unassigned.delete(local);
  cx.writes.add(local);
}
