// A plain JavaScript entry for the prettier CLI, which cannot load a .ts
// plugin by itself: it registers tsx's loader (as cli/bin/weft.js does) and
// re-exports plugin.ts.
//   npx prettier --plugin=./lsp/format/plugin.mjs --write contract.weft
import { register } from "tsx/esm/api";

register();
const plugin = (await import("./plugin.ts")).default;

export const { languages, parsers, printers, defaultOptions } = plugin;
export default plugin;
