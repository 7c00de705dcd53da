// Traversal of the compiler's AST: the child nodes of each node kind, in
// source order, listed once here (a table checked by the type system, so a
// new node kind in compiler/syntax/ast.ts fails to compile until it is
// added). Used to find the node at a position and to visit all names.
import type * as ast from "../../compiler/syntax/ast.ts";

type Kind = ast.Node["kind"];
type Child = ast.Node | null | undefined | readonly ast.Node[];
type ChildrenFn = (n: never) => Child[];

const none: ChildrenFn = () => [];

const table: Record<Kind, ChildrenFn> = {
  SourceFile: (n: ast.SourceFile) => [n.imports, n.items],
  Import: (n: ast.ImportDecl) => [n.source.kind === "module" ? n.source.segments : null, n.names === "*" ? null : n.names],
  Contract: (n: ast.ContractDecl) => [n.name, n.members],
  State: (n: ast.StateDecl) => [n.name, n.type, n.init],
  Const: (n: ast.ConstDecl) => [n.name, n.type, n.value],
  Init: (n: ast.InitDecl) => [n.params, n.body],
  Fn: (n: ast.FnDecl) => [n.name, n.params, n.returns, n.body],
  Param: (n: ast.Param) => [n.name, n.type],
  Event: (n: ast.EventDecl) => [n.name, n.fields],
  EventField: (n: ast.EventField) => [n.name, n.type],
  ErrorDecl: (n: ast.ErrorDecl) => [n.name, n.fields],
  Struct: (n: ast.StructDecl) => [n.name, n.fields],
  StructField: (n: ast.StructField) => [n.name, n.type],
  Enum: (n: ast.EnumDecl) => [n.name, n.variants],
  Interface: (n: ast.InterfaceDecl) => [n.name, n.fns],
  NamedType: (n: ast.NamedType) => [n.path, n.args],
  ArrayType: (n: ast.ArrayType) => [n.elem, n.size],
  TupleType: (n: ast.TupleType) => [n.elems],
  ErrorType: none,
  Block: (n: ast.Block) => [n.stmts],
  BindingPattern: (n: ast.BindingPattern) => [n.name],
  TuplePattern: (n: ast.TuplePattern) => [n.elems],
  WildcardPattern: none,
  Let: (n: ast.LetStmt) => [n.pattern, n.type, n.init],
  Assign: (n: ast.AssignStmt) => [n.target, n.value],
  ExprStmt: (n: ast.ExprStmt) => [n.expr],
  If: (n: ast.IfStmt) => [n.cond, n.then, n.else],
  While: (n: ast.WhileStmt) => [n.cond, n.body],
  ForRange: (n: ast.ForRangeStmt) => [n.binding, n.start, n.end, n.body],
  ForEach: (n: ast.ForEachStmt) => [n.index, n.value, n.iterable, n.body],
  Break: none,
  Continue: none,
  Return: (n: ast.ReturnStmt) => [n.value],
  Emit: (n: ast.EmitStmt) => [n.event, n.args],
  Revert: (n: ast.RevertStmt) => [n.value],
  Unchecked: (n: ast.UncheckedStmt) => [n.body],
  BlockStmt: (n: ast.BlockStmt) => [n.body],
  ErrorStmt: none,
  IntLit: none,
  BoolLit: none,
  StringLit: none,
  BytesLit: none,
  Name: (n: ast.NameExpr) => [n.name],
  Path: (n: ast.PathExpr) => [n.segments],
  Self: none,
  Member: (n: ast.MemberExpr) => [n.object, n.member],
  Index: (n: ast.IndexExpr) => [n.object, n.index],
  Call: (n: ast.CallExpr) => [n.callee, n.typeArgs, n.args],
  StructLit: (n: ast.StructLit) => [n.name, ...n.fields.flatMap((f) => [f.name, f.value])],
  Cast: (n: ast.CastExpr) => [n.expr, n.type],
  Unary: (n: ast.UnaryExpr) => [n.operand],
  Binary: (n: ast.BinaryExpr) => [n.left, n.right],
  Tuple: (n: ast.TupleExpr) => [n.elems],
  ArrayLit: (n: ast.ArrayLit) => [n.elems],
  ErrorExpr: none,
  Ident: none,
};

/** Calls `f` with each direct child node of `node`, in source order. */
export function forEachChild(node: ast.Node, f: (child: ast.Node) => void): void {
  for (const c of (table[node.kind] as (n: ast.Node) => Child[])(node)) {
    if (!c) continue;
    if (Array.isArray(c)) for (const x of c as ast.Node[]) f(x);
    else f(c as ast.Node);
  }
}

/** The direct child nodes of `node`, in source order. */
export function childrenOf(node: ast.Node): ast.Node[] {
  const out: ast.Node[] = [];
  forEachChild(node, (c) => out.push(c));
  return out;
}

/** Calls `visit` on `node` and every node below it (pre-order); return false to skip a subtree. */
export function walk(node: ast.Node, visit: (n: ast.Node, parent: ast.Node | null) => boolean | void, parent: ast.Node | null = null): void {
  if (visit(node, parent) === false) return;
  forEachChild(node, (c) => walk(c, visit, node));
}
