// The output of name resolution: the declarations as `…Info` records (inside
// a TypedProgram whose expression tables are still empty) plus what every
// name in a body or constant initializer denotes. The type checker consumes
// this; nothing after the checker sees it.
import type * as ast from "../syntax/ast.ts";
import type { Diagnostic } from "../diagnostics/index.ts";
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
  TypedProgram,
  EnvName,
} from "../types/model.ts";

/** A declaration that can be named: what a scope maps a name to. */
export type ItemSymbol =
  | { kind: "contract"; info: ContractInfo }
  | { kind: "interface"; info: InterfaceInfo }
  | { kind: "struct"; info: StructInfo }
  | { kind: "enum"; info: EnumInfo }
  | { kind: "event"; info: EventInfo }
  | { kind: "error"; info: ErrorInfo }
  | { kind: "const"; info: ConstInfo }
  /** A function of the enclosing contract (`init` is not one: it is a keyword and cannot be called). */
  | { kind: "fn"; info: FnInfo }
  /** A state variable: only reachable as `self.name`; a bare name is an error with a fix. */
  | { kind: "state"; info: StateInfo };

export type BuiltinFnName = "require" | "assert" | "hash" | "keccak256" | "sm3" | "sha256" | "truncate";
export type EnvRoot = "msg" | "tx" | "block" | "abi";

/** What a name, path, `self.x`, `msg.x`/`abi.x` member or struct literal name denotes. */
export type Resolution =
  | ItemSymbol
  | { kind: "local"; local: LocalInfo }
  | { kind: "enumVariant"; info: EnumInfo; index: number }
  | { kind: "builtin"; name: BuiltinFnName }
  /** `msg`, `tx`, `block`, `abi` on their own (only meaningful before a `.`). */
  | { kind: "envRoot"; name: EnvRoot }
  /** `msg.sender`, `tx.origin`, `block.number`, `block.timestamp`, `self.address`. */
  | { kind: "env"; name: EnvName }
  | { kind: "abi"; name: "abi.encode" | "abi.decode" }
  /** Reported already; the checker gives it the error type silently. */
  | { kind: "unresolved" };

export interface Resolved {
  /** Declarations, `typeExprs`, `locals` (parameters typed; `let` bindings typed `error` until checked) and `fnOf`. */
  program: TypedProgram;
  /**
   * Keyed by NameExpr, PathExpr, MemberExpr (only `self.x`, `msg.x`, `tx.x`,
   * `block.x`, `abi.x`) and StructLit (its type name).
   */
  names: Map<ast.Expr, Resolution>;
  /** The event named by each `emit`. */
  emits: Map<ast.EmitStmt, Resolution>;
  /** Every local of a function: parameters first, then bindings in source order. */
  fnLocals: Map<FnInfo, LocalInfo[]>;
  /** Every contract-level or top-level constant, in source order. */
  allConsts: ConstInfo[];
  diagnostics: Diagnostic[];
}
