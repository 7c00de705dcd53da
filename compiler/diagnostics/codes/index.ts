// Every diagnostic code in one place, one file per pass (so that passes can
// add codes without touching each other's tables). Codes are stable: never
// renumber or reuse one; retire it instead.
import type { CodeInfo } from "./types.ts";
import { syntaxCodes } from "./syntax.ts";
import { resolveCodes } from "./resolve.ts";
import { checkCodes } from "./check.ts";
import { effectsCodes } from "./effects.ts";
import { codegenCodes } from "./codegen.ts";
import { internalCodes } from "./internal.ts";

export type { CodeInfo } from "./types.ts";

export const allCodes: readonly CodeInfo[] = [
  ...syntaxCodes,
  ...resolveCodes,
  ...checkCodes,
  ...effectsCodes,
  ...codegenCodes,
  ...internalCodes,
];

const byCode = new Map(allCodes.map((c) => [c.code, c]));

export function codeInfo(code: string): CodeInfo {
  const info = byCode.get(code);
  if (!info) throw new Error(`internal: diagnostic code ${code} is not registered in compiler/diagnostics/codes`);
  return info;
}
