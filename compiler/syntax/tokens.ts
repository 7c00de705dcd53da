// The token vocabulary of Weft: chevrotain token types, their categories
// (for the parser and for editor highlighting) and their human names (for
// diagnostics). Keywords are not lexed by their own patterns: the lexer
// matches an identifier and then looks it up in `keywordTypes` (one Map
// lookup instead of one regex per keyword).
import { createToken, Lexer, type TokenType } from "chevrotain";

/** Coarse classes of tokens, as an editor colours them. */
export type TokenCategory =
  | "keyword"
  | "identifier"
  | "number"
  | "string"
  | "comment"
  | "operator"
  | "punctuation"
  | "invalid";

const category = new Map<TokenType, TokenCategory>();
const display = new Map<TokenType, string>();

function tok(
  name: string,
  pattern: RegExp | string,
  cat: TokenCategory,
  opts: { categories?: TokenType[]; group?: string; line_breaks?: boolean; display?: string } = {},
): TokenType {
  const t = createToken({
    name,
    pattern,
    ...(opts.categories ? { categories: opts.categories } : {}),
    ...(opts.group ? { group: opts.group } : {}),
    ...(opts.line_breaks ? { line_breaks: true } : {}),
  });
  category.set(t, cat);
  display.set(t, opts.display ?? (typeof pattern === "string" ? `\`${pattern}\`` : name));
  return t;
}

// ---------------------------------------------------------------- categories (abstract)

/** Every binary operator (the parser consumes them as one class, then applies precedence). */
export const BinaryOperator = createToken({ name: "BinaryOperator", pattern: Lexer.NA });
/** `=` and every compound assignment. */
export const AssignOperator = createToken({ name: "AssignOperator", pattern: Lexer.NA });
/** `-`, `!`, `~`. */
export const PrefixOperator = createToken({ name: "PrefixOperator", pattern: Lexer.NA });
/** `pub`, `view`, `reentrant`. */
export const Modifier = createToken({ name: "Modifier", pattern: Lexer.NA });
/** Every keyword. */
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });
display.set(BinaryOperator, "an operator");
display.set(AssignOperator, "`=`");
display.set(PrefixOperator, "`-`, `!` or `~`");
display.set(Modifier, "`pub`, `view` or `reentrant`");
display.set(Keyword, "a keyword");

// ---------------------------------------------------------------- trivia

export const Whitespace = createToken({
  name: "Whitespace",
  pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** `// …`; the lexer retypes `/// …` (but not `////`) as DocComment. */
export const LineComment = tok("LineComment", /\/\/[^\r\n]*/, "comment", { group: "comments", display: "a comment" });
export const DocComment = createToken({ name: "DocComment", pattern: Lexer.NA, group: "comments" });
category.set(DocComment, "comment");
display.set(DocComment, "a doc comment");
export const BlockComment = tok("BlockComment", /\/\*[\s\S]*?\*\//, "comment", {
  group: "comments",
  line_breaks: true,
  display: "a comment",
});
/** A `/*` with no `*\/` before the end of the file (reported, then treated as a comment). */
export const UnterminatedBlockComment = tok("UnterminatedBlockComment", /\/\*[\s\S]*/, "comment", {
  group: "comments",
  line_breaks: true,
  display: "a comment",
});

// ---------------------------------------------------------------- literals and names

/** `hex"00ff"`; an unterminated one ends at the end of the line. */
export const BytesLit = tok("BytesLit", /hex"[^"\r\n]*"?/, "string", { display: "a bytes literal" });
export const Identifier = tok("Identifier", /[A-Za-z_][A-Za-z0-9_]*/, "identifier", { display: "an identifier" });
/**
 * Maximal munch: anything that starts with a digit and continues with
 * letters, digits, `_`, a fraction or an exponent is one token; the lexer then
 * validates it (so `12abc` is one bad literal, not a number and a name).
 */
export const NumberLit = tok(
  "NumberLit",
  /0[xX][0-9A-Za-z_]*|0[bB][0-9A-Za-z_]*|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?[A-Za-z0-9_]*/,
  "number",
  { display: "a number" },
);
/** `"…"`; strings do not span lines, so an unterminated one ends at the end of the line. */
export const StringLit = tok("StringLit", /"(?:[^"\\\r\n]|\\[^\r\n]?)*"?/, "string", { display: "a string" });

/** `'…'`: not Weft, but lexed as one token so that it is one diagnostic and the parser sees a string. */
export const SingleQuoted = tok("SingleQuoted", /'[^'\r\n]*'/, "string", { display: "a string" });

// ---------------------------------------------------------------- punctuation

export const DotDotEq = tok("DotDotEq", "..=", "operator");
export const DotDot = tok("DotDot", "..", "operator");
export const Dot = tok("Dot", ".", "punctuation");
export const ColonColon = tok("ColonColon", "::", "punctuation");
export const Colon = tok("Colon", ":", "punctuation");
export const Semi = tok("Semi", ";", "punctuation");
export const Comma = tok("Comma", ",", "punctuation");
export const Arrow = tok("Arrow", "->", "punctuation");
export const LParen = tok("LParen", "(", "punctuation");
export const RParen = tok("RParen", ")", "punctuation");
export const LBrace = tok("LBrace", "{", "punctuation");
export const RBrace = tok("RBrace", "}", "punctuation");
export const LBracket = tok("LBracket", "[", "punctuation");
export const RBracket = tok("RBracket", "]", "punctuation");

// ---------------------------------------------------------------- operators (longest first within a first character)

const bin = { categories: [BinaryOperator] };
const asg = { categories: [AssignOperator] };
export const StarStarEq = tok("StarStarEq", "**=", "operator", asg);
export const StarStar = tok("StarStar", "**", "operator", bin);
export const StarEq = tok("StarEq", "*=", "operator", asg);
export const Star = tok("Star", "*", "operator", bin);
export const PlusEq = tok("PlusEq", "+=", "operator", asg);
export const Plus = tok("Plus", "+", "operator", bin);
export const MinusEq = tok("MinusEq", "-=", "operator", asg);
export const Minus = tok("Minus", "-", "operator", { categories: [BinaryOperator, PrefixOperator] });
export const SlashEq = tok("SlashEq", "/=", "operator", asg);
export const Slash = tok("Slash", "/", "operator", bin);
export const PercentEq = tok("PercentEq", "%=", "operator", asg);
export const Percent = tok("Percent", "%", "operator", bin);
export const ShlEq = tok("ShlEq", "<<=", "operator", asg);
export const Shl = tok("Shl", "<<", "operator", bin);
export const LtEq = tok("LtEq", "<=", "operator", bin);
export const Lt = tok("Lt", "<", "operator", bin);
export const ShrEq = tok("ShrEq", ">>=", "operator", asg);
/** `>>`: a shift, or two closing angle brackets of nested type arguments (the parser splits it). */
export const Shr = tok("Shr", ">>", "operator", bin);
export const GtEq = tok("GtEq", ">=", "operator", bin);
export const Gt = tok("Gt", ">", "operator", bin);
export const EqEq = tok("EqEq", "==", "operator", bin);
export const Eq = tok("Eq", "=", "operator", asg);
export const BangEq = tok("BangEq", "!=", "operator", bin);
export const Bang = tok("Bang", "!", "operator", { categories: [PrefixOperator] });
export const AmpAmp = tok("AmpAmp", "&&", "operator", bin);
export const AmpEq = tok("AmpEq", "&=", "operator", asg);
export const Amp = tok("Amp", "&", "operator", bin);
export const PipePipe = tok("PipePipe", "||", "operator", bin);
export const PipeEq = tok("PipeEq", "|=", "operator", asg);
export const Pipe = tok("Pipe", "|", "operator", bin);
export const CaretEq = tok("CaretEq", "^=", "operator", asg);
export const Caret = tok("Caret", "^", "operator", bin);
export const Tilde = tok("Tilde", "~", "operator", { categories: [PrefixOperator] });

/**
 * Any other character (merged into one diagnostic per run by the lexer).
 * (Not `[\s\S]`: chevrotain 11 computes wrong first characters for it.)
 */
export const Unknown = tok("Unknown", /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\uffff]/, "invalid", {
  group: "invalid",
  line_breaks: true,
  display: "an unexpected character",
});

// ---------------------------------------------------------------- keywords

function keyword(word: string, extra: TokenType[] = []): TokenType {
  const t = createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: Lexer.NA,
    categories: [Keyword, ...extra],
  });
  category.set(t, "keyword");
  display.set(t, `\`${word}\``);
  keywordTypes.set(word, t);
  return t;
}

/** Keyword spelling → token type. */
export const keywordTypes = new Map<string, TokenType>();

export const Contract = keyword("contract");
export const Interface = keyword("interface");
export const Struct = keyword("struct");
export const Enum = keyword("enum");
export const Event = keyword("event");
export const Error_ = keyword("error");
export const Const = keyword("const");
export const State = keyword("state");
export const Init = keyword("init");
export const Fn = keyword("fn");
export const Pub = keyword("pub", [Modifier]);
export const View = keyword("view", [Modifier]);
export const Reentrant = keyword("reentrant", [Modifier]);
export const Let = keyword("let");
export const Mut = keyword("mut");
export const If = keyword("if");
export const Else = keyword("else");
export const While = keyword("while");
export const For = keyword("for");
export const In = keyword("in");
export const Break = keyword("break");
export const Continue = keyword("continue");
export const Return = keyword("return");
export const Emit = keyword("emit");
export const Revert = keyword("revert");
export const Unchecked = keyword("unchecked");
export const As = keyword("as");
export const True = keyword("true");
export const False = keyword("false");
export const Self = keyword("self");
export const Use = keyword("use");
export const Import = keyword("import");
export const Indexed = keyword("indexed");

/** `_` alone: the wildcard pattern (retyped from Identifier like a keyword). */
export const Underscore = createToken({ name: "Underscore", pattern: Lexer.NA });
category.set(Underscore, "identifier");
display.set(Underscore, "`_`");
keywordTypes.set("_", Underscore);

// ---------------------------------------------------------------- vocabularies

/** Token types with a pattern, in matching order (what the chevrotain Lexer gets). */
export const lexerTokens: TokenType[] = [
  Whitespace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  BytesLit,
  Identifier,
  NumberLit,
  StringLit,
  SingleQuoted,
  DotDotEq,
  DotDot,
  Dot,
  ColonColon,
  Colon,
  Semi,
  Comma,
  Arrow,
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  StarStarEq,
  StarStar,
  StarEq,
  Star,
  PlusEq,
  Plus,
  MinusEq,
  Minus,
  SlashEq,
  Slash,
  PercentEq,
  Percent,
  ShlEq,
  Shl,
  LtEq,
  Lt,
  ShrEq,
  Shr,
  GtEq,
  Gt,
  EqEq,
  Eq,
  BangEq,
  Bang,
  AmpAmp,
  AmpEq,
  Amp,
  PipePipe,
  PipeEq,
  Pipe,
  CaretEq,
  Caret,
  Tilde,
  Unknown,
];

/** Every token type the parser may see (patterns, retyped keywords and abstract categories). */
export const parserTokens: TokenType[] = [
  ...lexerTokens,
  DocComment,
  ...keywordTypes.values(),
  BinaryOperator,
  AssignOperator,
  PrefixOperator,
  Modifier,
  Keyword,
];

export function tokenCategory(t: TokenType): TokenCategory {
  return category.get(t) ?? "punctuation";
}

/** How a token type is named in a diagnostic: "`;`", "an identifier", "`fn`". */
export function tokenDisplay(t: TokenType): string {
  return display.get(t) ?? t.name;
}
