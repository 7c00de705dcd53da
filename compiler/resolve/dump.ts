// A readable, deterministic text dump of the resolve pass's output, for the
// golden tests: every declaration with its resolved types, then every name
// in source order with what it denotes.
import type * as ast from "../syntax/ast.ts";
import { LineIndex } from "../diagnostics/index.ts";
import { typeToString, type FnInfo, type LocalInfo, type Type } from "../types/model.ts";
import type { Resolution, Resolved } from "./resolved.ts";

type Sources = Record<string, string>;

export function dumpResolved(r: Resolved, sources: Sources): string {
  const out: string[] = [];
  const p = r.program;
  for (const file of p.files) {
    out.push(`file ${file.path}`);
    for (const item of file.items) {
      switch (item.kind) {
        case "Contract": {
          const c = p.contracts.find((x) => x.decl === item)!;
          out.push(`  contract ${c.name}`);
          for (const m of item.members) out.push(...memberLines(r, m, "    "));
          break;
        }
        case "Interface": {
          const i = p.interfaces.find((x) => x.decl === item)!;
          out.push(`  interface ${i.name}`);
          for (const fn of i.fns) out.push(`    ${fnLine(fn)}`);
          break;
        }
        default:
          out.push(...memberLines(r, item, "  "));
      }
    }
  }
  out.push("", "names");
  out.push(...nameLines(r, sources));
  return out.join("\n") + "\n";
}

function memberLines(r: Resolved, m: ast.ContractMember | ast.Item, indent: string): string[] {
  const p = r.program;
  const t = (te: ast.TypeExpr) => show(p.typeExprs.get(te));
  switch (m.kind) {
    case "State": {
      const st = p.contracts.flatMap((c) => c.states).find((s) => s.decl === m)!;
      return [`${indent}state ${st.name}: ${show(st.type)} (slot ${st.slot})`];
    }
    case "Const": {
      const k = r.allConsts.find((c) => c.decl === m)!;
      return [`${indent}const ${k.name}: ${show(k.type)}`];
    }
    case "Init":
    case "Fn": {
      const fn = p.fnOf.get(m);
      return fn ? [`${indent}${fnLine(fn)}`] : [];
    }
    case "Struct":
      return [`${indent}struct ${m.name.name} { ${m.fields.map((f) => `${f.name.name}: ${t(f.type)}`).join(", ")} }`];
    case "Enum":
      return [`${indent}enum ${m.name.name} { ${m.variants.map((v) => v.name).join(", ")} }`];
    case "Event":
      return [`${indent}event ${m.name.name}(${m.fields.map((f) => `${f.indexed ? "indexed " : ""}${f.name.name}: ${t(f.type)}`).join(", ")})`];
    case "ErrorDecl": {
      const e = [...p.errors, ...p.contracts.flatMap((c) => c.errors)].find((x) => x.decl === m);
      return [`${indent}error ${m.name.name}(${m.fields.map((f) => `${f.name.name}: ${t(f.type)}`).join(", ")}) sig ${e?.signature ?? "?"}`];
    }
    default:
      return [];
  }
}

function fnLine(fn: FnInfo): string {
  const mods = [fn.isPublic ? "pub " : "", fn.isView ? "view " : "", fn.isReentrant ? "reentrant " : ""].join("");
  const params = fn.params.map((x) => `${x.name}: ${show(x.type)}`).join(", ");
  const ret = fn.returns.kind === "tuple" && fn.returns.elems.length === 0 ? "" : ` -> ${show(fn.returns)}`;
  return fn.isInit ? `init(${params}) sig ${fn.signature}` : `${mods}fn ${fn.name}(${params})${ret} sig ${fn.signature}`;
}

function show(t: Type | undefined): string {
  return t ? typeToString(t) : "?";
}

function nameLines(r: Resolved, sources: Sources): string[] {
  const rows: { span: ast.Span; text: string }[] = [];
  const text = (span: ast.Span) => (sources[span.file] ?? "").slice(span.start, span.end).replace(/\s+/g, " ");
  for (const [e, res] of r.names) {
    if (res.kind === "envRoot") continue; // `msg` in `msg.sender`: the member's row says it all
    const span = e.kind === "StructLit" ? e.name.span : e.span;
    rows.push({ span, text: `${text(span)} -> ${describe(res, span.file)}` });
  }
  for (const [s, res] of r.emits) rows.push({ span: s.event.span, text: `emit ${s.event.name} -> ${describe(res, s.event.span.file)}` });
  for (const locals of r.fnLocals.values())
    for (const l of locals) if (!l.isParam) rows.push({ span: l.decl.span, text: `${l.name} binds ${local(l)}` });
  const files = new Map<string, LineIndex>();
  const pos = (span: ast.Span) => {
    let li = files.get(span.file);
    if (!li) files.set(span.file, (li = new LineIndex(sources[span.file] ?? "")));
    const p = li.position(span.start);
    return `${p.line}:${p.column}`;
  };
  const multi = new Set(rows.map((x) => x.span.file)).size > 1;
  rows.sort((a, b) => a.span.file.localeCompare(b.span.file) || a.span.start - b.span.start || a.span.end - b.span.end);
  return rows.map((x) => `  ${multi ? x.span.file + ":" : ""}${pos(x.span)} ${x.text}`);
}

function local(l: LocalInfo): string {
  return `local ${l.name}#${l.id}${l.mutable ? " mut" : ""}${l.isParam ? " param" : ""}`;
}

function describe(res: Resolution, file: string): string {
  const where = (decl: { span: ast.Span }) => (decl.span.file !== file ? ` (from ${decl.span.file})` : "");
  switch (res.kind) {
    case "local":
      return local(res.local);
    case "state":
      return `state ${res.info.name} (slot ${res.info.slot}): ${show(res.info.type)}`;
    case "const":
      return `const ${res.info.name}: ${show(res.info.type)}${where(res.info.decl)}`;
    case "fn":
      return `fn ${res.info.owner.name}.${res.info.name}`;
    case "contract":
    case "interface":
    case "struct":
    case "enum":
    case "event":
    case "error":
      return `${res.kind} ${res.info.name}${where(res.info.decl)}`;
    case "enumVariant":
      return `variant ${res.info.name}::${res.info.variants[res.index]} (#${res.index})${where(res.info.decl)}`;
    case "builtin":
      return `builtin ${res.name}`;
    case "envRoot":
      return `env ${res.name}`;
    case "env":
      return `env ${res.name}`;
    case "abi":
      return `builtin ${res.name}`;
    case "unresolved":
      return "unresolved";
  }
}
