// The lexical rules of the Weft TextMate grammar: comments, strings and
// bytes literals, numbers, operators and punctuation — the token forms of
// compiler/syntax/tokens.ts. weft.tmLanguage.ts adds the rules that depend on
// the words around a token (declarations, types, calls) and assembles them.

/** One TextMate rule (the subset of the format this grammar uses). */
export interface Rule {
  comment?: string;
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  captures?: Record<string, { name: string }>;
  beginCaptures?: Record<string, { name: string }>;
  endCaptures?: Record<string, { name: string }>;
  patterns?: Rule[];
  include?: string;
}

export const cap = (...names: string[]): Record<string, { name: string }> =>
  Object.fromEntries(names.map((n, i) => [String(i + 1), { name: n }]));

export const comments: Rule = {
  patterns: [
    {
      comment: "`///` doc comment (exactly three slashes; `////` is an ordinary comment)",
      name: "comment.line.documentation.weft",
      begin: "(///)(?!/)",
      beginCaptures: cap("punctuation.definition.comment.weft"),
      end: "$",
      patterns: [{ name: "markup.inline.raw.weft", match: "`[^`]*`" }],
    },
    {
      name: "comment.line.double-slash.weft",
      begin: "(//)",
      beginCaptures: cap("punctuation.definition.comment.weft"),
      end: "$",
    },
    {
      comment: "block comments do not nest: the first `*/` ends them",
      name: "comment.block.weft",
      begin: "/\\*",
      end: "\\*/",
      beginCaptures: { "0": { name: "punctuation.definition.comment.begin.weft" } },
      endCaptures: { "0": { name: "punctuation.definition.comment.end.weft" } },
    },
  ],
};

export const strings: Rule = {
  patterns: [
    {
      comment: 'bytes literal hex"00ff"; it ends at the end of the line when unterminated',
      name: "string.quoted.double.hex.weft",
      begin: '\\b(hex)(")',
      beginCaptures: cap("storage.type.string.hex.weft", "punctuation.definition.string.begin.weft"),
      end: '(")|$',
      endCaptures: cap("punctuation.definition.string.end.weft"),
      patterns: [
        { name: "constant.numeric.hex.weft", match: "[0-9A-Fa-f_]+" },
        { name: "invalid.illegal.hex.weft", match: '[^"]' },
      ],
    },
    {
      comment: "strings do not span lines: an unterminated one ends at the end of the line",
      name: "string.quoted.double.weft",
      begin: '"',
      beginCaptures: { "0": { name: "punctuation.definition.string.begin.weft" } },
      end: '(")|$',
      endCaptures: cap("punctuation.definition.string.end.weft"),
      patterns: [
        { name: "constant.character.escape.weft", match: '\\\\(?:[ntr0\\\\"]|u\\{[0-9A-Fa-f]{1,6}\\})' },
        { name: "invalid.illegal.escape.weft", match: "\\\\." },
      ],
    },
    {
      comment: "'…' is not Weft (E0100): shown as an error",
      name: "invalid.illegal.string.single.weft",
      match: "'[^'\\r\\n]*'",
    },
  ],
};

export const numbers: Rule = {
  comment: "whole numbers only; no type suffix (`12u8` is an error, shown as one)",
  patterns: [
    { name: "constant.numeric.hex.weft", match: "\\b0[xX][0-9A-Fa-f][0-9A-Fa-f_]*\\b" },
    { name: "constant.numeric.binary.weft", match: "\\b0[bB][01][01_]*\\b" },
    {
      name: "constant.numeric.decimal.weft",
      match: "\\b[0-9][0-9_]*(?:\\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?\\b",
    },
    { name: "invalid.illegal.numeric.weft", match: "\\b[0-9][0-9A-Za-z_]*" },
  ],
};

export const operators: Rule = {
  patterns: [
    { name: "keyword.operator.assignment.compound.weft", match: "\\*\\*=|<<=|>>=|[-+*/%&|^]=" },
    { name: "keyword.operator.comparison.weft", match: "==|!=|<=|>=" },
    { name: "keyword.operator.logical.weft", match: "&&|\\|\\||!" },
    { name: "keyword.operator.range.weft", match: "\\.\\.=?" },
    { name: "keyword.operator.arrow.weft", match: "->" },
    { name: "keyword.operator.arithmetic.weft", match: "\\*\\*|[-+*/%]" },
    { name: "keyword.operator.bitwise.weft", match: "<<|>>|[&|^~]" },
    { name: "keyword.operator.comparison.weft", match: "[<>]" },
    { name: "keyword.operator.assignment.weft", match: "=" },
  ],
};

export const punctuation: Rule = {
  patterns: [
    { name: "punctuation.separator.namespace.weft", match: "::" },
    { name: "punctuation.separator.colon.weft", match: ":" },
    { name: "punctuation.accessor.weft", match: "\\." },
    { name: "punctuation.terminator.statement.weft", match: ";" },
    { name: "punctuation.separator.comma.weft", match: "," },
    { name: "punctuation.brackets.curly.weft", match: "[{}]" },
    { name: "punctuation.brackets.round.weft", match: "[()]" },
    { name: "punctuation.brackets.square.weft", match: "[\\[\\]]" },
  ],
};
