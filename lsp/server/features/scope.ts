// Where the cursor is in the snapshot's AST and what is visible there: the
// enclosing contract and member, the window of text that completion and
// signature help tokenize (from the enclosing member to the cursor), the
// locals declared before the cursor, and the declarations a file can name
// (its own, its contract's and what it imports). Declarations are looked up
// through the server's index from AST node to `…Info` record (decl-index.ts).
import type { Analysis } from "../../../compiler/analyze.ts";
import type * as ast from "../../../compiler/syntax/ast.ts";
import type {
  ConstInfo,
  ContractInfo,
  EnumInfo,
  ErrorInfo,
  EventInfo,
  FnInfo,
  InterfaceInfo,
  LocalInfo,
  StateInfo,
  StructInfo,
} from "../../../compiler/types/model.ts";
import { joinRelative, modulePath } from "../../../compiler/resolve/paths.ts";
import { declIndex } from "../decl-index.ts";

/** A declaration as completion and signature help show it. */
export type Sym =
  | { kind: "contract"; name: string; info: ContractInfo }
  | { kind: "interface"; name: string; info: InterfaceInfo }
  | { kind: "struct"; name: string; info: StructInfo }
  | { kind: "enum"; name: string; info: EnumInfo }
  | { kind: "event"; name: string; info: EventInfo }
  | { kind: "error"; name: string; info: ErrorInfo }
  | { kind: "const"; name: string; info: ConstInfo }
  | { kind: "fn"; name: string; info: FnInfo }
  | { kind: "state"; name: string; info: StateInfo };

const SYM_KINDS = new Set<string>(["contract", "interface", "struct", "enum", "event", "error", "const", "fn", "state"]);

/** The declaration a node declares, as a Sym (through the server's declaration index). */
export function symOf(analysis: Analysis, node: ast.Node): Sym | undefined {
  const r = declIndex(analysis).get(node);
  if (!r || !SYM_KINDS.has(r.kind) || !("info" in r)) return undefined;
  return { ...r, name: (r.info as { name: string }).name } as Sym;
}

export interface Location {
  file: ast.SourceFile;
  contract: ast.ContractDecl | null;
  /** The contract member containing the cursor (a function's span may be cut short in broken code). */
  member: ast.ContractMember | null;
  /** The function or init whose body holds the cursor. */
  fn: ast.FnDecl | ast.InitDecl | null;
  /** Where to start tokenizing, and what that position is inside. */
  windowStart: number;
  base: "top" | "contract";
}

/** Whether `offset` is inside `span`: after its start, and before a closing `}` (or at the end of an unclosed one). */
function inside(text: string, span: ast.Span, offset: number): boolean {
  if (offset <= span.start) return false;
  return text[span.end - 1] === "}" ? offset < span.end : offset <= span.end;
}

/** A declaration that ends with its `}` or `;` (a broken one may end early, before the text being typed). */
function complete(text: string, span: ast.Span): boolean {
  const last = text[span.end - 1];
  return last === "}" || last === ";";
}

export function locate(file: ast.SourceFile, text: string, offset: number): Location {
  let windowStart = 0;
  for (const imp of file.imports) if (imp.span.end <= offset) windowStart = Math.max(windowStart, imp.span.end);
  for (const [i, item] of file.items.entries()) {
    if (item.span.start >= offset) break;
    const last = !(file.items[i + 1]!?.span.start < offset);
    if (item.kind === "Contract" && (inside(text, item.span, offset) || (last && !complete(text, item.span)))) return locateInContract(file, text, item, offset);
    windowStart = item.span.end <= offset && complete(text, item.span) ? item.span.end : item.span.start;
  }
  return { file, contract: null, member: null, fn: null, windowStart, base: "top" };
}

function locateInContract(file: ast.SourceFile, text: string, contract: ast.ContractDecl, offset: number): Location {
  let windowStart = contract.span.start;
  let base: Location["base"] = "top";
  let member: ast.ContractMember | null = null;
  for (const [i, m] of contract.members.entries()) {
    if (m.span.start >= offset) break;
    base = "contract";
    // An unclosed last member (a function being written) runs to the cursor.
    const last = !(contract.members[i + 1]!?.span.start < offset);
    if (inside(text, m.span, offset) || (last && !complete(text, m.span))) {
      member = m;
      windowStart = m.span.start;
    } else {
      member = null;
      windowStart = m.span.end;
    }
  }
  const fn = member && (member.kind === "Fn" || member.kind === "Init") && member.body && offset > member.body.span.start ? member : null;
  return { file, contract, member, fn, windowStart, base };
}

/** Parameters and locals of `fn` declared before `offset` (and in scope there), by name (the innermost wins). */
export function localsAt(analysis: Analysis, fn: ast.FnDecl | ast.InitDecl, text: string, offset: number): Map<string, LocalInfo | ast.Ident> {
  const idents: ast.Ident[] = fn.params.map((p) => p.name);
  if (fn.body) blockLocals(fn.body, text, offset, idents);
  const out = new Map<string, LocalInfo | ast.Ident>();
  const locals = analysis.program?.locals;
  for (const id of idents) {
    out.delete(id.name);
    out.set(id.name, locals?.get(id) ?? id);
  }
  return out;
}

function blockLocals(block: ast.Block, text: string, offset: number, out: ast.Ident[]): void {
  for (const s of block.stmts) {
    if (s.span.start >= offset) break;
    switch (s.kind) {
      case "Let":
        if (s.span.end <= offset) patternIdents(s.pattern, out);
        break;
      case "If": {
        let st: ast.IfStmt | ast.Block | null = s;
        while (st && st.kind === "If") {
          if (inside(text, st.then.span, offset)) return blockLocals(st.then, text, offset, out);
          st = st.else;
        }
        if (st && inside(text, st.span, offset)) return blockLocals(st, text, offset, out);
        break;
      }
      case "While":
      case "Unchecked":
      case "BlockStmt":
        if (inside(text, s.body.span, offset)) return blockLocals(s.body, text, offset, out);
        break;
      case "ForRange":
        if (inside(text, s.body.span, offset)) {
          out.push(s.binding.name);
          return blockLocals(s.body, text, offset, out);
        }
        break;
      case "ForEach":
        if (inside(text, s.body.span, offset)) {
          if (s.index) out.push(s.index.name);
          out.push(s.value.name);
          return blockLocals(s.body, text, offset, out);
        }
        break;
    }
  }
}

export function patternIdents(p: ast.Pattern, out: ast.Ident[]): void {
  if (p.kind === "BindingPattern") out.push(p.name);
  else if (p.kind === "TuplePattern") for (const e of p.elems) patternIdents(e, out);
}

/**
 * Declarations a file can name, innermost first: the enclosing contract's
 * members (not its states and functions: those go through `self`), the
 * file's own items, then its imports.
 */
export function visibleSymbols(analysis: Analysis, file: ast.SourceFile, contract: ast.ContractDecl | null): Sym[] {
  const out = new Map<string, Sym>();
  const add = (decl: ast.Node) => {
    const s = symOf(analysis, decl);
    if (s && !out.has(s.name)) out.set(s.name, s);
  };
  if (contract) for (const m of contract.members) if (m.kind !== "State" && m.kind !== "Fn" && m.kind !== "Init") add(m);
  for (const item of file.items) add(item);
  for (const imp of file.imports) {
    const target = importTarget(analysis, file, imp);
    if (!target) continue;
    const wanted = imp.names === "*" ? null : new Set(imp.names.map((n) => n.name));
    for (const item of target.items) if (!wanted || wanted.has(item.name.name)) add(item);
  }
  return [...out.values()];
}

/** The file an import names, if it is part of the analysis. */
export function importTarget(analysis: Analysis, file: ast.SourceFile, imp: ast.ImportDecl): ast.SourceFile | undefined {
  const path = imp.source.kind === "file" ? joinRelative(file.path, imp.source.path) : modulePath(imp.source.segments.map((s) => s.name));
  return analysis.files.find((f) => f.path === path);
}

/** The contract's info record (null when the checker did not get that far). */
export function contractInfo(analysis: Analysis, decl: ast.ContractDecl | null): ContractInfo | null {
  if (!decl) return null;
  const s = symOf(analysis, decl);
  return s?.kind === "contract" ? s.info : null;
}
