// The state shared by the resolve pass's steps: the program being built, the
// scopes of every file and contract, the diagnostics, and small helpers to
// report with "declared here" labels.
import type * as ast from "../syntax/ast.ts";
import { DiagnosticBag, type DiagnosticOptions } from "../diagnostics/index.ts";
import type {
  ContractInfo,
  FnInfo,
  LocalInfo,
  TypedProgram,
  ConstInfo,
  ConstValue,
  StructInfo,
  EventInfo,
  ErrorInfo,
  InterfaceInfo,
} from "../types/model.ts";
import type { Resolution } from "./resolved.ts";
import type { Scope, ImportUse } from "./scopes.ts";

export interface FileState {
  file: ast.SourceFile;
  /** Normalised path (no `./`, no `..` where avoidable). */
  path: string;
  /** Imported names (explicit and glob); parent of `items`. */
  imports: Scope;
  /** The file's own top-level declarations. */
  items: Scope;
  /** Import lines and names, for the unused-import warning. */
  importUses: ImportUse[];
}

export class ResolveContext {
  readonly bag = new DiagnosticBag();
  readonly program: TypedProgram;
  readonly files: FileState[] = [];
  readonly fileByPath = new Map<string, FileState>();
  readonly contractScopes = new Map<ContractInfo, Scope>();
  readonly names = new Map<ast.Expr, Resolution>();
  readonly emits = new Map<ast.EmitStmt, Resolution>();
  readonly fnLocals = new Map<FnInfo, LocalInfo[]>();
  readonly allConsts: ConstInfo[] = [];
  /** Declaration node → its Info record (filled while collecting). */
  readonly structOf = new Map<ast.StructDecl, StructInfo>();
  readonly eventOf = new Map<ast.EventDecl, EventInfo>();
  readonly errorOf = new Map<ast.ErrorDecl, ErrorInfo>();
  readonly constOf = new Map<ast.ConstDecl, ConstInfo>();
  readonly contractOf = new Map<ast.ContractDecl, ContractInfo>();
  readonly interfaceOf = new Map<ast.InterfaceDecl, InterfaceInfo>();
  /** The scope a constant's initializer is resolved in (file or contract). */
  readonly constScopes = new Map<ConstInfo, Scope>();
  /** Constant values computed for array sizes ("visiting" while being computed: cycle guard). */
  readonly constEval = new Map<ConstInfo, ConstValue | null | "visiting">();

  constructor(files: ast.SourceFile[]) {
    this.program = {
      files,
      contracts: [],
      interfaces: [],
      structs: [],
      enums: [],
      events: [],
      errors: [],
      consts: [],
      types: new Map(),
      refs: new Map(),
      calls: new Map(),
      locals: new Map(),
      typeExprs: new Map(),
      constValues: new Map(),
      emits: new Map(),
      fnOf: new Map(),
    };
  }

  report(code: string, span: ast.Span, message: string, opts?: DiagnosticOptions): void {
    this.bag.report(code, span, message, opts);
  }
}
