// Golden tests of the effects pass: the dump gives per-function summaries
// (state read and written, events, external and internal calls); the
// diagnostics are those of all passes (see cases.ts for the shape).
import { check } from "../../compiler/types/index.ts";
import { analyzeEffects } from "../../compiler/effects/index.ts";
import { dumpEffects } from "../../compiler/effects/dump.ts";
import { goldenSuite } from "./cases.ts";

goldenSuite("effects", (files) => {
  const checked = check(files);
  const { effects, diagnostics } = analyzeEffects(checked.program);
  return { dump: dumpEffects(checked.program, effects), diagnostics: [...checked.diagnostics, ...diagnostics] };
});
