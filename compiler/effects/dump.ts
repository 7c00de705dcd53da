// A readable, deterministic dump of effect summaries, for the golden tests:
// one line per contract function, in declaration order.
import type { FnInfo, TypedProgram } from "../types/model.ts";
import type { FnEffects } from "./summary.ts";

export function dumpEffects(program: TypedProgram, effects: Map<FnInfo, FnEffects>): string {
  const out: string[] = [];
  for (const c of program.contracts) {
    out.push(`contract ${c.name}`);
    for (const fn of c.init ? [c.init, ...c.fns] : c.fns) {
      const e = effects.get(fn);
      const mods = [fn.isPublic ? "pub" : "", fn.isView ? "view" : "", fn.isReentrant ? "reentrant" : ""].filter(Boolean).join(" ");
      const head = `  ${fn.isInit ? "init" : `fn ${fn.name}`}${mods ? ` [${mods}]` : ""}`;
      if (!e) {
        out.push(`${head}: no body`);
        continue;
      }
      const parts = [
        `reads(${e.reads.map((s) => s.name).join(", ")})`,
        `writes(${e.writes.map((s) => s.name).join(", ")})`,
        e.emits ? "emits" : "",
        e.externalCalls ? "external-calls" : "",
        e.calls.length ? `calls(${e.calls.map((f) => f.name).join(", ")})` : "",
      ].filter(Boolean);
      out.push(`${head}: ${parts.join(" ")}`);
    }
  }
  return out.join("\n") + "\n";
}
