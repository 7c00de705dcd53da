// E01xx: lexing and parsing. Owned by compiler/syntax.
// E0100–E0109: the lexer (the bad characters are skipped, lexing goes on).
// E0110–E0199: the parser (it recovers and goes on; see docs/reference/syntax.md).
// A failure of the parser itself is the driver's E0900 (codes/internal.ts).
import { errors } from "./types.ts";

export const syntaxCodes = errors({
  E0100: "unexpected character",
  E0101: "unterminated string literal",
  E0102: "invalid escape sequence in a string literal",
  E0103: "invalid number literal",
  E0104: "invalid hex bytes literal",
  E0105: "unterminated block comment",
  E0110: "unexpected token",
  E0111: "missing token",
  E0112: "unexpected end of file",
  E0113: "comparison operators cannot be chained",
  E0114: "nesting too deep",
  E0115: "`use` and `import` must come before the items of a file",
  E0116: "struct literal not allowed here without parentheses",
  E0117: "misplaced or repeated modifier",
  E0118: "function body missing or not allowed",
  E0119: "a range loop binds a single variable",
});
