// What is at a position: `nodeAt` finds the innermost AST node (with its
// ancestors), `symbolAt` the declaration the name there refers to (or
// declares). Both read only the snapshot's analysis: the resolver's name
// table, the checker's side tables and the declarations' `…Info` records.
import type * as ast from "../../compiler/syntax/ast.ts";
import { importTarget } from "../../compiler/sources.ts";
import type { CallTarget } from "../../compiler/types/model.ts";
import type { Snapshot } from "./snapshot.ts";
import { childrenOf } from "./ast-walk.ts";
import { declIndex, moduleRecord } from "./decl-index.ts";
import { recordOfRef, recordOfResolution, recordOfType, symbolOf, type SymbolInfo, type SymbolRecord } from "./symbol-info.ts";

export interface NodeAt {
  node: ast.Node;
  /** Outermost first: ancestors[0] is the SourceFile, the last one is the parent. */
  ancestors: ast.Node[];
}

/** The innermost node whose span contains `offset` (a cursor right after a name still counts as on it). */
export function nodeAt(snapshot: Snapshot, uri: string, offset: number): NodeAt | undefined {
  const file = snapshot.docOf(uri)?.file;
  if (!file) return undefined;
  return nodeAtIn(file, offset);
}

export function nodeAtIn(file: ast.SourceFile, offset: number): NodeAt {
  const ancestors: ast.Node[] = [];
  let node: ast.Node = file;
  for (;;) {
    const kids = childrenOf(node);
    const inside = kids.find((k) => k.span.start <= offset && offset < k.span.end);
    const next = inside ?? kids.find((k) => k.span.start <= offset && offset === k.span.end);
    if (!next || next === node) return { node, ancestors };
    ancestors.push(node);
    node = next;
  }
}

export interface SymbolAt extends SymbolInfo {
  /** The name under the cursor (a reference or the declaration's own name). */
  at: ast.Span;
}

/** The declaration the name at `offset` denotes (or declares); undefined on anything else. */
export function symbolAt(snapshot: Snapshot, uri: string, offset: number): SymbolAt | undefined {
  const found = nodeAt(snapshot, uri, offset);
  if (!found) return undefined;
  const { node, ancestors } = found;
  if (node.kind === "Self") return { ...symbolOf({ kind: "builtin", name: "self" }), at: node.span };
  if (node.kind === "Import" && node.source.kind === "file") {
    // On the quoted path of `import "./lib.weft";`: that file.
    const src = node.source;
    if (offset < src.pathSpan.start || offset > src.pathSpan.end) return undefined;
    const target = snapshot.analysis.files.find((f) => f.path === importTarget(node.span.file, src.path));
    return target ? { ...symbolOf({ kind: "module", file: target, name: target.path }), at: src.pathSpan } : undefined;
  }
  if (node.kind !== "Ident") return undefined;
  const record = recordOfIdent(snapshot, node, ancestors);
  return record ? { ...symbolOf(record), at: node.span } : undefined;
}

/** What a name or member expression denotes: the function it calls, else what the resolver or the checker made of it. */
function recordOfExpr(snapshot: Snapshot, expr: ast.NameExpr | ast.MemberExpr, grand: ast.Node | undefined): SymbolRecord | undefined {
  const { program, names } = snapshot.analysis;
  if (!program) return undefined;
  if (grand?.kind === "Call" && grand.callee === expr) {
    const target = callRecord(program.calls.get(grand));
    if (target) return target;
  }
  const r = names?.get(expr);
  if (r) return recordOfResolution(r);
  const ref = program.refs.get(expr);
  return ref ? recordOfRef(ref) : undefined;
}

/** What the identifier `id` (whose ancestors are given, parent last) denotes. */
export function recordOfIdent(snapshot: Snapshot, id: ast.Ident, ancestors: ast.Node[]): SymbolRecord | undefined {
  const { program, names } = snapshot.analysis;
  if (!program) return undefined;
  const index = declIndex(snapshot.analysis);
  const parent = ancestors[ancestors.length - 1];
  const grand = ancestors[ancestors.length - 2];
  if (!parent) return undefined;
  switch (parent.kind) {
    case "Name":
      return recordOfExpr(snapshot, parent, grand);
    case "Path": {
      const r = names?.get(parent);
      const rec = r ? recordOfResolution(r) : undefined;
      const last = parent.segments[parent.segments.length - 1];
      if (id === last) {
        if (grand?.kind === "Call" && grand.callee === parent) return callRecord(program.calls.get(grand)) ?? rec;
        return rec;
      }
      // An earlier segment: `Side` in `Side::Buy`, `Token` in `Token::Order`.
      if (rec?.kind === "enumVariant" && parent.segments.indexOf(id) === parent.segments.length - 2) return { kind: "enum", info: rec.info };
      return index.byName(id.name, parent.span.file);
    }
    case "Member":
      return parent.member === id ? recordOfExpr(snapshot, parent, grand) : undefined;
    case "StructLit": {
      const t = recordOfType(program.types.get(parent));
      if (parent.name === id) return t ?? (names?.get(parent) ? recordOfResolution(names.get(parent)!) : undefined);
      if (t?.kind !== "struct") return undefined;
      const i = t.info.decl.fields.findIndex((f) => f.name.name === id.name);
      return i >= 0 ? { kind: "field", struct: t.info, index: i } : undefined;
    }
    case "Emit": {
      const ev = program.emits.get(parent);
      return ev ? { kind: "event", info: ev } : undefined;
    }
    case "NamedType": {
      const last = parent.path[parent.path.length - 1];
      if (id === last) return recordOfType(program.typeExprs.get(parent));
      return index.byName(id.name, parent.span.file);
    }
    case "Import": {
      if (parent.source.kind !== "module") return undefined;
      const segs = parent.source.segments;
      const path = `std/${segs.slice(1).map((s) => s.name).join("/")}.weft`;
      const file = program.files.find((f) => f.path === path);
      if (!file) return undefined;
      if (segs.includes(id)) return moduleRecord(file, segs.map((s) => s.name).join("::"));
      const item = file.items.find((it) => it.name.name === id.name);
      return item ? index.get(item) : undefined;
    }
    case "Enum": {
      const rec = index.get(parent);
      const i = parent.variants.indexOf(id);
      if (i >= 0) return rec?.kind === "enum" ? { kind: "enumVariant", info: rec.info, index: i } : undefined;
      return parent.name === id ? rec : undefined;
    }
    case "BindingPattern":
    case "Param": {
      const local = program.locals.get(id);
      if (local) return { kind: "local", info: local };
      return undefined;
    }
    case "StructField": {
      const st = grand?.kind === "Struct" ? index.get(grand) : undefined;
      return st?.kind === "struct" ? { kind: "field", struct: st.info, index: st.info.decl.fields.indexOf(parent) } : undefined;
    }
    default:
      // The name of a declaration: contract, state, fn, event, …
      if ("name" in parent && parent.name === id) return index.get(parent);
      return undefined;
  }
}

/** What the callee of a call denotes, from the checker's `calls` table. */
function callRecord(target: CallTarget | undefined): SymbolRecord | undefined {
  if (!target) return undefined;
  switch (target.kind) {
    case "internal":
    case "external":
      return { kind: "fn", info: target.fn };
    case "interfaceCast":
      return target.iface.contract ? { kind: "contract", info: target.iface.contract } : { kind: "interface", info: target.iface };
    case "error":
      return { kind: "error", info: target.error };
    case "builtin":
      return { kind: "builtin", name: target.name };
    case "method":
      return { kind: "builtin", name: target.name };
    default:
      return undefined;
  }
}
