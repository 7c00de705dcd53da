// Golden tests of the resolve pass: the dump lists declarations with their
// resolved types, then what every name denotes (see cases.ts for the shape).
import { resolve } from "../../compiler/resolve/index.ts";
import { dumpResolved } from "../../compiler/resolve/dump.ts";
import { goldenSuite } from "./cases.ts";

goldenSuite("resolve", (files, sources) => {
  const r = resolve(files);
  return { dump: dumpResolved(r, sources), diagnostics: r.diagnostics };
});
