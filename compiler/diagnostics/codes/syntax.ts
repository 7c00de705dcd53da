// E01xx: lexing and parsing. Owned by compiler/syntax.
import { errors } from "./types.ts";

export const syntaxCodes = errors({
  E0100: "unexpected character",
  E0101: "unterminated string literal",
  E0102: "invalid escape sequence in a string literal",
  E0103: "invalid number literal",
  E0104: "invalid hex bytes literal",
  E0110: "unexpected token",
  E0111: "missing token",
  E0112: "unexpected end of file",
});
