// The TextMate grammar of Weft, as readable source (token forms in
// lexical.ts, the rest here). `generate.ts` writes it
// to weft.tmLanguage.json (what VS Code loads); test/vscode checks that the
// committed JSON is what this file produces. The lexer
// (compiler/syntax/tokens.ts) is the truth for keywords, comments and
// literal forms; docs/reference/syntax.md describes them.
//
// How TextMate picks a rule: at each position the rule whose regex matches
// earliest wins; on a tie, the one listed first. So keywords come before the
// "name followed by `(`" rule, and comments before the `/` operator.
import { cap, comments, numbers, operators, punctuation, strings, type Rule } from "./lexical.ts";

const ID = "[A-Za-z_][A-Za-z0-9_]*";
const words = (list: readonly string[]): string => `\\b(?:${list.join("|")})\\b`;
/** `u8` … `u256` and `i8` … `i256`: every width from 8 to 256 bits in steps of 8. */
const widths = Array.from({ length: 32 }, (_, i) => String((32 - i) * 8)).join("|");
/** `bytes1` … `bytes32` (longest first so that `bytes32` is not read as `bytes3`). */
const byteWidths = Array.from({ length: 32 }, (_, i) => String(32 - i)).join("|");

/** The lexer's keywords, by how an editor colours them (every one appears exactly once). */
export const keywordGroups = {
  control: ["if", "else", "while", "for", "in", "break", "continue", "return", "emit", "revert"],
  import: ["use", "import"],
  declaration: ["contract", "interface", "struct", "enum", "event", "error", "const", "state", "init", "fn", "let"],
  modifier: ["pub", "view", "reentrant", "mut", "indexed", "unchecked"],
  operator: ["as"],
  boolean: ["true", "false"],
  self: ["self"],
} as const;

const types: Rule = {
  patterns: [
    {
      name: "storage.type.primitive.weft",
      match: `\\b(?:bool|address|string|bytes(?:${byteWidths})?|[ui](?:${widths}))\\b`,
    },
    {
      comment: "map<K, V>; nested lists may close with `>>`",
      begin: "\\b(map)\\s*(<)",
      beginCaptures: cap("storage.type.map.weft", "punctuation.definition.typeparameters.begin.weft"),
      end: ">",
      endCaptures: { "0": { name: "punctuation.definition.typeparameters.end.weft" } },
      patterns: [{ include: "#comments" }, { include: "#type-expression" }],
    },
  ],
};

/** What may appear in a type: names, paths, tuples, array suffixes. */
const typeExpression: Rule = {
  patterns: [
    { include: "#types" },
    { include: "#paths" },
    { name: "entity.name.type.weft", match: `\\b[A-Za-z_][A-Za-z0-9_]*\\b` },
    { include: "#numbers" },
    { name: "punctuation.separator.comma.weft", match: "," },
    { name: "punctuation.brackets.round.weft", match: "[()]" },
    { name: "punctuation.brackets.square.weft", match: "[\\[\\]]" },
  ],
};

const declarations: Rule = {
  patterns: [
    {
      comment: "an enum and its variants, up to its closing brace",
      begin: `\\b(enum)\\s+(${ID})`,
      beginCaptures: cap("storage.type.enum.weft", "entity.name.type.enum.weft"),
      end: "\\}",
      endCaptures: { "0": { name: "punctuation.brackets.curly.weft" } },
      patterns: [
        { include: "#comments" },
        { name: "punctuation.brackets.curly.weft", match: "\\{" },
        { name: "punctuation.separator.comma.weft", match: "," },
        { name: "variable.other.enummember.weft", match: ID },
      ],
    },
    {
      match: `\\b(contract|interface|struct|enum)\\s+(${ID})`,
      captures: cap("storage.type.$1.weft", "entity.name.type.$1.weft"),
    },
    { match: `\\b(event)\\s+(${ID})`, captures: cap("storage.type.event.weft", "entity.name.type.event.weft") },
    { match: `\\b(error)\\s+(${ID})`, captures: cap("storage.type.error.weft", "entity.name.type.error.weft") },
    { match: `\\b(fn)\\s+(${ID})`, captures: cap("storage.type.function.weft", "entity.name.function.weft") },
    { match: `\\b(const)\\s+(${ID})`, captures: cap("storage.type.const.weft", "variable.other.constant.weft") },
    { match: `\\b(state)\\s+(${ID})`, captures: cap("storage.type.state.weft", "variable.other.property.weft") },
    {
      comment: "access control (design: `role R;`, `requires R | S`, `grant R to a;`, `revoke R from a;`, `governed`); contextual words, not lexer keywords",
      match: `\\b(role)\\s+(${ID})(?=\\s*;)`,
      captures: cap("storage.type.role.weft", "entity.name.type.role.weft"),
    },
    {
      begin: `\\b(requires)\\b(?=\\s+${ID})`,
      beginCaptures: cap("storage.modifier.requires.weft"),
      end: "(?=[{;])",
      patterns: [
        { include: "#comments" },
        { name: "keyword.operator.bitwise.weft", match: "\\|" },
        { name: "entity.name.type.role.weft", match: ID },
      ],
    },
    {
      match: `\\b(grant|revoke)\\s+(${ID})\\s+(to|from)\\b`,
      captures: cap("keyword.other.$1.weft", "entity.name.type.role.weft", "keyword.other.$3.weft"),
    },
    {
      match: "\\b(governed)\\s+(?:(by)\\b|(?=(?:pub|view|reentrant|fn)\\b))",
      captures: cap("storage.modifier.governed.weft", "keyword.other.by.weft"),
    },
  ],
};

const keywords: Rule = {
  patterns: [
    { name: "keyword.control.import.weft", match: words(keywordGroups.import) },
    { name: "keyword.control.weft", match: words(keywordGroups.control) },
    { name: "storage.type.$0.weft", match: words(keywordGroups.declaration) },
    { name: "storage.modifier.$0.weft", match: words(keywordGroups.modifier) },
    { name: "keyword.operator.cast.weft", match: words(keywordGroups.operator) },
    { name: "constant.language.boolean.weft", match: words(keywordGroups.boolean) },
    { name: "variable.language.self.weft", match: words(keywordGroups.self) },
    { name: "variable.language.wildcard.weft", match: "\\b_\\b" },
  ],
};

const builtins: Rule = {
  patterns: [
    {
      comment: "msg.sender, tx.origin, block.number, abi.encode: built-in only when a member follows",
      name: "variable.language.builtin.weft",
      match: "\\b(?:msg|tx|block|abi)\\b(?=\\s*\\.)",
    },
    {
      name: "support.function.builtin.weft",
      match: "\\b(?:require|assert|truncate|hash|keccak256|sm3|sha256)\\b(?=\\s*[(<])",
    },
    { name: "support.function.builtin.weft", match: "(?<=\\babi\\.)(?:encode|decode)\\b" },
  ],
};

const statements: Rule = {
  patterns: [
    { match: `\\b(emit)\\s+(${ID})`, captures: cap("keyword.control.weft", "entity.name.type.event.weft") },
    {
      match: `\\b(revert)\\s+(${ID})(?=\\s*\\()`,
      captures: cap("keyword.control.weft", "entity.name.type.error.weft"),
    },
  ],
};

const paths: Rule = {
  comment: "`std::token::Token`, `Side::Buy`: every segment before `::` is a namespace",
  patterns: [
    {
      match: `\\b(std)\\s*(::)`,
      captures: cap("entity.name.namespace.std.weft", "punctuation.separator.namespace.weft"),
    },
    {
      match: `\\b(${ID})\\s*(::)`,
      captures: cap("entity.name.namespace.weft", "punctuation.separator.namespace.weft"),
    },
  ],
};

const annotations: Rule = {
  patterns: [
    {
      comment: "the return type after `->`, up to the body, `;` or `requires`",
      begin: "->",
      beginCaptures: { "0": { name: "keyword.operator.arrow.weft" } },
      end: "(?=[{;]|\\brequires\\b)",
      patterns: [{ include: "#comments" }, { include: "#type-expression" }],
    },
    {
      comment: "a type after `:` (`x: Evidence`); in a struct literal the value is an expression, so only a capitalised name that starts no path or call is taken as a type",
      match: `(?<!:)(:)(?!:)\\s*([A-Z][A-Za-z0-9_]*)\\b(?!\\s*(?:::|\\())`,
      captures: cap("punctuation.separator.colon.weft", "entity.name.type.weft"),
    },
  ],
};

const names: Rule = {
  patterns: [
    { comment: "ALL_CAPS: a constant", name: "variable.other.constant.weft", match: "\\b[A-Z][A-Z0-9_]*[A-Z0-9]\\b(?![a-z])" },
    {
      comment: "a capitalised name called: an error, event, struct or interface (`Insufficient(a, b)`, `IToken(addr)`)",
      name: "entity.name.type.weft",
      match: "\\b[A-Z][A-Za-z0-9_]*(?=\\s*\\()",
    },
    { comment: "a call", name: "entity.name.function.weft", match: `\\b${ID}(?=\\s*\\()` },
    { comment: "a member: `self.balances`, `msg.sender`", name: "variable.other.property.weft", match: `(?<!\\.\\.)(?<=\\.)${ID}\\b` },
    { comment: "a struct literal `Order { … }`", name: "entity.name.type.weft", match: "\\b[A-Z][A-Za-z0-9_]*(?=\\s*\\{)" },
  ],
};

/** The grammar VS Code loads (scope `source.weft`). */
export const grammar = {
  $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
  name: "Weft",
  scopeName: "source.weft",
  fileTypes: ["weft"],
  patterns: [
    { include: "#comments" },
    { include: "#strings" },
    { include: "#numbers" },
    { include: "#declarations" },
    { include: "#statements" },
    { include: "#annotations" },
    { include: "#types" },
    { include: "#builtins" },
    { include: "#keywords" },
    { include: "#paths" },
    { include: "#names" },
    { include: "#operators" },
    { include: "#punctuation" },
  ],
  repository: {
    comments,
    strings,
    numbers,
    declarations,
    statements,
    annotations,
    types,
    "type-expression": typeExpression,
    builtins,
    keywords,
    paths,
    names,
    operators,
    punctuation,
  },
};

/** The JSON file's exact text. */
export function grammarJson(): string {
  return JSON.stringify(grammar, null, 2) + "\n";
}
