// A readable, deterministic dump of the checker's results, for the golden
// tests: per contract its constants, state initializers, the events and
// errors it uses, and per function its locals with their types and every
// statement with the type of its expression. Integer literals show the type
// they were given (`1:u8`); constant expressions show their value (`= 3`).
import type * as ast from "../syntax/ast.ts";
import { LineIndex } from "../diagnostics/index.ts";
import { typeToString, type ConstValue, type FnInfo, type Type, type TypedProgram } from "./model.ts";

type Sources = Record<string, string>;

export function dumpTyped(p: TypedProgram, sources: Sources): string {
  const d = new Dumper(p, sources);
  for (const k of p.consts) d.line(0, `const ${k.name}: ${show(k.type)} = ${value(k.value)}`);
  for (const c of p.contracts) {
    d.line(0, `contract ${c.name}`);
    for (const k of c.consts) d.line(1, `const ${k.name}: ${show(k.type)} = ${value(k.value)}`);
    for (const s of c.states) if (s.decl.init) d.line(1, `state ${s.name} = ${d.expr(s.decl.init)}`);
    d.line(1, `events: ${c.events.map((e) => e.name).join(", ") || "-"}`);
    d.line(1, `errors: ${c.errors.map((e) => e.name).join(", ") || "-"}`);
    for (const fn of c.init ? [c.init, ...c.fns] : c.fns) d.fn(fn);
  }
  return d.out.join("\n") + "\n";
}

function show(t: Type | undefined): string {
  return t ? typeToString(t) : "?";
}

function value(v: ConstValue | undefined): string {
  if (!v) return "?";
  switch (v.kind) {
    case "int":
      return `${v.value}`;
    case "bool":
      return `${v.value}`;
    case "string":
      return JSON.stringify(v.value);
    case "bytes":
      return `hex"${[...v.value].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
  }
}

class Dumper {
  readonly out: string[] = [];
  private readonly lines = new Map<string, LineIndex>();

  constructor(
    private readonly p: TypedProgram,
    private readonly sources: Sources,
  ) {}

  line(depth: number, text: string): void {
    this.out.push("  ".repeat(depth) + text);
  }

  private pos(span: ast.Span): string {
    let li = this.lines.get(span.file);
    if (!li) this.lines.set(span.file, (li = new LineIndex(this.sources[span.file] ?? "")));
    const p = li.position(span.start);
    return `${p.line}:${p.column}`;
  }

  fn(fn: FnInfo): void {
    const body = fn.decl.body;
    this.line(1, fn.isInit ? "init" : `fn ${fn.name} -> ${show(fn.returns)}`);
    const locals = [...this.p.locals.values()].filter((l) => l.decl.span.start >= fn.decl.span.start && l.decl.span.end <= fn.decl.span.end && l.decl.span.file === fn.decl.span.file);
    if (locals.length) this.line(2, `locals: ${locals.map((l) => `${l.name}#${l.id}: ${l.mutable ? "mut " : ""}${show(l.type)}${l.isParam ? " (param)" : ""}`).join(", ")}`);
    if (body) this.block(body, 2);
  }

  private block(b: ast.Block, depth: number): void {
    for (const s of b.stmts) this.stmt(s, depth);
  }

  private stmt(s: ast.Stmt, depth: number): void {
    const at = this.pos(s.span) + " ";
    const typed = (e: ast.Expr) => `${this.expr(e)} : ${show(this.p.types.get(e))}${this.constOf(e)}`;
    switch (s.kind) {
      case "Let": {
        const ann = s.type ? `: ${show(this.p.typeExprs.get(s.type))}` : "";
        this.line(depth, `${at}let ${pattern(s.pattern)}${ann}${s.init ? ` = ${typed(s.init)}` : ""}`);
        return;
      }
      case "Assign":
        this.line(depth, `${at}${this.expr(s.target)} ${s.op} ${typed(s.value)}`);
        return;
      case "ExprStmt":
        this.line(depth, `${at}${typed(s.expr)}`);
        return;
      case "If":
        this.line(depth, `${at}if ${typed(s.cond)}`);
        this.block(s.then, depth + 1);
        if (s.else?.kind === "Block") {
          this.line(depth, "else");
          this.block(s.else, depth + 1);
        } else if (s.else) this.stmt(s.else, depth);
        return;
      case "While":
        this.line(depth, `${at}while ${typed(s.cond)}`);
        this.block(s.body, depth + 1);
        return;
      case "ForRange": {
        const t = this.p.locals.get(s.binding.name)?.type;
        this.line(depth, `${at}for ${s.binding.name.name}: ${show(t)} in ${this.expr(s.start)}..${s.inclusive ? "=" : ""}${this.expr(s.end)}`);
        this.block(s.body, depth + 1);
        return;
      }
      case "ForEach": {
        const v = this.p.locals.get(s.value.name)?.type;
        const idx = s.index ? `${s.index.name.name}: u32, ` : "";
        this.line(depth, `${at}for ${idx}${s.value.name.name}: ${show(v)} in ${typed(s.iterable)}`);
        this.block(s.body, depth + 1);
        return;
      }
      case "Return":
        this.line(depth, `${at}return${s.value ? " " + typed(s.value) : ""}`);
        return;
      case "Emit": {
        const ev = this.p.emits.get(s);
        this.line(depth, `${at}emit ${s.event.name}(${s.args.map((a) => this.expr(a)).join(", ")})${ev ? "" : " -> ?"}`);
        return;
      }
      case "Revert":
        this.line(depth, `${at}revert ${this.expr(s.value)}`);
        return;
      case "Unchecked":
        this.line(depth, `${at}unchecked`);
        this.block(s.body, depth + 1);
        return;
      case "BlockStmt":
        this.line(depth, `${at}block`);
        this.block(s.body, depth + 1);
        return;
      case "Break":
      case "Continue":
        this.line(depth, `${at}${s.kind.toLowerCase()}`);
        return;
      case "ErrorStmt":
        this.line(depth, `${at}<error>`);
        return;
    }
  }

  private constOf(e: ast.Expr): string {
    const v = this.p.constValues.get(e);
    return v && e.kind !== "IntLit" && e.kind !== "BoolLit" && e.kind !== "StringLit" && e.kind !== "BytesLit" ? ` = ${value(v)}` : "";
  }

  /** The expression, re-printed, with the type of every integer literal. */
  expr(e: ast.Expr): string {
    const x = (y: ast.Expr) => this.expr(y);
    switch (e.kind) {
      case "IntLit":
        return `${e.value}:${show(this.p.types.get(e))}`;
      case "BoolLit":
        return `${e.value}`;
      case "StringLit":
        return JSON.stringify(e.value);
      case "BytesLit":
        return value({ kind: "bytes", value: e.value });
      case "Name":
        return e.name.name;
      case "Path":
        return e.segments.map((s) => s.name).join("::");
      case "Self":
        return "self";
      case "Member":
        return `${x(e.object)}.${e.member.name}`;
      case "Index":
        return `${x(e.object)}[${x(e.index)}]`;
      case "Call": {
        const targs = e.typeArgs.length ? `<${e.typeArgs.map((t) => show(this.p.typeExprs.get(t))).join(", ")}>` : "";
        return `${x(e.callee)}${targs}(${e.args.map(x).join(", ")})`;
      }
      case "StructLit":
        return `${e.name.name} { ${e.fields.map((f) => `${f.name.name}: ${x(f.value)}`).join(", ")} }`;
      case "Cast":
        return `(${x(e.expr)} as ${show(this.p.typeExprs.get(e.type))})`;
      case "Unary":
        return `${e.op}${x(e.operand)}`;
      case "Binary":
        return `(${x(e.left)} ${e.op} ${x(e.right)})`;
      case "Tuple":
        return `(${e.elems.map(x).join(", ")})`;
      case "ArrayLit":
        return `[${e.elems.map(x).join(", ")}]`;
      case "ErrorExpr":
        return "<error>";
    }
  }
}

function pattern(p: ast.Pattern): string {
  switch (p.kind) {
    case "BindingPattern":
      return `${p.mutable ? "mut " : ""}${p.name.name}`;
    case "WildcardPattern":
      return "_";
    case "TuplePattern":
      return `(${p.elems.map(pattern).join(", ")})`;
  }
}
