// The Weft prettier plugin: language, parser ("weft", the compiler's own
// parser) and printer ("weft-ast"). `npx prettier --plugin=./lsp/format/plugin.mjs
// --write x.weft` uses it; so do `weft fmt` and the language server, through
// format.ts. See README.md for the style it prints.
import type { Parser, Plugin, Printer, SupportLanguage } from "prettier";
import {
  canAttachComment,
  getVisitorKeys,
  handleEmptyListComment,
  handleLineCommentBeforeElse,
  handleLineCommentBeforeList,
  handleLineCommentBeforeSemicolon,
  handleLineCommentInExpression,
  isBlockComment,
  locEnd,
  locStart,
  printComment,
} from "./comments.ts";
import { parseForFormat, type WeftRoot } from "./parse.ts";
import { printWeft } from "./print.ts";

/** Default line width of the Weft style. */
export const PRINT_WIDTH = 100;

export const languages: SupportLanguage[] = [
  { name: "Weft", parsers: ["weft"], extensions: [".weft"], vscodeLanguageIds: ["weft"] },
];

export const parsers: Record<string, Parser<WeftRoot>> = {
  weft: {
    parse: (text, options) => parseForFormat(text, (options as { filepath?: string }).filepath ?? "<input>.weft"),
    astFormat: "weft-ast",
    locStart: (n) => locStart(n as never),
    locEnd: (n) => locEnd(n as never),
  },
};

export const printers: Record<string, Printer> = {
  "weft-ast": {
    print: printWeft,
    getVisitorKeys: (node) => getVisitorKeys(node),
    canAttachComment: (node) => canAttachComment(node),
    isBlockComment: (c) => isBlockComment(c),
    printComment: (path) => printComment(path),
    handleComments: { ownLine: handleComment, endOfLine: handleComment, remaining: handleComment },
  },
};

/** Comments prettier would otherwise attach where printing them moves them (comments.ts). */
function handleComment(c: Parameters<typeof handleEmptyListComment>[0], text: string, _options: unknown, ast: WeftRoot): boolean {
  return (
    handleEmptyListComment(c, text) ||
    handleLineCommentBeforeList(c, text) ||
    handleLineCommentBeforeSemicolon(c, text) ||
    handleLineCommentBeforeElse(c) ||
    handleLineCommentInExpression(c, text, ast as never)
  );
}

/** The Weft style: 4-space indentation, 100 columns. */
export const defaultOptions = { tabWidth: 4, useTabs: false, printWidth: PRINT_WIDTH };

const plugin: Plugin = { languages, parsers, printers, defaultOptions };
export default plugin;
