// Constant declarations (`const NAME: T = expr;`), checked on first use or
// in declaration order: the initializer is checked against T and must fold
// to a compile-time value (literals, other constants, operators, `as`
// between integers, `truncate`). A constant that depends on itself is an
// error at the reference that closes the cycle.
import type * as ast from "../syntax/ast.ts";
import type { ConstInfo, ConstValue, Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { check } from "./expressions.ts";
import { liveFlow } from "./flow.ts";

/** Checks a constant once; `at` is the reference that asked for it (for cycle reports). */
export function checkConstDecl(cx: Checker, info: ConstInfo, at?: ast.Span): void {
  const state = cx.constState.get(info);
  if (state === "done" || state === "failed") return;
  if (state === "checking") {
    cx.report("E0320", at ?? info.decl.name.span, `the constant \`${info.name}\` depends on itself`, {
      secondary: [{ span: info.decl.name.span, message: `\`${info.name}\` declared here` }],
      help: "a constant's value cannot refer back to the constant",
    });
    return;
  }
  cx.constState.set(info, "checking");
  const saved = { fn: cx.fn, flow: cx.flow, unchecked: cx.unchecked, loops: cx.loops };
  cx.fn = null;
  cx.flow = liveFlow();
  cx.unchecked = 0;
  cx.loops = [];
  const before = cx.errorCount;
  check(cx, info.decl.value, info.type);
  const value = cx.program.constValues.get(info.decl.value);
  if (value) info.value = value;
  else info.value = zeroValue(info.type);
  if (!value && cx.errorCount === before)
    cx.report("E0319", info.decl.value.span, `the value of the constant \`${info.name}\` is not known at compile time`, {
      label: "not a constant expression",
      help: "constants are built from literals, other constants, operators, `as` between integers and `truncate`; use a `state` variable set in `init` otherwise",
    });
  Object.assign(cx, saved);
  cx.constState.set(info, value ? "done" : "failed");
}

/** A placeholder for a constant whose value could not be computed (an error was reported). */
function zeroValue(t: Type): ConstValue {
  switch (t.kind) {
    case "bool":
      return { kind: "bool", value: false };
    case "string":
      return { kind: "string", value: "" };
    case "bytes":
    case "bytesN":
      return { kind: "bytes", value: new Uint8Array(t.kind === "bytesN" ? t.size : 0) };
    default:
      return { kind: "int", value: 0n };
  }
}
