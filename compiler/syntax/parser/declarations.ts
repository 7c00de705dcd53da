// The file level: imports, items, contract and interface members. This is
// the concrete parser class (it runs chevrotain's grammar analysis).
import { EOF, type IToken, type TokenType } from "chevrotain";
import type * as A from "../ast.ts";
import * as T from "../tokens.ts";
import { alt, gated, nameStarts, present, type Head, type ParseInput } from "./base.ts";
import { StatementParser } from "./statements.ts";

type Member = A.ContractMember;

const eventFieldStarts = new Set<TokenType>([T.Identifier, T.Indexed]);
/** Tokens that start a statement but no member: a function body that lacks its `{`. */
const bodyStarts = new Set<TokenType>([
  T.Let, T.If, T.While, T.For, T.Break, T.Continue, T.Return, T.Emit, T.Revert, T.Unchecked, T.Identifier, T.Self,
]);

/** " `name`" for a message, or nothing when the name is missing. */
function quoted(name: A.Ident | null): string {
  return name && name.name ? ` \`${name.name}\`` : "";
}

interface Container {
  h: Head;
  name: A.Ident;
  members: Member[];
}

export class WeftParser extends StatementParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  /** Parses one file. The instance is reused across files; this resets its state. */
  parseFile(input: ParseInput): { file: A.SourceFile } & ReturnType<StatementParser["finishParse"]> {
    this.startParse(input);
    const file = this.sourceFile();
    return { file, ...this.finishParse() };
  }

  private sourceFile = this.rule(
    "sourceFile",
    (): A.SourceFile => {
      const imports: A.ImportDecl[] = [];
      const items: A.Item[] = [];
      this.keep({ imports, items });
      this.skipStraySemicolons();
      this.MANY(() => {
        this.OR([
          alt(() => {
            const d = this.OR1([alt(() => this.SUBRULE(this.useDecl)), alt(() => this.SUBRULE(this.importDecl))]);
            if (this.recording || !d) return;
            if (items.length > 0)
              this.report("E0115", d.span, "imports must come before the items of a file", {
                help: "move this line to the top of the file",
              });
            imports.push(d);
          }),
          alt(() => {
            let it: A.Item | null = null;
            try {
              it = this.SUBRULE(this.item);
            } catch (e) {
              this.caught(e);
              this.skipStatement(undefined, true);
            }
            if (it && !this.recording) items.push(it);
          }),
        ]);
        this.skipStraySemicolons();
      });
      return this.makeFile(imports, items);
    },
    (_, partial) => {
      const p = partial as { imports: A.ImportDecl[]; items: A.Item[] } | null;
      return this.makeFile(p?.imports ?? [], p?.items ?? []);
    },
  );

  private makeFile(imports: A.ImportDecl[], items: A.Item[]): A.SourceFile {
    return { kind: "SourceFile", span: { file: this.file, start: 0, end: this.text.length }, path: this.file, imports, items };
  }

  // ------------------------------------------------------------ imports

  /** `use a::b::Name;`, `use a::b::{X, Y};`, `use a::b::*;` */
  private useDecl = this.rule(
    "useDecl",
    (): A.ImportDecl | null => {
      const start = this.pos();
      this.CONSUME(T.Use);
      const segments: A.Ident[] = [this.name()];
      let names: A.Ident[] | "*" | null = null;
      this.MANY(gated(() => this.LA(2).tokenType === T.Identifier, () => {
        this.CONSUME(T.ColonColon);
        segments.push(this.name(1));
      }));
      this.OPTION(() => {
        this.CONSUME1(T.ColonColon);
        this.OR([
          alt(() => {
            this.CONSUME(T.Star);
            names = "*";
          }),
          alt(() => (names = this.SUBRULE(this.useNames))),
        ]);
      });
      this.semi("the `use` declaration");
      if (this.recording) return null;
      if (names === null) {
        // `use a::b::Name;` imports its last segment
        const last = segments.length > 1 ? segments.pop()! : null;
        if (!last)
          this.report("E0111", this.at(segments[0]!.span.end), "expected `::` and the names to import", {
            help: "write `use std::module::Name;`, `use std::module::{A, B};` or `use std::module::*;`",
          });
        names = last ? [last] : [];
      }
      return { kind: "Import", span: this.span(start), source: { kind: "module", segments }, names };
    },
    () => null,
  );

  private useNames = this.rule(
    "useNames",
    (): A.Ident[] => {
      const names: A.Ident[] = [];
      this.keep(names);
      this.CONSUME(T.LBrace);
      this.commaList(T.RBrace, nameStarts, (i) => names.push(this.name(i)));
      this.CONSUME(T.RBrace);
      return names;
    },
    (_, partial) => (partial as A.Ident[] | null) ?? [],
  );

  /** `import "./lib.weft";` */
  private importDecl = this.rule(
    "importDecl",
    (): A.ImportDecl | null => {
      const start = this.pos();
      this.CONSUME(T.Import);
      const s = this.CONSUME(T.StringLit);
      this.semi("the `import` declaration");
      if (this.recording) return null;
      const missing = s.isInsertedInRecovery === true;
      return {
        kind: "Import",
        span: this.span(start),
        source: { kind: "file", path: missing ? "" : (s.payload as string), pathSpan: missing ? this.at(start) : this.tokSpan(s) },
        names: "*",
      };
    },
    () => null,
  );

  // ------------------------------------------------------------ items

  private item = this.rule(
    "item",
    (): A.Item | null => {
      const h = this.head();
      return this.OR({
        DEF: [
          alt(() => this.SUBRULE(this.contractDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.interfaceDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.structDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.enumDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.eventDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.errorDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.constDecl, { ARGS: [h] })),
        ],
        ERR_MSG: "an item (`contract`, `interface`, `struct`, `enum`, `event`, `error` or `const`)",
      });
    },
    () => null,
  );

  /** `contract Name { members }` */
  private contractDecl = this.rule(
    "contractDecl",
    (h: Head): A.ContractDecl | null => {
      this.CONSUME(T.Contract);
      const c: Container = { h, name: this.name(), members: [] };
      this.keep(c);
      this.body(c.members, false, `contract${quoted(c.name)}`);
      return this.recording ? null : this.contract(c);
    },
    (_, partial) => (partial ? this.contract(partial as Container) : null),
  );

  private contract(c: Container): A.ContractDecl {
    return { kind: "Contract", span: this.span(c.h.start), name: c.name, docs: c.h.docs, members: c.members };
  }

  /** `interface Name { fn f(…) -> T; … }` */
  private interfaceDecl = this.rule(
    "interfaceDecl",
    (h: Head): A.InterfaceDecl | null => {
      this.CONSUME(T.Interface);
      const c: Container = { h, name: this.name(), members: [] };
      this.keep(c);
      this.body(c.members, true, `interface${quoted(c.name)}`);
      return this.recording ? null : this.interface(c);
    },
    (_, partial) => (partial ? this.interface(partial as Container) : null),
  );

  private interface(c: Container): A.InterfaceDecl {
    const fns: A.FnDecl[] = [];
    for (const m of c.members) {
      if (m.kind === "Fn") fns.push(m);
      else
        this.report("E0110", m.kind === "Init" ? m.nameSpan : m.name.span, "an interface declares functions only", {
          help: "move this declaration into a contract or to the top level of the file",
        });
    }
    return { kind: "Interface", span: this.span(c.h.start), name: c.name, docs: c.h.docs, fns };
  }

  /** `{ member* }` of a contract or an interface (used once per rule); `what` names it if the file ends inside. */
  private body(members: Member[], inInterface: boolean, what: string): void {
    const openAt = this.pos();
    const open = this.CONSUME(T.LBrace);
    this.skipStraySemicolons();
    this.MANY(() => {
      let m: Member | null = null;
      try {
        m = this.SUBRULE(this.member, { ARGS: [inInterface] });
      } catch (e) {
        this.caught(e);
        this.skipStatement(undefined, true);
      }
      if (m && !this.recording) members.push(m);
      this.skipStraySemicolons();
    });
    this.closeBrace(open, openAt, what);
  }

  /** Modifiers, then any declaration; whether the modifiers fit is checked by the declaration. */
  private member = this.rule(
    "member",
    (inInterface: boolean): Member | null => {
      const h = this.head();
      this.MANY(() => h.mods.push(this.CONSUME(T.Modifier)));
      return this.OR({
        DEF: [
          alt(() => this.SUBRULE(this.fnDecl, { ARGS: [h, inInterface] })),
          alt(() => this.SUBRULE(this.stateDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.constDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.initDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.eventDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.errorDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.structDecl, { ARGS: [h] })),
          alt(() => this.SUBRULE(this.enumDecl, { ARGS: [h] })),
        ],
        ERR_MSG: "a declaration (`fn`, `state`, `const`, `init`, `event`, `error`, `struct` or `enum`)",
      });
    },
    () => null,
  );

  /**
   * A stray `;` between declarations (`struct S {};`) is accepted, as between
   * statements. It is skipped outside the grammar: were `;` a declaration,
   * chevrotain's re-sync would restart at every `;` of skipped garbage.
   */
  private skipStraySemicolons(): void {
    if (this.recording) return;
    while (this.LA(1).tokenType === T.Semi) this.SKIP_TOKEN();
  }

  /**
   * `[pub] [view] [reentrant] fn name(params) [-> T] { … }`; in an interface
   * `;` instead of the body. A contract function always gets a Block (empty
   * when missing), an interface function never.
   */
  private fnDecl = this.rule(
    "fnDecl",
    (h: Head, inInterface: boolean): A.FnDecl | null => {
      this.CONSUME(T.Fn);
      const name = this.name();
      const params = this.SUBRULE(this.params);
      let returns: A.TypeExpr | null = null;
      this.OPTION(() => {
        this.CONSUME(T.Arrow);
        returns = this.SUBRULE(this.type);
      });
      let body: A.Block | null = null;
      let semi: IToken | null = null;
      this.OR([
        alt(() => (body = this.SUBRULE(this.block))),
        alt(() => (semi = this.CONSUME(T.Semi))),
        alt(() => {
          if (this.recording) return;
          // a body missing its `{`: parse it anyway (chevrotain inserts the `{` and reports it)
          if (!inInterface && bodyStarts.has(this.LA(1).tokenType)) body = this.SUBRULE(this.block);
          else this.missingBody(inInterface);
        }),
      ]);
      if (this.recording) return null;
      if (body) this.named(body, `function${quoted(name)}`);
      this.checkModifiers(h, "", true);
      if (inInterface && body) {
        this.report("E0118", (body as A.Block).span, "functions in an interface have no body", {
          help: "an interface only declares the signature: end it with `;`",
        });
        body = null;
      } else if (!inInterface && semi) {
        this.report("E0118", this.tokSpan(semi), `function \`${name.name}\` has no body`, {
          help: "only the functions of an interface are declared without a body",
        });
      }
      if (!inInterface && !body) body = { kind: "Block", span: this.emptySpan(), stmts: [] };
      const mods = h.mods.map((m) => m.image);
      return {
        kind: "Fn",
        span: this.span(h.start),
        name,
        docs: h.docs,
        isPublic: inInterface || mods.includes("pub"),
        isView: mods.includes("view"),
        isReentrant: mods.includes("reentrant"),
        params,
        returns,
        body,
      };
    },
    () => null,
  );

  private missingBody(inInterface: boolean): void {
    const next = this.LA(1);
    const at = this.at(this.prevEnd());
    const fixes = [{ title: "add a body", span: at, replacement: inInterface ? ";" : " {}" }];
    if (this.nextEndsConstruct())
      this.report(
        next.tokenType === EOF ? "E0112" : "E0111",
        at,
        inInterface ? "expected `;` after the function signature" : "expected the function body `{ … }`",
        { fixes },
      );
    else
      this.report(
        "E0110",
        this.tokSpan(next),
        `expected ${inInterface ? "`;`" : "`{`"} after the function signature, found ${this.describe(next)}`,
      );
  }

  /** `(a: T, b: U)` */
  private params = this.rule(
    "params",
    (): A.Param[] => {
      const out: (A.Param | null)[] = [];
      this.keep(out);
      this.CONSUME(T.LParen);
      this.commaList(T.RParen, nameStarts, (i) => out.push(this.subrule(i, this.param)));
      this.CONSUME(T.RParen);
      return out.filter(present);
    },
    (_, partial) => ((partial as (A.Param | null)[] | null) ?? []).filter(present),
  );

  private param = this.rule(
    "param",
    (): A.Param | null => {
      const start = this.pos();
      const name = this.name();
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.type);
      if (this.recording) return null;
      return { kind: "Param", span: this.span(start), name, type };
    },
    () => null,
  );

  /** `state name: T [= e];` */
  private stateDecl = this.rule(
    "stateDecl",
    (h: Head): A.StateDecl | null => {
      this.CONSUME(T.State);
      const name = this.name();
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.type);
      let init: A.Expr | null = null;
      this.OPTION(() => {
        this.CONSUME(T.Eq);
        init = this.SUBRULE(this.expr);
      });
      this.semi("the state declaration");
      if (this.recording) return null;
      this.checkModifiers(h, "a state variable", false);
      return { kind: "State", span: this.span(h.start), name, docs: h.docs, type, init };
    },
    () => null,
  );

  /** `const NAME: T = e;` */
  private constDecl = this.rule(
    "constDecl",
    (h: Head): A.ConstDecl | null => {
      this.CONSUME(T.Const);
      const name = this.name();
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.type);
      this.CONSUME(T.Eq);
      const value = this.SUBRULE(this.expr);
      this.semi("the constant");
      if (this.recording) return null;
      this.checkModifiers(h, "a constant", false);
      return { kind: "Const", span: this.span(h.start), name, docs: h.docs, type, value };
    },
    () => null,
  );

  /** `init(params) { … }` */
  private initDecl = this.rule(
    "initDecl",
    (h: Head): A.InitDecl | null => {
      const kw = this.CONSUME(T.Init);
      const params = this.SUBRULE(this.params);
      const body = this.SUBRULE(this.block);
      if (this.recording) return null;
      this.named(body, "`init` function");
      this.checkModifiers(h, "`init`", false);
      return { kind: "Init", span: this.span(h.start), nameSpan: this.tokSpan(kw), docs: h.docs, params, body };
    },
    () => null,
  );

  /** `event Name(indexed a: T, b: U);` */
  private eventDecl = this.rule(
    "eventDecl",
    (h: Head): A.EventDecl | null => {
      this.CONSUME(T.Event);
      const name = this.name();
      const fields: (A.EventField | null)[] = [];
      this.CONSUME(T.LParen);
      this.commaList(T.RParen, eventFieldStarts, (i) => fields.push(this.subrule(i, this.eventField)));
      this.CONSUME(T.RParen);
      this.semi("the event declaration");
      if (this.recording) return null;
      this.checkModifiers(h, "an event", false);
      return { kind: "Event", span: this.span(h.start), name, docs: h.docs, fields: fields.filter(present) };
    },
    () => null,
  );

  private eventField = this.rule(
    "eventField",
    (): A.EventField | null => {
      const start = this.pos();
      let indexed = false;
      this.OPTION(() => {
        this.CONSUME(T.Indexed);
        indexed = true;
      });
      const name = this.name();
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.type);
      if (this.recording) return null;
      return { kind: "EventField", span: this.span(start), name, type, indexed };
    },
    () => null,
  );

  /** `error Name(a: T);` */
  private errorDecl = this.rule(
    "errorDecl",
    (h: Head): A.ErrorDecl | null => {
      this.CONSUME(T.Error_);
      const name = this.name();
      const fields = this.SUBRULE(this.params);
      this.semi("the error declaration");
      if (this.recording) return null;
      this.checkModifiers(h, "an error", false);
      return { kind: "ErrorDecl", span: this.span(h.start), name, docs: h.docs, fields };
    },
    () => null,
  );

  /** `struct Name { a: T, b: U }` */
  private structDecl = this.rule(
    "structDecl",
    (h: Head): A.StructDecl | null => {
      this.CONSUME(T.Struct);
      const name = this.name();
      const fields: (A.StructField | null)[] = [];
      const openAt = this.pos();
      const open = this.CONSUME(T.LBrace);
      this.commaList(T.RBrace, nameStarts, (i) => fields.push(this.subrule(i, this.structField)));
      this.closeBrace(open, openAt, `struct${quoted(name)}`);
      if (this.recording) return null;
      this.checkModifiers(h, "a struct", false);
      return { kind: "Struct", span: this.span(h.start), name, docs: h.docs, fields: fields.filter(present) };
    },
    () => null,
  );

  private structField = this.rule(
    "structField",
    (): A.StructField | null => {
      const h = this.head();
      const name = this.name();
      this.CONSUME(T.Colon);
      const type = this.SUBRULE(this.type);
      if (this.recording) return null;
      return { kind: "StructField", span: this.span(h.start), name, docs: h.docs, type };
    },
    () => null,
  );

  /** `enum Name { A, B, C }` */
  private enumDecl = this.rule(
    "enumDecl",
    (h: Head): A.EnumDecl | null => {
      this.CONSUME(T.Enum);
      const name = this.name();
      const variants: A.Ident[] = [];
      const openAt = this.pos();
      const open = this.CONSUME(T.LBrace);
      this.commaList(T.RBrace, nameStarts, (i) => variants.push(this.name(i + 1)));
      this.closeBrace(open, openAt, `enum${quoted(name)}`);
      if (this.recording) return null;
      this.checkModifiers(h, "an enum", false);
      return { kind: "Enum", span: this.span(h.start), name, docs: h.docs, variants };
    },
    () => null,
  );
}
