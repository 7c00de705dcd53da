// What a name denotes, in one shape for every feature: its kind, the
// declaration (a stable identity `key`, the name's span and the whole
// declaration's span), its type and a one-line declaration text, its doc
// comment, and the compiler's record (`info`) for hover details (slot,
// selector, effects). Built from the compiler's `…Info` records.
import type * as ast from "../../compiler/syntax/ast.ts";
import type { ItemSymbol, Resolution } from "../../compiler/resolve/index.ts";
import {
  typeToString,
  type ConstInfo,
  type EnumInfo,
  type FnInfo,
  type LocalInfo,
  type Ref,
  type StructInfo,
  type Type,
} from "../../compiler/types/model.ts";

export type SymbolKind =
  | "contract"
  | "interface"
  | "struct"
  | "field"
  | "enum"
  | "enumVariant"
  | "event"
  | "error"
  | "const"
  | "fn"
  | "state"
  | "param"
  | "local"
  | "module"
  | "builtin";

/** The compiler's named declarations (ItemSymbol), plus what a server also points at. */
export type SymbolRecord =
  | ItemSymbol
  | { kind: "field"; struct: StructInfo; index: number }
  | { kind: "enumVariant"; info: EnumInfo; index: number }
  | { kind: "local"; info: LocalInfo }
  | { kind: "module"; file: ast.SourceFile; name: string }
  | { kind: "builtin"; name: string };

export interface SymbolInfo {
  kind: SymbolKind;
  name: string;
  /** Identity of the declaration (its AST node): equal for every reference to the same thing. Null for built-ins. */
  key: object | null;
  /** The declaration's name (null for built-ins; the whole file for a module). */
  nameSpan: ast.Span | null;
  /** The whole declaration. */
  declSpan: ast.Span | null;
  /** The type as text (`u256`, `Order`, `fn(address, u256) -> bool`, …). */
  type: string;
  /** The declaration as one line of Weft (`pub fn transfer(to: address, amount: u256) -> bool`). */
  detail: string;
  docs: string | null;
  record: SymbolRecord;
}

const ts = typeToString;

function fnDetail(f: FnInfo): string {
  const params = f.params.map((p) => `${p.name}: ${ts(p.type)}`).join(", ");
  if (f.isInit) return `init(${params})`;
  const mods = [f.isPublic && f.owner.kind === "contract" ? "pub" : "", f.isView ? "view" : "", f.isReentrant ? "reentrant" : ""];
  const ret = f.returns.kind === "tuple" && f.returns.elems.length === 0 ? "" : ` -> ${ts(f.returns)}`;
  return `${mods.filter(Boolean).join(" ")}${mods.some(Boolean) ? " " : ""}fn ${f.name}(${params})${ret}`;
}

function fields(fs: { name: string; type: Type; indexed?: boolean }[]): string {
  return fs.map((f) => `${f.indexed ? "indexed " : ""}${f.name}: ${ts(f.type)}`).join(", ");
}

/** The declaration's identity (its AST node), cheaply: what `symbolOf(r).key` is. */
export function keyOf(r: SymbolRecord): object | null {
  switch (r.kind) {
    case "field":
      return r.struct.decl.fields[r.index] ?? null;
    case "enumVariant":
      return r.info.decl.variants[r.index] ?? null;
    case "local":
      return r.info.decl;
    case "module":
      return r.file;
    case "builtin":
      return null;
    default:
      return r.info.decl;
  }
}

/** Where the declaration's name is, cheaply: what `symbolOf(r).nameSpan` is. */
export function nameSpanOf(r: SymbolRecord): ast.Span | null {
  const key = keyOf(r) as ast.Node | null;
  if (!key) return null;
  switch (key.kind) {
    case "Ident":
      return key.span;
    case "SourceFile":
      return { file: key.path, start: 0, end: 0 };
    case "Init":
      return key.nameSpan;
    default:
      return "name" in key && typeof key.name === "object" ? key.name.span : null;
  }
}

/** The SymbolInfo of a compiler record. */
export function symbolOf(r: SymbolRecord): SymbolInfo {
  switch (r.kind) {
    case "contract":
    case "interface":
    case "struct":
    case "enum":
    case "event":
    case "error":
    case "const":
    case "state": {
      const { info } = r;
      const d = info.decl;
      const base = { kind: r.kind, name: info.name, key: d, nameSpan: d.name.span, declSpan: d.span, docs: d.docs, record: r };
      switch (r.kind) {
        case "contract":
          return { ...base, type: r.info.name, detail: `contract ${r.info.name}` };
        case "interface":
          return { ...base, type: r.info.name, detail: `interface ${r.info.name}` };
        case "struct":
          return { ...base, type: r.info.name, detail: `struct ${r.info.name} { ${fields(r.info.fields)} }` };
        case "enum":
          return { ...base, type: r.info.name, detail: `enum ${r.info.name} { ${r.info.variants.join(", ")} }` };
        case "event":
          return { ...base, type: r.info.name, detail: `event ${r.info.name}(${fields(r.info.fields)})` };
        case "error":
          return { ...base, type: r.info.name, detail: `error ${r.info.name}(${fields(r.info.fields)})` };
        case "const":
          return { ...base, type: ts(r.info.type), detail: `const ${r.info.name}: ${ts(r.info.type)} = ${constText(r.info)}` };
        case "state":
          return { ...base, type: ts(r.info.type), detail: `state ${r.info.name}: ${ts(r.info.type)}` };
      }
      throw new Error("unreachable");
    }
    case "fn": {
      const d = r.info.decl;
      const nameSpan = d.kind === "Fn" ? d.name.span : d.nameSpan;
      const type = `fn(${r.info.params.map((p) => ts(p.type)).join(", ")}) -> ${ts(r.info.returns)}`;
      return { kind: "fn", name: r.info.name, key: d, nameSpan, declSpan: d.span, type, detail: fnDetail(r.info), docs: d.docs, record: r };
    }
    case "field": {
      const d = r.struct.decl.fields[r.index]!;
      const f = r.struct.fields[r.index]!;
      const type = f ? ts(f.type) : "{unknown}";
      return { kind: "field", name: d.name.name, key: d, nameSpan: d.name.span, declSpan: d.span, type, detail: `${r.struct.name}.${d.name.name}: ${type}`, docs: d.docs, record: r };
    }
    case "enumVariant": {
      const v = r.info.decl.variants[r.index]!;
      return { kind: "enumVariant", name: v.name, key: v, nameSpan: v.span, declSpan: v.span, type: r.info.name, detail: `${r.info.name}::${v.name}`, docs: null, record: r };
    }
    case "local": {
      const l = r.info;
      const kind = l.isParam ? "param" : "local";
      const detail = l.isParam ? `${l.name}: ${ts(l.type)}` : `let ${l.mutable ? "mut " : ""}${l.name}: ${ts(l.type)}`;
      return { kind, name: l.name, key: l.decl, nameSpan: l.decl.span, declSpan: l.decl.span, type: ts(l.type), detail, docs: null, record: r };
    }
    case "module":
      return { kind: "module", name: r.name, key: r.file, nameSpan: { file: r.file.path, start: 0, end: 0 }, declSpan: r.file.span, type: r.name, detail: `module ${r.name}`, docs: null, record: r };
    case "builtin":
      return { kind: "builtin", name: r.name, key: null, nameSpan: null, declSpan: null, type: r.name, detail: r.name, docs: null, record: r };
  }
}

function constText(c: ConstInfo): string {
  const v = c.value;
  switch (v.kind) {
    case "int":
    case "bool":
      return String(v.value);
    case "string":
      return JSON.stringify(v.value);
    case "bytes":
      return `hex"${Buffer.from(v.value).toString("hex")}"`;
  }
}

/** The record a resolver Resolution denotes (an interface that is a contract's implicit one → the contract). */
export function recordOfResolution(r: Resolution): SymbolRecord | undefined {
  switch (r.kind) {
    case "interface":
      return r.info.contract ? { kind: "contract", info: r.info.contract } : r;
    case "contract":
    case "struct":
    case "enum":
    case "event":
    case "error":
    case "const":
    case "fn":
    case "state":
    case "enumVariant":
      return r;
    case "local":
      return { kind: "local", info: r.local };
    case "builtin":
    case "envRoot":
    case "env":
    case "abi":
      return { kind: "builtin", name: r.name };
    case "unresolved":
      return undefined;
  }
}

/** The record a checker Ref denotes. */
export function recordOfRef(r: Ref): SymbolRecord | undefined {
  switch (r.kind) {
    case "local":
      return { kind: "local", info: r.local };
    case "state":
      return { kind: "state", info: r.state };
    case "const":
      return { kind: "const", info: r.info };
    case "field":
      return { kind: "field", struct: r.struct, index: r.index };
    case "enumVariant":
      return { kind: "enumVariant", info: r.info, index: r.index };
    case "env":
      return { kind: "builtin", name: r.name };
    case "length":
      return { kind: "builtin", name: "length" };
    default:
      return undefined;
  }
}

/** The record of a type that names a declaration (struct, enum, interface, contract). */
export function recordOfType(t: Type | undefined): SymbolRecord | undefined {
  if (!t) return undefined;
  if (t.kind === "struct") return { kind: "struct", info: t.info };
  if (t.kind === "enum") return { kind: "enum", info: t.info };
  if (t.kind === "interface") return t.info.contract ? { kind: "contract", info: t.info.contract } : { kind: "interface", info: t.info };
  return undefined;
}
