// Golden tests of the type checker: the dump gives every function's locals
// with their types and the type of every expression statement (see cases.ts
// for the shape).
import { check } from "../../compiler/types/index.ts";
import { dumpTyped } from "../../compiler/types/dump.ts";
import { goldenSuite } from "./cases.ts";

goldenSuite("types", (files, sources) => {
  const { program, diagnostics } = check(files);
  return { dump: dumpTyped(program, sources), diagnostics };
});
