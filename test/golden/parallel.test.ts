// Golden tests of the footprint analysis (conflictFields): per contract
// function (not `init`) its footprint in words and, for public functions,
// the conflict fields the ABI carries, one a line; then the diagnostics of
// all passes (see cases.ts for the shape). Regenerate with `vitest run -u`.
import { check } from "../../compiler/types/index.ts";
import { analyzeEffects } from "../../compiler/effects/index.ts";
import { dumpFootprints } from "../../compiler/parallel.ts";
import { goldenSuite } from "./cases.ts";

goldenSuite("parallel", (files, sources) => {
  const checked = check(files);
  const { effects, diagnostics } = analyzeEffects(checked.program);
  return { dump: dumpFootprints(checked.program, effects, sources), diagnostics: [...checked.diagnostics, ...diagnostics] };
});
