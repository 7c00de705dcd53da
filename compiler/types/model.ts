// The typed program: what resolve + types produce and what effects, lower,
// abi and the language server read. Declarations become `…Info` records;
// what each expression means is kept in side tables keyed by AST node
// identity, so the AST stays untouched.
//
// Contract for consumers: after a check with no errors, every expression
// reachable from a function body has an entry in `types`, every name / path /
// member expression an entry in `refs` (except members used only as call
// callees, which have a `calls` entry on the call), every call an entry in
// `calls`, every binding a `locals` entry, every type expression a
// `typeExprs` entry. With errors, entries may be missing or of kind "error";
// consumers other than the language server must not run then.
//
// (Added with the checker.) The callee expression of a call has no `types`
// entry — the call's `calls` entry says what is called; the receiver of a
// method or external call is an ordinary expression. The `self` in `self.x`
// and the `msg` / `tx` / `block` in `msg.sender`, … have no entries of their
// own: the member expression has them. An error constructor `E(…)` (only
// valid under `revert` / `require`) has type `()`. For an untyped integer
// expression (literals and operators on them only) `constValues` holds the
// exact value of every node; only the outermost one is guaranteed to fit its
// type, so consumers use the outermost constant they meet.
import type * as ast from "../syntax/ast.ts";

// ---------------------------------------------------------------- types

export type Type =
  | IntType
  | { kind: "bool" }
  | { kind: "address" }
  | { kind: "string" }
  | { kind: "bytes" }
  | { kind: "bytesN"; size: number }
  | ArrayTypeT
  | TupleTypeT
  | { kind: "struct"; info: StructInfo }
  | { kind: "enum"; info: EnumInfo }
  | MapTypeT
  | { kind: "interface"; info: InterfaceInfo }
  | { kind: "error" };

/** Integer of `bits` ∈ {8, 16, …, 256}. */
export interface IntType {
  kind: "int";
  bits: number;
  signed: boolean;
}

/** `T[N]` (size = N) or `T[]` (size = null). */
export interface ArrayTypeT {
  kind: "array";
  elem: Type;
  size: number | null;
}

/** `(A, B)`; the empty tuple is the unit type. */
export interface TupleTypeT {
  kind: "tuple";
  elems: Type[];
}

/** Storage only. */
export interface MapTypeT {
  kind: "map";
  key: Type;
  value: Type;
}

export const UNIT: TupleTypeT = { kind: "tuple", elems: [] };

// ---------------------------------------------------------------- declarations

export interface StructInfo {
  name: string;
  decl: ast.StructDecl;
  fields: { name: string; type: Type }[];
}

export interface EnumInfo {
  name: string;
  decl: ast.EnumDecl;
  variants: string[];
}

export interface EventInfo {
  name: string;
  decl: ast.EventDecl;
  fields: { name: string; type: Type; indexed: boolean }[];
}

export interface ErrorInfo {
  name: string;
  decl: ast.ErrorDecl;
  fields: { name: string; type: Type }[];
  /** `Name(type1,type2)` with ABI type names (docs/abi.md), for the selector. */
  signature: string;
}

export type ConstValue =
  | { kind: "int"; value: bigint }
  | { kind: "bool"; value: boolean }
  | { kind: "string"; value: string }
  | { kind: "bytes"; value: Uint8Array };

export interface ConstInfo {
  name: string;
  decl: ast.ConstDecl;
  type: Type;
  value: ConstValue;
}

export interface StateInfo {
  name: string;
  decl: ast.StateDecl;
  type: Type;
  /** Index of the state variable in declaration order (FISCO's `slot`). */
  slot: number;
}

export interface LocalInfo {
  /** Unique within a function; distinguishes shadowed locals of the same name. */
  id: number;
  name: string;
  type: Type;
  mutable: boolean;
  /** The binding site: a parameter's or pattern's name. */
  decl: ast.Ident;
  isParam: boolean;
}

export interface FnInfo {
  name: string;
  decl: ast.FnDecl | ast.InitDecl;
  /** The contract or interface that declares it. */
  owner: ContractInfo | InterfaceInfo;
  params: LocalInfo[];
  returns: Type;
  isPublic: boolean;
  isView: boolean;
  isReentrant: boolean;
  isInit: boolean;
  /** `name(type1,type2)` with ABI type names, for the selector. */
  signature: string;
}

export interface ContractInfo {
  kind: "contract";
  name: string;
  decl: ast.ContractDecl;
  file: string;
  states: StateInfo[];
  consts: ConstInfo[];
  /** Functions other than init, in declaration order. */
  fns: FnInfo[];
  init: FnInfo | null;
  /** Declared in the contract or emitted by its code (for the ABI). */
  events: EventInfo[];
  /** Declared in the contract or raised by its code (for the ABI). */
  errors: ErrorInfo[];
  structs: StructInfo[];
  enums: EnumInfo[];
  /**
   * (Added by resolve.) The interface every contract implicitly has: its
   * public functions (the same FnInfo objects, owner = this contract), so that
   * `Token(addr).transfer(…)` and parameters of type `Token` work like an
   * interface. Its `decl` is synthesized (span and name of the contract, `fns`
   * = the public FnDecls). Not listed in `TypedProgram.interfaces`. Always set
   * by resolve; optional only so that hand-built test fixtures need not set it.
   */
  asInterface?: InterfaceInfo;
}

export interface InterfaceInfo {
  kind: "interface";
  name: string;
  decl: ast.InterfaceDecl;
  fns: FnInfo[];
  /** (Added by resolve.) Set when this is a contract's implicit interface (see ContractInfo.asInterface). */
  contract?: ContractInfo;
}

// ---------------------------------------------------------------- meanings

/** What a name, path or member expression denotes. */
export type Ref =
  | { kind: "local"; local: LocalInfo }
  | { kind: "state"; state: StateInfo }
  | { kind: "const"; info: ConstInfo }
  | { kind: "field"; struct: StructInfo; index: number }
  | { kind: "enumVariant"; info: EnumInfo; index: number }
  | { kind: "env"; name: EnvName }
  /** `x.length` of an array, string or bytes (u32). */
  | { kind: "length" }
  /** A type or declaration used as a value position (reported as an error by the checker). */
  | { kind: "decl"; name: string }
  | { kind: "error" };

export type EnvName =
  | "msg.sender"
  | "tx.origin"
  | "block.number"
  | "block.timestamp"
  | "self.address";

export type BuiltinFn =
  | "require"
  | "assert"
  | "hash"
  | "keccak256"
  | "sm3"
  | "sha256"
  | "truncate"
  | "abi.encode"
  | "abi.decode";

/** What a call expression does. */
export type CallTarget =
  /** `f(x)` or `self.f(x)`: a direct call to a function of this contract. */
  | { kind: "internal"; fn: FnInfo }
  /** `I(addr).f(x)`: `receiver` is the expression of interface type (`I(addr)`). */
  | { kind: "external"; iface: InterfaceInfo; fn: FnInfo; receiver: ast.Expr }
  /** `I(addr)`: views an address as a contract of interface I (no call is made). */
  | { kind: "interfaceCast"; iface: InterfaceInfo }
  /** `E(a, b)` as the argument of revert / require: builds a typed error. */
  | { kind: "error"; error: ErrorInfo }
  /** Built-ins; `typeArg` for `truncate<T>` and `abi.decode<T>`. */
  | { kind: "builtin"; name: BuiltinFn; typeArg?: Type }
  /** `m.contains(k)`, `m.remove(k)` on a storage map; `a.push(v)`, `a.pop()` on a dynamic array; `b.slice(start, end)` on bytes or string. */
  | { kind: "method"; name: "contains" | "remove" | "push" | "pop" | "slice"; receiver: ast.Expr }
  | { kind: "error_" };

export interface TypedProgram {
  files: ast.SourceFile[];
  contracts: ContractInfo[];
  interfaces: InterfaceInfo[];
  /** Top-level declarations (contract-level ones are in ContractInfo). */
  structs: StructInfo[];
  enums: EnumInfo[];
  events: EventInfo[];
  errors: ErrorInfo[];
  consts: ConstInfo[];

  /** The type of every expression. Integer literals get the type their context asks for (u256 by default). */
  types: Map<ast.Expr, Type>;
  refs: Map<ast.Expr, Ref>;
  calls: Map<ast.CallExpr, CallTarget>;
  /** Every parameter name and pattern binding. */
  locals: Map<ast.Ident, LocalInfo>;
  typeExprs: Map<ast.TypeExpr, Type>;
  /** Compile-time values of constant expressions (literals, const refs, folded operators). */
  constValues: Map<ast.Expr, ConstValue>;
  emits: Map<ast.EmitStmt, EventInfo>;
  /** The function whose body contains a node, for every FnDecl/InitDecl body. */
  fnOf: Map<ast.FnDecl | ast.InitDecl, FnInfo>;
}

// ---------------------------------------------------------------- helpers

export function typeToString(t: Type): string {
  switch (t.kind) {
    case "int":
      return `${t.signed ? "i" : "u"}${t.bits}`;
    case "bool":
    case "address":
    case "string":
    case "bytes":
      return t.kind;
    case "bytesN":
      return `bytes${t.size}`;
    case "array":
      return `${typeToString(t.elem)}[${t.size ?? ""}]`;
    case "tuple":
      return `(${t.elems.map(typeToString).join(", ")})`;
    case "struct":
    case "enum":
    case "interface":
      return t.info.name;
    case "map":
      return `map<${typeToString(t.key)}, ${typeToString(t.value)}>`;
    case "error":
      return "{unknown}";
  }
}

/** The ABI type string of docs/abi.md (Solidity names; address as string). */
export function abiTypeName(t: Type): string {
  switch (t.kind) {
    case "int":
      return `${t.signed ? "int" : "uint"}${t.bits}`;
    case "bool":
    case "string":
    case "bytes":
      return t.kind;
    case "address":
      return "string";
    case "bytesN":
      return `bytes${t.size}`;
    case "array":
      return `${abiTypeName(t.elem)}[${t.size ?? ""}]`;
    case "tuple":
      return `(${t.elems.map(abiTypeName).join(",")})`;
    case "struct":
      return `(${t.info.fields.map((f) => abiTypeName(f.type)).join(",")})`;
    case "enum":
      return "uint8";
    case "map":
    case "interface":
    case "error":
      return "string";
  }
}

export function sameType(a: Type, b: Type): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "int":
      return a.bits === (b as IntType).bits && a.signed === (b as IntType).signed;
    case "bytesN":
      return a.size === (b as { size: number }).size;
    case "array": {
      const bb = b as ArrayTypeT;
      return a.size === bb.size && sameType(a.elem, bb.elem);
    }
    case "tuple": {
      const bb = b as TupleTypeT;
      return a.elems.length === bb.elems.length && a.elems.every((e, i) => sameType(e, bb.elems[i]!));
    }
    case "map": {
      const bb = b as MapTypeT;
      return sameType(a.key, bb.key) && sameType(a.value, bb.value);
    }
    case "struct":
    case "enum":
    case "interface":
      return a.info === (b as { info: unknown }).info;
    default:
      return true;
  }
}
