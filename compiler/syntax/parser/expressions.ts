// Types and expressions. Binary operators are read flat (`operand (op
// operand)*`) and nested by precedence in build.ts; prefix operators, casts and
// postfix chains are loops, so only parentheses, brackets and braces recurse.
import { EOF, tokenMatcher, type IToken, type TokenType } from "chevrotain";
import type * as A from "../ast.ts";
import { nestBinary, type Operand, type OperatorAt } from "../build.ts";
import * as T from "../tokens.ts";
import { alt, exprStarts, gated, MAX_CHAIN, nameStarts, ParserBase, present } from "./base.ts";

const typeStops = new Set<TokenType>([T.Comma, T.Semi, T.Eq, T.LBrace, T.Gt, T.Shr]);
const exprStops = new Set<TokenType>([T.Comma, T.Semi]);
const typeStarts = new Set<TokenType>([T.Identifier, T.LParen]);
const postfixStarts = new Set<TokenType>([T.LParen, T.LBracket, T.Dot, T.Lt]);

/** `truncate` and `abi.decode` take type arguments: `truncate<u8>(x)`, `abi.decode<T>(data)`. */
function isGenericCallee(e: A.Expr): boolean {
  if (e.kind === "Name") return e.name.name === "truncate";
  return e.kind === "Member" && e.member.name === "decode" && e.object.kind === "Name" && e.object.name.name === "abi";
}

type FieldInit = A.StructLit["fields"][number];

export abstract class ExpressionParser extends ParserBase {
  // ------------------------------------------------------------ types

  /** `u256`, `std::x::T`, `map<K, V>`, `(T, U)`, `()`, then any number of `[N]` / `[]`. */
  protected type = this.rule(
    "type",
    (): A.TypeExpr => {
      const start = this.pos();
      if (!this.enter()) {
        this.skipGroup(typeStops);
        return this.errorType(start);
      }
      try {
        let t = this.OR({
          DEF: [alt(() => this.SUBRULE(this.namedType)), alt(() => this.SUBRULE(this.tupleType))],
          ERR_MSG: "a type",
        });
        this.MANY(gated(() => this.pendingGt === 0, () => {
          this.CONSUME(T.LBracket);
          let size: A.Expr | null = null;
          this.OPTION(() => (size = this.SUBRULE(this.expr)));
          this.CONSUME(T.RBracket);
          if (!this.recording) t = { kind: "ArrayType", span: this.span(start), elem: t, size };
        }));
        return t;
      } finally {
        this.leave();
      }
    },
    (start) => this.errorType(start),
  );

  private namedType = this.rule(
    "namedType",
    (): A.TypeExpr => {
      const start = this.pos();
      const path = [this.name()];
      this.MANY(() => {
        this.CONSUME(T.ColonColon);
        path.push(this.name(1));
      });
      let args: A.TypeExpr[] = [];
      this.OPTION(() => (args = this.SUBRULE(this.typeArgs)));
      if (this.recording) return null!;
      return { kind: "NamedType", span: this.span(start), path, args };
    },
    (start) => this.errorType(start),
  );

  /** `()`, `(T,)`, `(T, U)`; `(T)` is just T. */
  private tupleType = this.rule(
    "tupleType",
    (): A.TypeExpr => {
      const start = this.pos();
      const elems: A.TypeExpr[] = [];
      let trailingComma = false;
      this.CONSUME(T.LParen);
      this.commaList(
        T.RParen,
        typeStarts,
        (i) => elems.push(this.subrule(i, this.type)),
        () => (trailingComma = true),
      );
      this.CONSUME(T.RParen);
      if (this.recording) return null!;
      return elems.length === 1 && !trailingComma ? elems[0]! : { kind: "TupleType", span: this.span(start), elems };
    },
    (start) => this.errorType(start),
  );

  /**
   * `<T, U>` after a generic type name, `truncate` or `abi.decode`. A `>>`
   * closes two lists: the inner list consumes it and leaves `pendingGt` for
   * the outer one, which then consumes nothing. Nothing may continue a list
   * while a `>` is pending (hence the gates).
   */
  protected typeArgs = this.rule(
    "typeArgs",
    (): A.TypeExpr[] => {
      const args: A.TypeExpr[] = [];
      this.keep(args);
      const open = this.CONSUME(T.Lt);
      this.angleDepth++;
      try {
        this.commaList(
          T.Gt,
          typeStarts,
          (i) => args.push(this.subrule(i, this.type)),
          undefined,
          () => this.pendingGt > 0,
          T.Shr,
        );
        if (!this.recording && this.pendingGt > 0) this.pendingGt--;
        else this.closeAngle(open);
      } finally {
        this.angleDepth--;
        if (this.angleDepth === 0) this.pendingGt = 0;
      }
      return args;
    },
    (_, partial) => (partial as A.TypeExpr[] | null) ?? [],
  );

  /** `>`, or `>>` closing this list and the enclosing one; anything else is reported here. */
  private closeAngle(open: IToken): void {
    this.OR([
      alt(() => this.CONSUME(T.Gt)),
      alt(() => {
        this.CONSUME(T.Shr);
        if (!this.recording) this.pendingGt++;
      }, () => this.angleDepth >= 2),
      alt(() => {
        if (this.recording) return;
        const next = this.LA(1);
        this.report(next.tokenType === EOF ? "E0112" : "E0111", this.at(this.prevEnd()), "expected `>` to close the type arguments", {
          secondary: [{ span: this.tokSpan(open), message: "type arguments start here" }],
          ...(next.tokenType === T.GtEq || next.tokenType === T.ShrEq ? { help: "write a space between `>` and `=`" } : {}),
        });
      }),
    ]);
  }

  /** The type after `as`: a name or path (no type arguments, so `x as u8 < y` reads as a comparison). */
  private castType = this.rule(
    "castType",
    (): A.TypeExpr => {
      const start = this.pos();
      const path = [this.name()];
      this.MANY(() => {
        this.CONSUME(T.ColonColon);
        path.push(this.name(1));
      });
      if (this.recording) return null!;
      return { kind: "NamedType", span: this.span(start), path, args: [] };
    },
    (start) => this.errorType(start),
  );

  // ------------------------------------------------------------ expressions

  /** `operand (op operand)*`, nested by precedence in build.ts. */
  protected expr = this.rule(
    "expr",
    (): A.Expr => {
      const start = this.pos();
      if (!this.enter()) {
        this.skipGroup(exprStops);
        return this.errorExpr(start);
      }
      try {
        const first = this.SUBRULE(this.unary);
        // fast path: most expressions have no binary operator
        if (!this.recording && !tokenMatcher(this.LA(1), T.BinaryOperator)) return first;
        const operands: Operand[] = [this.operand(first, start)];
        const ops: OperatorAt[] = [];
        this.MANY(() => {
          const op = this.CONSUME(T.BinaryOperator);
          const s = this.pos();
          const e = this.SUBRULE1(this.unary);
          if (this.recording) return;
          ops.push({ op: op.image as A.BinaryOp, span: this.tokSpan(op) });
          operands.push(this.operand(e, s));
        });
        if (this.recording) return null!;
        if (ops.length > MAX_CHAIN) return this.chainTooLong(start, "binary operators");
        return nestBinary(this.file, this.text, operands, ops, (d) => this.add(d));
      } finally {
        this.leave();
      }
    },
    (start) => this.errorExpr(start),
  );

  private operand(expr: A.Expr, start: number): Operand {
    const { start: s, end } = this.span(start);
    return { expr, start: s, end };
  }

  private chainTooLong(start: number, what: string): A.Expr {
    const span = this.span(start);
    this.report("E0114", span, `expression too long: more than ${MAX_CHAIN} ${what} in a row`, {
      help: "split it with `let` bindings",
    });
    return { kind: "ErrorExpr", span };
  }

  /** Prefix operators, then the operand, then `as T` casts (so `-x as u8` is `(-x) as u8`). */
  private unary = this.rule(
    "unary",
    (): A.Expr => {
      const start = this.pos();
      let prefixes: IToken[] | null = null;
      if (this.recording || tokenMatcher(this.LA(1), T.PrefixOperator)) {
        prefixes = [];
        this.MANY(() => prefixes!.push(this.CONSUME(T.PrefixOperator)));
      }
      let e = this.SUBRULE(this.postfix);
      if (prefixes !== null && !this.recording) {
        if (prefixes.length > MAX_CHAIN) e = this.chainTooLong(start, "prefix operators");
        else {
          const end = this.prevEnd();
          for (let i = prefixes.length - 1; i >= 0; i--) {
            const p = prefixes[i]!;
            e = { kind: "Unary", span: { file: this.file, start: p.startOffset, end }, op: p.image as A.UnaryOp, operand: e };
          }
        }
      }
      if (this.recording || this.LA(1).tokenType === T.As) {
        let casts = 0;
        this.MANY1(() => {
          this.CONSUME(T.As);
          const type = this.SUBRULE(this.castType);
          if (this.recording) return;
          if (++casts === MAX_CHAIN) e = this.chainTooLong(start, "casts");
          else if (casts < MAX_CHAIN) e = { kind: "Cast", span: this.span(start), expr: e, type };
        });
      }
      return e;
    },
    (start) => this.errorExpr(start),
  );

  /** A primary followed by calls, indexing, member accesses (and type arguments of `truncate` / `abi.decode`). */
  private postfix = this.rule(
    "postfix",
    (): A.Expr => {
      const start = this.pos();
      let e = this.SUBRULE(this.primary);
      if (!this.recording && !postfixStarts.has(this.LA(1).tokenType)) return e;
      let typeArgs: A.TypeExpr[] | null = null;
      let typeArgsAt = 0;
      let count = 0;
      // `<` continues the chain only after `truncate` or `abi.decode`; elsewhere it is "less than"
      this.MANY(
        gated(
          () => this.LA(1).tokenType !== T.Lt || (typeArgs === null && isGenericCallee(e)),
          () => {
            this.OR([
              alt(() => {
                const args = this.SUBRULE(this.args);
                if (this.recording) return;
                const call: A.Expr = { kind: "Call", span: this.span(start), callee: e, typeArgs: typeArgs ?? [], args };
                e = this.extend(e, call, ++count, start);
                typeArgs = null;
              }),
              alt(() => {
                this.CONSUME(T.LBracket);
                const saved = this.noStruct;
                this.noStruct = false;
                let index: A.Expr;
                try {
                  index = this.SUBRULE(this.expr);
                } finally {
                  this.noStruct = saved;
                }
                this.CONSUME(T.RBracket);
                if (this.recording) return;
                e = this.extend(e, { kind: "Index", span: this.span(start), object: e, index }, ++count, start);
              }),
              alt(() => {
                this.CONSUME(T.Dot);
                const member = this.name();
                if (this.recording) return;
                e = this.extend(e, { kind: "Member", span: this.span(start), object: e, member }, ++count, start);
              }),
              alt(() => {
                typeArgsAt = this.pos();
                typeArgs = this.SUBRULE(this.typeArgs);
              }, () => typeArgs === null && isGenericCallee(e)),
            ]);
            // type arguments must be followed by the call
            if (!this.recording && typeArgs !== null && this.LA(1).tokenType !== T.LParen) {
              this.report("E0111", this.at(this.prevEnd()), "expected `(` after the type arguments", {
                secondary: [{ span: this.span(typeArgsAt), message: "type arguments of a call" }],
                help: "type arguments are only written on calls: `truncate<u8>(x)`, `abi.decode<T>(data)`",
              });
              typeArgs = null;
            }
          },
        ),
      );
      return e;
    },
    (start) => this.errorExpr(start),
  );

  /** The next link of a postfix chain, unless the chain is too long (then one ErrorExpr stands for it). */
  private extend(e: A.Expr, next: A.Expr, count: number, start: number): A.Expr {
    if (count < MAX_CHAIN) return next;
    if (count === MAX_CHAIN) return this.chainTooLong(start, "calls, indexes and member accesses");
    return e;
  }

  private literal(t: IToken): A.Expr {
    const span = this.tokSpan(t);
    switch (t.tokenType) {
      case T.NumberLit:
        return { kind: "IntLit", span, value: (t.payload as bigint | undefined) ?? 0n };
      case T.StringLit:
        return { kind: "StringLit", span, value: (t.payload as string | undefined) ?? "" };
      case T.BytesLit:
        return { kind: "BytesLit", span, value: (t.payload as Uint8Array | undefined) ?? new Uint8Array() };
      case T.True:
        return { kind: "BoolLit", span, value: true };
      case T.False:
        return { kind: "BoolLit", span, value: false };
      default:
        return { kind: "Self", span };
    }
  }

  // The alternatives capture no locals, so they are built once (chevrotain's advice for speed).
  private primaryAlts = [
    alt(() => this.literal(this.CONSUME(T.NumberLit))),
    alt(() => this.literal(this.CONSUME(T.StringLit))),
    alt(() => this.literal(this.CONSUME(T.BytesLit))),
    alt(() => this.literal(this.CONSUME(T.True))),
    alt(() => this.literal(this.CONSUME(T.False))),
    alt(() => this.literal(this.CONSUME(T.Self))),
    alt(() => this.SUBRULE(this.nameOrStruct)),
    alt(() => this.SUBRULE(this.parenExpr)),
    alt(() => this.SUBRULE(this.arrayLit)),
  ];

  private primary = this.rule(
    "primary",
    (): A.Expr => this.OR({ DEF: this.primaryAlts, ERR_MSG: "an expression" }),
    (start) => this.errorExpr(start),
  );

  /** `name`, `A::B::c`, or a struct literal `Name { f: e }`. */
  private nameOrStruct = this.rule(
    "nameOrStruct",
    (): A.Expr => {
      const start = this.pos();
      const first = this.name();
      let segments: A.Ident[] | null = null;
      if (this.recording || this.LA(1).tokenType === T.ColonColon) {
        segments = [first];
        this.MANY(() => {
          this.CONSUME(T.ColonColon);
          segments!.push(this.name(1));
        });
      }
      let fields: FieldInit[] | null = null;
      this.OPTION(gated(() => segments === null && this.structLitAhead(), () => {
        fields = this.SUBRULE(this.structLitFields);
        if (this.noStruct && !this.recording)
          this.report("E0116", this.span(start), "a struct literal is not allowed here without parentheses", {
            help: `write \`(${first.name} { … })\`: here \`{\` would start the block`,
          });
      }));
      if (this.recording) return null!;
      if (fields !== null) return { kind: "StructLit", span: this.span(start), name: first, fields };
      if (segments !== null) return { kind: "Path", span: this.span(start), segments };
      return { kind: "Name", span: first.span, name: first };
    },
    (start) => this.errorExpr(start),
  );

  /**
   * After a name, `{` starts a struct literal when followed by `field:` (or,
   * outside conditions, by `}`). In a condition `Name { f: … }` is still
   * parsed as a literal, but reported (E0116).
   */
  private structLitAhead(): boolean {
    if (this.LA(1).tokenType !== T.LBrace) return false;
    const t2 = this.LA(2).tokenType;
    if (t2 === T.Identifier && this.LA(3).tokenType === T.Colon) return true;
    return t2 === T.RBrace && !this.noStruct;
  }

  private structLitFields = this.rule(
    "structLitFields",
    (): FieldInit[] => {
      const fields: (FieldInit | null)[] = [];
      this.keep(fields);
      this.CONSUME(T.LBrace);
      const saved = this.noStruct;
      this.noStruct = false;
      try {
        this.commaList(T.RBrace, nameStarts, (i) => fields.push(this.subrule(i, this.fieldInit)));
      } finally {
        this.noStruct = saved;
      }
      this.CONSUME(T.RBrace);
      return fields.filter(present);
    },
    (_, partial) => ((partial as (FieldInit | null)[] | null) ?? []).filter(present),
  );

  private fieldInit = this.rule(
    "fieldInit",
    (): FieldInit | null => {
      const start = this.pos();
      const name = this.name();
      this.CONSUME(T.Colon);
      const value = this.SUBRULE(this.expr);
      if (this.recording) return null;
      return { name, value, span: this.span(start) };
    },
    () => null,
  );

  /** `(e)` is e itself; `()`, `(e,)` and `(a, b)` are tuples. */
  private parenExpr = this.rule(
    "parenExpr",
    (): A.Expr => {
      const start = this.pos();
      let trailingComma = false;
      this.CONSUME(T.LParen);
      const elems = this.exprList(T.RParen, () => (trailingComma = true));
      this.CONSUME(T.RParen);
      if (this.recording) return null!;
      return elems.length === 1 && !trailingComma ? elems[0]! : { kind: "Tuple", span: this.span(start), elems };
    },
    (start) => this.errorExpr(start),
  );

  private arrayLit = this.rule(
    "arrayLit",
    (): A.Expr => {
      const start = this.pos();
      this.CONSUME(T.LBracket);
      const elems = this.exprList(T.RBracket);
      this.CONSUME(T.RBracket);
      if (this.recording) return null!;
      return { kind: "ArrayLit", span: this.span(start), elems };
    },
    (start) => this.errorExpr(start),
  );

  /** `(a, b, c)` of a call or an `emit`. */
  protected args = this.rule(
    "args",
    (): A.Expr[] => {
      this.CONSUME(T.LParen);
      const out = this.exprList(T.RParen);
      this.CONSUME(T.RParen);
      return out;
    },
    (_, partial) => (partial as A.Expr[] | null) ?? [],
  );

  /**
   * `[e (, e)* [,]]` before `close` (once per rule, see commaList). Struct
   * literals are allowed again inside brackets.
   */
  private exprList(close: TokenType, onTrailingComma?: () => void): A.Expr[] {
    const out: A.Expr[] = [];
    this.keep(out);
    const saved = this.noStruct;
    this.noStruct = false;
    try {
      this.commaList(close, exprStarts, (i) => out.push(this.subrule(i, this.expr)), onTrailingComma);
    } finally {
      this.noStruct = saved;
    }
    return out;
  }
}
