// Blocks, statements and patterns.
import { EOF, type IToken, type TokenType } from "chevrotain";
import type * as A from "../ast.ts";
import { ident } from "../build.ts";
import * as T from "../tokens.ts";
import { alt, gated, MAX_CHAIN } from "./base.ts";
import { ExpressionParser } from "./expressions.ts";

const patternStops = new Set<TokenType>([T.Comma, T.Semi, T.Eq, T.Colon]);
const noStops = new Set<TokenType>();
const patternStarts = new Set<TokenType>([T.Identifier, T.Mut, T.Underscore, T.LParen]);

const assignOps = new Set<string>(["=", "+=", "-=", "*=", "/=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>="]);

export abstract class StatementParser extends ExpressionParser {
  protected block = this.rule(
    "block",
    (): A.Block => {
      const start = this.pos();
      if (!this.enter()) {
        // nested too deeply: skip the whole `{ … }`
        if (this.LA(1).tokenType === T.LBrace) {
          this.SKIP_TOKEN();
          this.skipGroup(noStops);
          if (this.LA(1).tokenType === T.RBrace) this.SKIP_TOKEN();
        }
        return { kind: "Block", span: this.span(start), stmts: [] };
      }
      const saved = this.noStruct;
      this.noStruct = false;
      try {
        const stmts: A.Stmt[] = [];
        this.keep(stmts);
        const open = this.CONSUME(T.LBrace);
        this.MANY(() => {
          const at = this.pos();
          let s: A.Stmt | null;
          try {
            s = this.SUBRULE(this.statement);
          } catch (e) {
            this.caught(e);
            this.skipStatement();
            s = this.errorStmt(at);
          }
          if (s && !this.recording) stmts.push(s);
        });
        this.closeBrace(open, start, "block");
        if (this.recording) return null!;
        return { kind: "Block", span: this.span(start), stmts };
      } finally {
        this.noStruct = saved;
        this.leave();
      }
    },
    (start, partial): A.Block => ({ kind: "Block", span: this.span(start), stmts: (partial as A.Stmt[] | null) ?? [] }),
  );

  private statementAlts = [
    alt(() => this.SUBRULE(this.letStmt)),
    alt(() => this.SUBRULE(this.ifStmt)),
    alt(() => this.SUBRULE(this.whileStmt)),
    alt(() => this.SUBRULE(this.forStmt)),
    alt(() => this.SUBRULE(this.jumpStmt)),
    alt(() => this.SUBRULE(this.returnStmt)),
    alt(() => this.SUBRULE(this.emitStmt)),
    alt(() => this.SUBRULE(this.revertStmt)),
    alt(() => this.SUBRULE(this.uncheckedStmt)),
    alt(() => this.SUBRULE(this.blockStmt)),
    // an empty statement: a stray `;` is accepted and leaves no node
    alt((): A.Stmt | null => {
      this.CONSUME(T.Semi);
      return null;
    }),
    alt(() => this.SUBRULE(this.exprStmt)),
  ];

  private statement = this.rule(
    "statement",
    (): A.Stmt | null => this.OR(this.statementAlts),
    (start) => this.errorStmt(start),
  );

  private blockStmt = this.rule(
    "blockStmt",
    (): A.Stmt => {
      const start = this.pos();
      const body = this.SUBRULE(this.block);
      if (this.recording) return null!;
      return { kind: "BlockStmt", span: this.span(start), body };
    },
    (start) => this.errorStmt(start),
  );

  /** `let pattern [: T] [= e];` */
  private letStmt = this.rule(
    "letStmt",
    (): A.Stmt => {
      const start = this.pos();
      this.CONSUME(T.Let);
      const pattern = this.SUBRULE(this.pattern);
      let type: A.TypeExpr | null = null;
      let init: A.Expr | null = null;
      this.OPTION(() => {
        this.CONSUME(T.Colon);
        type = this.SUBRULE(this.type);
      });
      this.OPTION1(() => {
        this.CONSUME(T.Eq);
        init = this.SUBRULE(this.expr);
      });
      this.semi("the `let` statement");
      if (this.recording) return null!;
      return { kind: "Let", span: this.span(start), pattern, type, init };
    },
    (start) => this.errorStmt(start),
  );

  /** `x`, `mut x`, `_`, `(a, mut b, _)`; `(p)` is just p. */
  private pattern = this.rule(
    "pattern",
    (): A.Pattern => {
      const start = this.pos();
      if (!this.enter()) {
        this.skipGroup(patternStops);
        return { kind: "WildcardPattern", span: this.span(start) };
      }
      try {
        return this.OR({
          DEF: [
            alt(() => this.SUBRULE(this.bindingPattern)),
            alt((): A.Pattern => {
              this.CONSUME(T.Underscore);
              return { kind: "WildcardPattern", span: this.span(start) };
            }),
            alt((): A.Pattern => {
              const elems: A.Pattern[] = [];
              let trailingComma = false;
              this.CONSUME(T.LParen);
              this.commaList(
                T.RParen,
                patternStarts,
                (i) => elems.push(this.subrule(i, this.pattern)),
                () => (trailingComma = true),
              );
              this.CONSUME(T.RParen);
              if (this.recording) return null!;
              return elems.length === 1 && !trailingComma ? elems[0]! : { kind: "TuplePattern", span: this.span(start), elems };
            }),
          ],
          ERR_MSG: "a pattern (a name, `mut` name, `_` or a tuple)",
        });
      } finally {
        this.leave();
      }
    },
    (start): A.Pattern => ({ kind: "WildcardPattern", span: this.span(start) }),
  );

  /** `x` or `mut x`. */
  private bindingPattern = this.rule(
    "bindingPattern",
    (): A.BindingPattern => {
      const start = this.pos();
      let mutable = false;
      this.OPTION(() => {
        this.CONSUME(T.Mut);
        mutable = true;
      });
      const name = this.name();
      if (this.recording) return null!;
      return { kind: "BindingPattern", span: this.span(start), name, mutable };
    },
    (start) => this.missingBinding(start),
  );

  /** A `for` loop variable: a binding, or `_` (a binding named "_"). */
  private loopBinding = this.rule(
    "loopBinding",
    (): A.BindingPattern =>
      this.OR([
        alt(() => this.SUBRULE(this.bindingPattern)),
        alt((): A.BindingPattern => {
          const u = this.CONSUME(T.Underscore);
          if (this.recording) return null!;
          const name = ident(this.file, u, this.prevEnd());
          return { kind: "BindingPattern", span: name.span, name, mutable: false };
        }),
      ]),
    (start) => this.missingBinding(start),
  );

  private missingBinding(start: number): A.BindingPattern {
    const span = this.span(start);
    return { kind: "BindingPattern", span, name: this.missingName(span.start), mutable: false };
  }

  /** `if c { } else if c2 { } else { }`, read as a loop so that long chains need no recursion. */
  private ifStmt = this.rule(
    "ifStmt",
    (): A.Stmt => {
      const branches: { start: number; cond: A.Expr; then: A.Block }[] = [];
      let elseBlock: A.Block | null = null;
      let done = false;
      const start = this.pos();
      this.CONSUME(T.If);
      const cond = this.SUBRULE(this.condition);
      const then = this.named(this.SUBRULE(this.block), "`if` block");
      branches.push({ start, cond, then });
      this.MANY(gated(() => !done, () => {
        const elseTok = this.CONSUME(T.Else);
        this.OR([
          alt(() => {
            const s = this.pos();
            this.CONSUME1(T.If);
            const c = this.SUBRULE1(this.condition);
            const b = this.named(this.SUBRULE1(this.block), "`else if` block");
            branches.push({ start: s, cond: c, then: b });
          }),
          alt(() => {
            elseBlock = this.named(this.SUBRULE2(this.block), "`else` block");
            done = true;
          }),
          alt(() => {
            done = true;
            if (!this.recording) this.missingAfterElse(elseTok);
          }),
        ]);
      }));
      if (this.recording) return null!;
      if (branches.length > MAX_CHAIN) {
        // the chain nests in the tree: bound its depth like any other chain
        this.report("E0114", this.span(start), `more than ${MAX_CHAIN} \`else if\` branches in a row`, {
          help: "split the decision into several steps",
        });
        return this.errorStmt(start);
      }
      const end = this.prevEnd();
      let tail: A.Block | A.IfStmt | null = elseBlock;
      for (let i = branches.length - 1; i >= 0; i--) {
        const b = branches[i]!;
        tail = { kind: "If", span: { file: this.file, start: b.start, end }, cond: b.cond, then: b.then, else: tail };
      }
      return tail as A.IfStmt;
    },
    (start) => this.errorStmt(start),
  );

  private missingAfterElse(elseTok: IToken): void {
    const next = this.LA(1);
    const eof = next.tokenType === EOF;
    this.report(
      eof ? "E0112" : "E0110",
      eof ? this.at(this.prevEnd()) : this.tokSpan(next),
      `expected \`{\` or \`if\` after \`else\`, found ${this.describe(next)}`,
      { secondary: [{ span: this.tokSpan(elseTok), message: "this `else`" }] },
    );
  }

  /** An `if`/`while` condition or `for` iterable: a struct literal there must be parenthesised. */
  private condition = this.rule(
    "condition",
    (): A.Expr => {
      const saved = this.noStruct;
      this.noStruct = true;
      try {
        return this.SUBRULE(this.expr);
      } finally {
        this.noStruct = saved;
      }
    },
    (start) => this.errorExpr(start),
  );

  private whileStmt = this.rule(
    "whileStmt",
    (): A.Stmt => {
      const start = this.pos();
      this.CONSUME(T.While);
      const cond = this.SUBRULE(this.condition);
      const body = this.named(this.SUBRULE(this.block), "`while` loop");
      if (this.recording) return null!;
      return { kind: "While", span: this.span(start), cond, body };
    },
    (start) => this.errorStmt(start),
  );

  /** `for i in a..b { }`, `for i in a..=b { }`, `for v in arr { }`, `for (i, v) in arr { }` */
  private forStmt = this.rule(
    "forStmt",
    (): A.Stmt => {
      const start = this.pos();
      this.CONSUME(T.For);
      let index: A.BindingPattern | null = null;
      let value!: A.BindingPattern;
      let tupleStart = -1;
      this.OR([
        alt(() => {
          tupleStart = this.pos();
          this.CONSUME(T.LParen);
          index = this.SUBRULE(this.loopBinding);
          this.CONSUME(T.Comma);
          value = this.SUBRULE1(this.loopBinding);
          this.OPTION(() => this.CONSUME1(T.Comma));
          this.CONSUME(T.RParen);
        }),
        alt(() => (value = this.SUBRULE2(this.loopBinding))),
      ]);
      const tupleSpan = tupleStart >= 0 && !this.recording ? this.span(tupleStart) : null;
      this.CONSUME(T.In);
      const iterable = this.SUBRULE(this.condition);
      let end: A.Expr | null = null;
      let inclusive = false;
      this.OPTION1(() => {
        this.OR1([
          alt(() => this.CONSUME(T.DotDot)),
          alt(() => {
            this.CONSUME(T.DotDotEq);
            inclusive = true;
          }),
        ]);
        end = this.SUBRULE1(this.condition);
      });
      const body = this.named(this.SUBRULE(this.block), "`for` loop");
      if (this.recording) return null!;
      const span = this.span(start);
      if (end === null) return { kind: "ForEach", span, index, value, iterable, body };
      if (tupleSpan !== null)
        this.report("E0119", tupleSpan, "a range loop binds a single variable", {
          help: "write `for i in a..b`; `(index, value)` is for looping over an array",
        });
      return { kind: "ForRange", span, binding: index ?? value, start: iterable, end, inclusive, body };
    },
    (start) => this.errorStmt(start),
  );

  /** `break;` and `continue;` */
  private jumpStmt = this.rule(
    "jumpStmt",
    (): A.Stmt => {
      const start = this.pos();
      const kind = this.OR([
        alt(() => (this.CONSUME(T.Break), "Break" as const)),
        alt(() => (this.CONSUME(T.Continue), "Continue" as const)),
      ]);
      this.semi(kind === "Break" ? "`break`" : "`continue`");
      if (this.recording) return null!;
      return { kind, span: this.span(start) };
    },
    (start) => this.errorStmt(start),
  );

  private returnStmt = this.rule(
    "returnStmt",
    (): A.Stmt => {
      const start = this.pos();
      this.CONSUME(T.Return);
      let value: A.Expr | null = null;
      this.OPTION(() => (value = this.SUBRULE(this.expr)));
      this.semi("the `return` statement");
      if (this.recording) return null!;
      return { kind: "Return", span: this.span(start), value };
    },
    (start) => this.errorStmt(start),
  );

  /** `emit Name(args);` */
  private emitStmt = this.rule(
    "emitStmt",
    (): A.Stmt => {
      const start = this.pos();
      this.CONSUME(T.Emit);
      const event = this.name();
      const args = this.SUBRULE(this.args);
      this.semi("the `emit` statement");
      if (this.recording) return null!;
      return { kind: "Emit", span: this.span(start), event, args };
    },
    (start) => this.errorStmt(start),
  );

  /** `revert Name(args);` or `revert "text";` (any expression; the checker decides). */
  private revertStmt = this.rule(
    "revertStmt",
    (): A.Stmt => {
      const start = this.pos();
      this.CONSUME(T.Revert);
      const value = this.SUBRULE(this.expr);
      this.semi("the `revert` statement");
      if (this.recording) return null!;
      return { kind: "Revert", span: this.span(start), value };
    },
    (start) => this.errorStmt(start),
  );

  private uncheckedStmt = this.rule(
    "uncheckedStmt",
    (): A.Stmt => {
      const start = this.pos();
      this.CONSUME(T.Unchecked);
      const body = this.named(this.SUBRULE(this.block), "`unchecked` block");
      if (this.recording) return null!;
      return { kind: "Unchecked", span: this.span(start), body };
    },
    (start) => this.errorStmt(start),
  );

  /** `e;` or `target op= value;` */
  private exprStmt = this.rule(
    "exprStmt",
    (): A.Stmt => {
      const start = this.pos();
      const target = this.SUBRULE(this.expr);
      let op: IToken | null = null;
      let value: A.Expr | null = null;
      this.OPTION(() => {
        op = this.CONSUME(T.AssignOperator);
        value = this.SUBRULE1(this.expr);
      });
      this.semi(op ? "the assignment" : "the expression");
      if (this.recording) return null!;
      const span = this.span(start);
      if (op === null) return { kind: "ExprStmt", span, expr: target };
      const o: IToken = op;
      return {
        kind: "Assign",
        span,
        target,
        op: assignOps.has(o.image) ? (o.image as A.AssignOp) : "=",
        opSpan: this.tokSpan(o),
        value: value ?? this.errorExpr(this.prevEnd()),
      };
    },
    (start) => this.errorStmt(start),
  );
}
