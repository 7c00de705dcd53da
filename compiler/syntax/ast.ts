// The Weft abstract syntax tree: what the parser produces and every later
// pass reads. Plain data, no methods. Every node has a `kind` tag and a
// `span`; passes attach their findings in side tables keyed by node identity
// (see compiler/types/model.ts), never by mutating the tree.
//
// Error recovery: where the parser could not make sense of the input it
// leaves an `ErrorExpr` / `ErrorStmt` / `ErrorType` (and reports a
// diagnostic), so later passes can keep going and must simply skip them.

/** Half-open range [start, end) of UTF-16 offsets into one source file. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export interface Ident {
  kind: "Ident";
  span: Span;
  name: string;
}

/** `///` lines directly above a declaration, without the slashes, joined by "\n". */
export type Docs = string | null;

// ---------------------------------------------------------------- files

export interface SourceFile {
  kind: "SourceFile";
  span: Span;
  path: string;
  imports: ImportDecl[];
  items: Item[];
}

/**
 * `use std::token::{Token, Transfer};`, `use std::token::Token;`,
 * `use std::token::*;` (module import) or `import "./lib.weft";` (file import:
 * every top-level item of that file).
 */
export interface ImportDecl {
  kind: "Import";
  span: Span;
  source: { kind: "module"; segments: Ident[] } | { kind: "file"; path: string; pathSpan: Span };
  /** Imported item names; `"*"` for all (a file import is always `"*"`). */
  names: Ident[] | "*";
}

export type Item =
  | ContractDecl
  | InterfaceDecl
  | StructDecl
  | EnumDecl
  | EventDecl
  | ErrorDecl
  | ConstDecl;

// ---------------------------------------------------------------- declarations

export interface ContractDecl {
  kind: "Contract";
  span: Span;
  name: Ident;
  docs: Docs;
  members: ContractMember[];
}

export type ContractMember =
  | StateDecl
  | ConstDecl
  | InitDecl
  | FnDecl
  | EventDecl
  | ErrorDecl
  | StructDecl
  | EnumDecl;

/** `state name: T;` or `state name: T = expr;` (initialised at deployment, before `init`). */
export interface StateDecl {
  kind: "State";
  span: Span;
  name: Ident;
  docs: Docs;
  type: TypeExpr;
  init: Expr | null;
}

/** `const NAME: T = expr;` — evaluated at compile time. */
export interface ConstDecl {
  kind: "Const";
  span: Span;
  name: Ident;
  docs: Docs;
  type: TypeExpr;
  value: Expr;
}

/** `init(params) { … }` — the constructor. */
export interface InitDecl {
  kind: "Init";
  span: Span;
  /** Span of the `init` keyword. */
  nameSpan: Span;
  docs: Docs;
  params: Param[];
  body: Block;
}

/**
 * `[pub] [view] [reentrant] fn name(params) [-> T] { … }`. In an interface the
 * body is null and the function is implicitly public.
 */
export interface FnDecl {
  kind: "Fn";
  span: Span;
  name: Ident;
  docs: Docs;
  isPublic: boolean;
  isView: boolean;
  isReentrant: boolean;
  params: Param[];
  returns: TypeExpr | null;
  body: Block | null;
}

export interface Param {
  kind: "Param";
  span: Span;
  name: Ident;
  type: TypeExpr;
}

/** `event Name(indexed a: T, b: U);` */
export interface EventDecl {
  kind: "Event";
  span: Span;
  name: Ident;
  docs: Docs;
  fields: EventField[];
}

export interface EventField {
  kind: "EventField";
  span: Span;
  name: Ident;
  type: TypeExpr;
  indexed: boolean;
}

/** `error Name(a: T);` */
export interface ErrorDecl {
  kind: "ErrorDecl";
  span: Span;
  name: Ident;
  docs: Docs;
  fields: Param[];
}

/** `struct Name { a: T, b: U }` (trailing comma allowed). */
export interface StructDecl {
  kind: "Struct";
  span: Span;
  name: Ident;
  docs: Docs;
  fields: StructField[];
}

export interface StructField {
  kind: "StructField";
  span: Span;
  name: Ident;
  docs: Docs;
  type: TypeExpr;
}

/** `enum Name { A, B, C }` */
export interface EnumDecl {
  kind: "Enum";
  span: Span;
  name: Ident;
  docs: Docs;
  variants: Ident[];
}

/** `interface Name { fn f(a: T) -> U; view fn g() -> V; reentrant fn h(); }` */
export interface InterfaceDecl {
  kind: "Interface";
  span: Span;
  name: Ident;
  docs: Docs;
  fns: FnDecl[];
}

// ---------------------------------------------------------------- types

export type TypeExpr = NamedType | ArrayType | TupleType | ErrorType;

/**
 * A type by name, with optional generic arguments: `u256`, `address`,
 * `bytes32`, `Order`, `map<address, u256>`, `std::token::Token`.
 */
export interface NamedType {
  kind: "NamedType";
  span: Span;
  /** One segment for a plain name; several for a path. */
  path: Ident[];
  args: TypeExpr[];
}

/** `T[N]` (size is a constant expression) or `T[]` (size null). */
export interface ArrayType {
  kind: "ArrayType";
  span: Span;
  elem: TypeExpr;
  size: Expr | null;
}

/** `(T, U)`; `()` is the unit type. */
export interface TupleType {
  kind: "TupleType";
  span: Span;
  elems: TypeExpr[];
}

export interface ErrorType {
  kind: "ErrorType";
  span: Span;
}

// ---------------------------------------------------------------- statements

export interface Block {
  kind: "Block";
  span: Span;
  stmts: Stmt[];
}

export type Stmt =
  | LetStmt
  | AssignStmt
  | ExprStmt
  | IfStmt
  | WhileStmt
  | ForRangeStmt
  | ForEachStmt
  | BreakStmt
  | ContinueStmt
  | ReturnStmt
  | EmitStmt
  | RevertStmt
  | UncheckedStmt
  | BlockStmt
  | ErrorStmt;

export type Pattern = BindingPattern | TuplePattern | WildcardPattern;

/** `x` or `mut x` in a `let` or `for`. */
export interface BindingPattern {
  kind: "BindingPattern";
  span: Span;
  name: Ident;
  mutable: boolean;
}

/** `(a, mut b, _)` */
export interface TuplePattern {
  kind: "TuplePattern";
  span: Span;
  elems: Pattern[];
}

export interface WildcardPattern {
  kind: "WildcardPattern";
  span: Span;
}

/** `let p = e;`, `let mut x: T = e;`, `let mut x: T;`, `let (a, b) = e;` */
export interface LetStmt {
  kind: "Let";
  span: Span;
  pattern: Pattern;
  type: TypeExpr | null;
  init: Expr | null;
}

export type AssignOp =
  | "="
  | "+="
  | "-="
  | "*="
  | "/="
  | "%="
  | "**="
  | "&="
  | "|="
  | "^="
  | "<<="
  | ">>=";

/** `target op value;` — target is a place: local, `self.x`, index, member. */
export interface AssignStmt {
  kind: "Assign";
  span: Span;
  target: Expr;
  op: AssignOp;
  opSpan: Span;
  value: Expr;
}

export interface ExprStmt {
  kind: "ExprStmt";
  span: Span;
  expr: Expr;
}

export interface IfStmt {
  kind: "If";
  span: Span;
  cond: Expr;
  then: Block;
  else: Block | IfStmt | null;
}

export interface WhileStmt {
  kind: "While";
  span: Span;
  cond: Expr;
  body: Block;
}

/** `for i in a..b { }` (exclusive) or `for i in a..=b { }` (inclusive). */
export interface ForRangeStmt {
  kind: "ForRange";
  span: Span;
  binding: BindingPattern;
  start: Expr;
  end: Expr;
  inclusive: boolean;
  body: Block;
}

/** `for v in arr { }` or `for (i, v) in arr { }` (index, element). */
export interface ForEachStmt {
  kind: "ForEach";
  span: Span;
  index: BindingPattern | null;
  value: BindingPattern;
  iterable: Expr;
  body: Block;
}

export interface BreakStmt {
  kind: "Break";
  span: Span;
}

export interface ContinueStmt {
  kind: "Continue";
  span: Span;
}

export interface ReturnStmt {
  kind: "Return";
  span: Span;
  value: Expr | null;
}

/** `emit Name(args);` — `event` is the event name (or path), `args` positional. */
export interface EmitStmt {
  kind: "Emit";
  span: Span;
  event: Ident;
  args: Expr[];
}

/** `revert Name(args);` or `revert "text";` */
export interface RevertStmt {
  kind: "Revert";
  span: Span;
  value: Expr;
}

/** `unchecked { … }` */
export interface UncheckedStmt {
  kind: "Unchecked";
  span: Span;
  body: Block;
}

export interface BlockStmt {
  kind: "BlockStmt";
  span: Span;
  body: Block;
}

export interface ErrorStmt {
  kind: "ErrorStmt";
  span: Span;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | IntLit
  | BoolLit
  | StringLit
  | BytesLit
  | NameExpr
  | PathExpr
  | SelfExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | StructLit
  | CastExpr
  | UnaryExpr
  | BinaryExpr
  | TupleExpr
  | ArrayLit
  | ErrorExpr;

/** `42`, `0xff`, `1_000`, `0b101`. Untyped: the checker gives it a type from context (u256 when there is none). */
export interface IntLit {
  kind: "IntLit";
  span: Span;
  value: bigint;
}

export interface BoolLit {
  kind: "BoolLit";
  span: Span;
  value: boolean;
}

/** `"text"` with escapes resolved (\n \t \\ \" \u{…}). */
export interface StringLit {
  kind: "StringLit";
  span: Span;
  value: string;
}

/** `hex"00ff"` — a bytes literal. */
export interface BytesLit {
  kind: "BytesLit";
  span: Span;
  value: Uint8Array;
}

/** A plain name: local, parameter, constant, function, type, `msg`, `block`, `tx`, `abi`, built-in function. */
export interface NameExpr {
  kind: "Name";
  span: Span;
  name: Ident;
}

/** `Side::Buy`, `std::math::max` */
export interface PathExpr {
  kind: "Path";
  span: Span;
  segments: Ident[];
}

export interface SelfExpr {
  kind: "Self";
  span: Span;
}

/** `a.b` — state (`self.x`), struct field, `msg.sender`, `arr.length`, method callee (`m.contains`). */
export interface MemberExpr {
  kind: "Member";
  span: Span;
  object: Expr;
  member: Ident;
}

export interface IndexExpr {
  kind: "Index";
  span: Span;
  object: Expr;
  index: Expr;
}

/**
 * `f(a, b)`, `self.g(x)`, `I(addr).f(x)`, `require(c, "m")`, `Insufficient(a, b)`,
 * `truncate<u8>(x)`, `abi.decode<(u256, string)>(data)`.
 */
export interface CallExpr {
  kind: "Call";
  span: Span;
  callee: Expr;
  typeArgs: TypeExpr[];
  args: Expr[];
}

/** `Order { id: 1, owner: msg.sender }` */
export interface StructLit {
  kind: "StructLit";
  span: Span;
  name: Ident;
  fields: { name: Ident; value: Expr; span: Span }[];
}

/** `x as u256` */
export interface CastExpr {
  kind: "Cast";
  span: Span;
  expr: Expr;
  type: TypeExpr;
}

export type UnaryOp = "-" | "!" | "~";

export interface UnaryExpr {
  kind: "Unary";
  span: Span;
  op: UnaryOp;
  operand: Expr;
}

export type BinaryOp =
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "**"
  | "<<"
  | ">>"
  | "&"
  | "|"
  | "^"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "&&"
  | "||";

export interface BinaryExpr {
  kind: "Binary";
  span: Span;
  op: BinaryOp;
  opSpan: Span;
  left: Expr;
  right: Expr;
}

/** `(a, b)`; `()` is the unit value. A parenthesised single expression is not a tuple. */
export interface TupleExpr {
  kind: "Tuple";
  span: Span;
  elems: Expr[];
}

/** `[a, b, c]` */
export interface ArrayLit {
  kind: "ArrayLit";
  span: Span;
  elems: Expr[];
}

export interface ErrorExpr {
  kind: "ErrorExpr";
  span: Span;
}

/** Any node, for generic walkers. */
export type Node =
  | SourceFile
  | ImportDecl
  | Item
  | ContractMember
  | Param
  | EventField
  | StructField
  | TypeExpr
  | Block
  | Stmt
  | Pattern
  | Expr
  | Ident;
