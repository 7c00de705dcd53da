// A generic pre-order walk over AST nodes (plain objects with a `kind`),
// used for small pre-scans such as counting environment reads.
import type * as ast from "../syntax/ast.ts";

export function walk(node: unknown, visit: (n: ast.Node) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  if (node === null || typeof node !== "object" || node instanceof Uint8Array) return;
  const n = node as { kind?: unknown };
  if (typeof n.kind !== "string") return;
  visit(node as ast.Node);
  for (const [key, value] of Object.entries(node)) {
    if (key === "span" || key === "kind") continue;
    if (value !== null && typeof value === "object") walk(value, visit);
  }
}
