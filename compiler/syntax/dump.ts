// A compact S-expression view of an AST, for golden tests and debugging:
//
//   (Fn @40..96 name=transfer@47..55 isPublic
//     params:
//       (Param @56..67 name=to@56..58
//         type: (NamedType @60..67 path=[address@60..67])))
//
// Written generically over the node objects (kind first, then the fields in
// declaration order) so that it keeps up with additions to ast.ts. Scalars,
// names and spans go on the node's line; child nodes go on their own lines.
// Flags appear by name when true; null fields and `file` are left out.
import type { Node, SourceFile } from "./ast.ts";

type Obj = Record<string, unknown>;

function isSpan(v: unknown): v is { start: number; end: number } {
  return typeof v === "object" && v !== null && "start" in v && "end" in v && !("kind" in v);
}

function isIdent(v: unknown): v is { kind: "Ident"; name: string; span: { start: number; end: number } } {
  return typeof v === "object" && v !== null && (v as Obj)["kind"] === "Ident";
}

function isNodeLike(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !isSpan(v) && !isIdent(v);
}

const at = (s: { start: number; end: number }) => `@${s.start}..${s.end}`;
const identText = (i: { name: string; span: { start: number; end: number } }) => `${i.name === "" ? "<missing>" : i.name}${at(i.span)}`;

function scalar(v: unknown): string | null {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return String(v);
  if (v instanceof Uint8Array) return `hex"${Array.from(v, (b) => b.toString(16).padStart(2, "0")).join("")}"`;
  if (isSpan(v)) return at(v);
  if (isIdent(v)) return identText(v);
  if (Array.isArray(v) && v.every(isIdent)) return `[${v.map(identText).join(" ")}]`;
  return null;
}

function dumpNode(node: Obj, indent: string): string[] {
  const kind = typeof node["kind"] === "string" ? (node["kind"] as string) : "Field";
  let head = `(${kind}`;
  const span = node["span"];
  if (isSpan(span)) head += ` ${at(span)}`;
  const children: string[] = [];
  const inner = indent + "  ";
  for (const [key, value] of Object.entries(node)) {
    if (key === "kind" || key === "span" || key === "file" || value === null || value === undefined) continue;
    if (typeof value === "boolean") {
      // flags (isPublic, mutable, …) by name when set; a literal's value always
      if (key === "value") head += ` value=${value}`;
      else if (value) head += ` ${key}`;
      continue;
    }
    if (Array.isArray(value) && value.length === 0) {
      head += ` ${key}=[]`;
      continue;
    }
    const s = scalar(value);
    if (s !== null) {
      head += ` ${key}=${s}`;
      continue;
    }
    if (Array.isArray(value)) {
      children.push(`${inner}${key}:`);
      for (const el of value) {
        const lines = isNodeLike(el) ? dumpNode(el, inner + "  ") : [`${inner}  ${scalar(el) ?? String(el)}`];
        children.push(...lines);
      }
      continue;
    }
    if (isNodeLike(value)) {
      const lines = dumpNode(value, inner);
      lines[0] = `${inner}${key}: ${lines[0]!.trimStart()}`;
      children.push(...lines);
      continue;
    }
    head += ` ${key}=${String(value)}`;
  }
  const lines = [indent + head, ...children];
  lines[lines.length - 1] += ")";
  return lines;
}

/** The tree as indented S-expressions, one node per line, spans as `@start..end`. */
export function dumpAst(file: SourceFile | Node): string {
  return dumpNode(file as unknown as Obj, "").join("\n") + "\n";
}
