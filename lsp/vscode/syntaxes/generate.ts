// Writes weft.tmLanguage.json from weft.tmLanguage.ts (run after editing the
// grammar: `npx tsx lsp/vscode/syntaxes/generate.ts`). test/vscode/grammar.test.ts
// and `npm run package:vscode` fail while the two differ.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { grammarJson } from "./weft.tmLanguage.ts";

const out = join(__dirname, "weft.tmLanguage.json");
writeFileSync(out, grammarJson());
console.log(`wrote ${out}`);
