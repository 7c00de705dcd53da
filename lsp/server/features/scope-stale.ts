// The cursor of completion from the LAST snapshot and the document's current
// text, when that is sound: all edits since the snapshot lie inside the body
// of one function (after its `{`, before its `}`), the cursor is in that
// body, and the function, parsed alone from the current text, still ends at
// its own `}`. Then every declaration, contract and function header is
// unchanged (those after the function only moved), so the snapshot's records
// still hold. What is typed is read as always (tokens from the function's
// start to the cursor); the locals in scope come from the function's new
// parse, with the snapshot's types for the parameters and for locals whose
// statement ended before the edited text (others have none yet). Anything
// else: null, and completion takes a fresh snapshot (workspace.snapshot()).
import type { Position } from "vscode-languageserver";
import type { Analysis } from "../../../compiler/analyze.ts";
import type * as ast from "../../../compiler/syntax/ast.ts";
import type { LocalInfo } from "../../../compiler/types/model.ts";
import type { DirtyRegion, StaleView } from "../workspace.ts";
import type { Cursor } from "./scope-cursor.ts";
import { parse } from "../../../compiler/syntax/index.ts";
import { contractInfo, localsAt, patternIdents, visibleSymbols } from "./scope.ts";
import { tokenContext } from "./scope-tokens.ts";

type Fn = ast.FnDecl | ast.InitDecl;

/** The cursor at `position` of the view's current text, or null when the snapshot cannot be used there. */
export function staleCursor(view: StaleView, uri: string, position: Position): Cursor | null {
  const { snapshot, dirty } = view;
  const doc = snapshot.docOf(uri);
  if (!doc?.file || !dirty) return null;
  const text = view.doc.getText();
  const offset = view.doc.offsetAt(position);
  const found = editedFunction(doc.file, doc.text, dirty);
  if (!found) return null;
  const { contract, fn } = found;
  const body = fn.body!.span;
  const bodyEnd = body.end + (dirty.end - dirty.staleEnd); // in the current text
  if (offset <= body.start || offset >= bodyEnd) return null;
  if (syntaxErrorOutside(snapshot.analysis, doc.path, body)) return null;
  const now = reparseFunction(doc.path, doc.text, text, contract, fn, bodyEnd);
  if (!now) return null;

  const analysis = snapshot.analysis;
  const symbols = visibleSymbols(analysis, doc.file, contract);
  const structs = new Set(symbols.filter((s) => s.kind === "struct").map((s) => s.name));
  const ctx = tokenContext(text, fn.span.start, offset, "contract", (n) => structs.has(n));
  const locals = localsAt(analysis, now, text, offset);
  const typed = typedLocals(analysis, fn, dirty.start);
  for (const [name, l] of locals) if (!("type" in l) && typed.has(l.span.start)) locals.set(name, typed.get(l.span.start)!);
  const info = contractInfo(analysis, contract);
  const loc = { file: doc.file, contract, member: fn, fn: now, windowStart: fn.span.start, base: "contract" as const };
  return { doc, offset, loc, symbols, contract: info, locals, ctx, env: { locals, contract: info, symbols } };
}

/** The function whose body holds the whole dirty region (in the snapshot's text). */
function editedFunction(file: ast.SourceFile, text: string, dirty: DirtyRegion): { contract: ast.ContractDecl; fn: Fn } | null {
  for (const item of file.items) {
    if (item.span.start >= dirty.start) break;
    if (item.kind !== "Contract") continue;
    for (const m of item.members) {
      if ((m.kind !== "Fn" && m.kind !== "Init") || !m.body) continue;
      const b = m.body.span;
      if (b.start < dirty.start && dirty.staleEnd <= b.end - 1 && text[b.end - 1] === "}") return { contract: item, fn: m };
    }
  }
  return null;
}

/** A syntax error (E01xx) of the file outside the body: the parser's recovery may have mangled declarations. */
function syntaxErrorOutside(analysis: Analysis, path: string, body: ast.Span): boolean {
  return analysis.diagnostics.some(
    (d) => d.code.startsWith("E01") && d.primary.file === path && !(d.primary.start > body.start && d.primary.end < body.end),
  );
}

/**
 * The function parsed from the current text, alone in its contract (the
 * rest of the file blanked out, so offsets stay the file's): the same tree
 * the next analysis will have for it, as long as it still ends at its own
 * `}` (`bodyEnd`) — else the parser's recovery from what is being typed runs
 * past the function, and the declarations after it may change: null.
 */
function reparseFunction(path: string, staleText: string, text: string, contract: ast.ContractDecl, fn: Fn, bodyEnd: number): Fn | null {
  const open = staleText.indexOf("{", contract.name.span.end);
  if (open < 0 || open >= fn.span.start) return null;
  const padded =
    " ".repeat(contract.span.start) + staleText.slice(contract.span.start, open + 1) + " ".repeat(fn.span.start - open - 1) + text.slice(fn.span.start, bodyEnd) + "}";
  const file = parse(path, padded).file;
  const c = file.items[0];
  const m = c?.kind === "Contract" && file.items.length === 1 && c.members.length === 1 ? c.members[0]! : null;
  return m && m.kind === fn.kind && m.body?.span.end === bodyEnd ? m : null;
}

/**
 * The snapshot's types of the parameters and of the locals whose statement
 * ended before `before` (the start of the edited text), by the offset of
 * their name: what was typed since may change the type of a later one.
 */
function typedLocals(analysis: Analysis, fn: Fn, before: number): Map<number, LocalInfo> {
  const idents: ast.Ident[] = fn.params.map((p) => p.name);
  const visit = (block: ast.Block): void => {
    for (const s of block.stmts) {
      if (s.span.start >= before) return;
      if (s.kind === "Let" && s.span.end <= before) patternIdents(s.pattern, idents);
      if ((s.kind === "ForRange" || s.kind === "ForEach") && s.body.span.start < before) {
        if (s.kind === "ForRange") idents.push(s.binding.name);
        else idents.push(...(s.index ? [s.index.name] : []), s.value.name);
      }
      if (s.kind === "If") {
        let st: ast.IfStmt | ast.Block | null = s;
        for (; st?.kind === "If"; st = st.else) visit(st.then);
        if (st) visit(st);
      } else if (s.kind === "While" || s.kind === "Unchecked" || s.kind === "BlockStmt" || s.kind === "ForRange" || s.kind === "ForEach") visit(s.body);
    }
  };
  if (fn.body) visit(fn.body);
  const out = new Map<number, LocalInfo>();
  for (const id of idents) {
    const info = analysis.program?.locals.get(id);
    if (info) out.set(id.span.start, info);
  }
  return out;
}
