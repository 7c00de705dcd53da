// The node kinds of compiler/syntax/ast.ts by family, for the printer's dispatch
// and the comment handlers.

export const decls = new Set([
  "Contract",
  "Interface",
  "Struct",
  "Enum",
  "Event",
  "ErrorDecl",
  "State",
  "Const",
  "Init",
  "Fn",
  "Param",
  "EventField",
  "StructField",
]);
export const stmts = new Set([
  "Let",
  "Assign",
  "ExprStmt",
  "If",
  "While",
  "ForRange",
  "ForEach",
  "Break",
  "Continue",
  "Return",
  "Emit",
  "Revert",
  "Unchecked",
  "BlockStmt",
  "ErrorStmt",
]);
export const exprs = new Set([
  "IntLit",
  "BoolLit",
  "StringLit",
  "BytesLit",
  "Name",
  "Path",
  "Self",
  "Member",
  "Index",
  "Call",
  "StructLit",
  "Cast",
  "Unary",
  "Binary",
  "Tuple",
  "ArrayLit",
  "ErrorExpr",
]);
export const types = new Set(["NamedType", "ArrayType", "TupleType", "ErrorType"]);
export const patterns = new Set(["BindingPattern", "TuplePattern", "WildcardPattern"]);

/** Statements that end with `;` (a comment in them can trail them). */
export const simpleStmts = new Set(["Let", "Assign", "ExprStmt", "Return", "Emit", "Revert", "State", "Const"]);
/** Statements with a body (a comment in their head can lead them). */
export const compoundStmts = new Set(["If", "While", "ForRange", "ForEach"]);
