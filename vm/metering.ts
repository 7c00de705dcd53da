/**
 * FISCO BCOS deploy-time gas metering, as a Wasm binary rewriter.
 *
 * Follows bcos-executor/src/vm/gas_meter/GasInjector.cpp: import
 * `bcos.outOfGas: () -> ()` (after the existing imports) and a mutable i64
 * global `bcos.gas` (global index 0, so every other global shifts by one);
 * function indices at or above the old import count shift by one. Each
 * straight-line segment ends after block, loop, if, br, br_if, br_table,
 * call, call_indirect or return; its static cost is subtracted at the
 * segment's start, then `if (gas <= 0) outOfGas()`. Block, loop and if
 * bodies are metered as their own lists; an `else` costs 2 in the segment
 * holding its `if`. Memory is raised to at least 16 pages, capped at 1024.
 */
import { WasmWriter } from "./wasm/bytes.ts";
import { type Body } from "./wasm/body.ts";
import { emitModule } from "./wasm/emit.ts";
import { KIND, VAL, type Import, type WasmModule } from "./wasm/module.ts";
import { ELSE_COST, OP, opInfo } from "./wasm/opcodes.ts";
import { MEMORY_PAGES_MAX, MEMORY_PAGES_MIN, validateModule, type ValidatedModule } from "./validate.ts";

export const GAS_GLOBAL_INDEX = 0;

/** Validate a raw contract module and return its metered form (the code FISCO stores). */
export function meterCode(raw: Uint8Array): Uint8Array {
  return meterModule(validateModule(raw));
}

export function meterModule({ module: m, bodies }: ValidatedModule): Uint8Array {
  const nFuncImports = m.imports.length; // validated: all imports are functions
  const types = [...m.types];
  let voidType = types.findIndex((t) => t.params.length === 0 && t.results.length === 0);
  if (voidType < 0) voidType = types.push({ params: [], results: [] }) - 1;
  const outOfGas = nFuncImports;
  const imports: Import[] = [
    ...m.imports,
    { module: "bcos", name: "outOfGas", kind: KIND.func, index: voidType },
    { module: "bcos", name: "gas", kind: KIND.global, index: 0, global: { valType: VAL.i64, mutable: true } },
  ];
  const shiftFunc = (f: number) => (f >= nFuncImports ? f + 1 : f);
  const mem = m.memories[0]!;
  return emitModule({
    ...m,
    types,
    imports,
    memories: [{ min: Math.max(mem.min, MEMORY_PAGES_MIN), max: MEMORY_PAGES_MAX }],
    exports: m.exports.map((e) =>
      e.kind === KIND.func ? { ...e, index: shiftFunc(e.index) } : e.kind === KIND.global ? { ...e, index: e.index + 1 } : e,
    ),
    elements: m.elements.map((e) => ({ ...e, funcs: e.funcs.map(shiftFunc) })),
    bodies: bodies.map((b, i) => meterBody(m, b, m.bodies[i]!.start, shiftFunc, outOfGas)),
  });
}

/** The static cost to charge before each instruction index (FISCO's segment rule). */
export function segmentCharges(body: Body): Map<number, number> {
  const ins = body.instrs;
  const charges = new Map<number, number>();
  const meterList = (first: number, stop: number): void => {
    let insertAt = first;
    let cost = 0;
    const flush = () => {
      if (cost > 0) charges.set(insertAt, cost);
      cost = 0;
    };
    let i = first;
    while (i < stop) {
      const it = ins[i]!;
      switch (it.op) {
        case OP.block:
        case OP.loop:
          flush();
          meterList(i + 1, it.endAt);
          i = insertAt = it.endAt + 1;
          continue;
        case OP.if: {
          const thenEnd = it.elseAt >= 0 ? it.elseAt : it.endAt;
          meterList(i + 1, thenEnd);
          if (it.elseAt >= 0 && it.elseAt + 1 < it.endAt) {
            cost += ELSE_COST;
            meterList(it.elseAt + 1, it.endAt);
          }
          flush();
          i = insertAt = it.endAt + 1;
          continue;
        }
        case OP.br:
        case OP.br_if:
        case OP.br_table:
        case OP.call:
        case OP.call_indirect:
        case OP.return:
          cost += opInfo(it.op)!.cost;
          flush();
          insertAt = i + 1;
          break;
        default:
          cost += opInfo(it.op)!.cost;
      }
      i++;
    }
    flush();
  };
  meterList(0, ins.length - 1); // the last instruction is the function's own `end`
  return charges;
}

function meterBody(
  m: WasmModule,
  body: Body,
  bodyStart: number,
  shiftFunc: (f: number) => number,
  outOfGas: number,
): Uint8Array {
  const src = m.bytes;
  const charges = segmentCharges(body);
  const w = new WasmWriter(body.instrs.length * 3 + 64);
  w.bytes(src.subarray(bodyStart, body.codeStart));
  body.instrs.forEach((it, i) => {
    const cost = charges.get(i);
    if (cost !== undefined) {
      w.byte(OP.global_get).u32(GAS_GLOBAL_INDEX).byte(OP.i64_const).sleb(BigInt(cost)).byte(OP.i64_sub);
      w.byte(OP.global_set).u32(GAS_GLOBAL_INDEX);
      w.byte(OP.global_get).u32(GAS_GLOBAL_INDEX).byte(OP.i64_const).sleb(0n).byte(OP.i64_le_s);
      w.byte(OP.if).byte(0x40).byte(OP.call).u32(outOfGas).byte(OP.end);
    }
    if (it.op === OP.call) w.byte(OP.call).u32(shiftFunc(it.imm));
    else if (it.op === OP.global_get || it.op === OP.global_set) w.byte(it.op).u32(it.imm + 1);
    else w.bytes(src.subarray(it.start, it.end));
  });
  return w.finish();
}
