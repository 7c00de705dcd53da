// Soundness of the conflictFields the compiler emits (docs/conflict-fields.md),
// checked two ways over every contract in the golden cases and the examples:
//   statically: a bounded footprint names every state variable the effects
//     summary says the function reads or writes (two independent walks);
//   dynamically: every public function runs on the VM with generated
//     arguments from several senders, every storage key it reads or writes is
//     mapped to its conflict key (docs/abi.md "Storage keys": slot + SCALE of
//     the first map index, or the slot alone) and must be one of the keys the
//     ABI declared for that call — not read_only when written.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { analyze, compile, type AbiEntry, type AbiFunction, type AbiParam, type ConflictField } from "../../compiler/index.ts";
import type { ContractInfo, Type } from "../../compiler/types/model.ts";
import { Vm } from "../../vm/vm.ts";
import { InMemoryState } from "../../vm/state.ts";
import { checksumAddress } from "../../vm/crypto.ts";
import * as vmAbi from "../../vm/abi/index.ts";
import type { Abi } from "../../vm/abi/types.ts";
import { sourcesOf } from "../golden/cases.ts";

const repo = new URL("../../", import.meta.url);
const ACCOUNTS = ["1111111111111111111111111111111111111111", "abcdef0123456789abcdef0123456789abcdef01", "00000000000000000000000000000000000000bb"];
const ORIGIN = "5555555555555555555555555555555555555555";
const BLOCK = { number: 7, timestamp: 1_700_000_000 };

function corpus(): { name: string; sources: Record<string, string> }[] {
  const out: { name: string; sources: Record<string, string> }[] = [];
  for (const dir of ["test/golden/parallel/", "test/golden/effects/", "test/golden/wasm/", "examples/"]) {
    for (const f of readdirSync(new URL(dir, repo)).filter((n) => n.endsWith(".weft")).sort()) {
      out.push({ name: dir + f, sources: sourcesOf(f, readFileSync(new URL(dir + f, repo), "utf8")) });
    }
  }
  return out;
}

// ---------------------------------------------------------------- values and keys

/** An argument value of an ABI parameter; `v` varies it (integers 1–3, or 1000 for `big`: constructor amounts). */
function gen(p: AbiParam, v: number, big = false): unknown {
  const arr = /^(.*)\[(\d*)\]$/.exec(p.type);
  if (arr) {
    const elem: AbiParam = { ...p, type: arr[1]! };
    if (p.internalType) elem.internalType = p.internalType.replace(/\[\d*\]$/, "");
    return Array.from({ length: arr[2] ? Number(arr[2]) : 2 }, (_, i) => gen(elem, v + i, big));
  }
  if (p.type === "tuple") return Object.fromEntries(p.components!.map((c, i) => [c.name, gen(c, v + i, big)]));
  if (p.internalType?.startsWith("enum ")) return BigInt(v % 2);
  if (p.internalType === "address") return ACCOUNTS[v % 3];
  if (p.type === "string") return ["k", "EUR", "k2"][v % 3];
  if (p.type === "bool") return v % 2 === 0;
  if (p.type === "bytes") return Uint8Array.of(v % 3, 0xff);
  const n = /^bytes(\d+)$/.exec(p.type);
  if (n) return Uint8Array.from({ length: Number(n[1]) }, (_, i) => (i === 0 ? v % 3 : 0));
  return big && !p.type.endsWith("8") ? 1000n : BigInt(1 + (v % 3));
}

/** Bytes a SCALE value of a map key type takes at the start of `b`. */
function keyLength(t: Type, b: Uint8Array): number {
  switch (t.kind) {
    case "int":
      return t.bits / 8;
    case "bytesN":
      return t.size;
    case "bool":
    case "enum":
      return 1;
    default: {
      const mode = b[0]! & 3;
      const head = mode === 0 ? 1 : mode === 1 ? 2 : 4;
      const n = mode === 0 ? b[0]! >> 2 : mode === 1 ? (b[0]! | (b[1]! << 8)) >> 2 : new DataView(b.buffer, b.byteOffset).getUint32(0, true) >>> 2;
      return head + n;
    }
  }
}

/** The conflict key (slot, suffix) of a storage key of the contract. */
function conflictKey(c: ContractInfo, key: Uint8Array): { slot: number; suffix: string } {
  let end = key.findIndex((b) => b === 0x24 || b === 0x2e);
  if (end < 0) end = key.length;
  const name = new TextDecoder().decode(key.slice(0, end));
  const state = c.states.find((s) => s.name === name);
  if (!state) throw new Error(`storage key ${JSON.stringify(new TextDecoder().decode(key))} names no state variable of ${c.name}`);
  if (state.type.kind !== "map") return { slot: state.slot, suffix: "" };
  const rest = key.slice(end + 1);
  return { slot: state.slot, suffix: [...rest.slice(0, keyLength(state.type.key, rest))].join(",") };
}

/** The keys a conflict field names for one call. */
function fieldSuffix(f: ConflictField, fn: AbiFunction, args: unknown[], sender: string): string {
  const str = (s: string) => [...vmAbi.encodeAs({ name: "", type: "string" }, s)];
  switch (f.kind) {
    case 1:
      return "";
    case 2:
      return [
        () => str(checksumAddress(sender, "keccak")),
        () => str(checksumAddress(ORIGIN, "keccak")),
        () => [...vmAbi.encodeAs({ name: "", type: "uint64" }, BigInt(BLOCK.timestamp))],
        () => [...vmAbi.encodeAs({ name: "", type: "uint64" }, BigInt(BLOCK.number))],
        () => str(ADDRESS),
      ][f.value[0]!]!().join(",");
    case 3: {
      let p = fn.inputs[f.value[0]!]!;
      let v = args[f.value[0]!];
      for (const i of f.value.slice(1)) {
        const c = p.components![i]!;
        v = (v as Record<string, unknown>)[c.name];
        p = c;
      }
      return [...vmAbi.encodeAs(p as never, v)].join(",");
    }
    case 4:
      return f.value.join(",");
    default:
      throw new Error(`no key for kind ${f.kind}`);
  }
}

// ---------------------------------------------------------------- running

const ADDRESS = "/apps/subject";

class RecordingState extends InMemoryState {
  log: { key: Uint8Array; write: boolean }[] = [];
  override getStorage(address: string, key: Uint8Array, keyLatin1?: string) {
    if (address === ADDRESS) this.log.push({ key: key.slice(), write: false });
    return super.getStorage(address, key, keyLatin1);
  }
  override setStorage(address: string, key: Uint8Array, value: Uint8Array | undefined, keyLatin1?: string) {
    if (address === ADDRESS) this.log.push({ key: key.slice(), write: true });
    super.setStorage(address, key, value, keyLatin1);
  }
}

interface Outcome {
  calls: number;
  /** Calls that succeeded (status 0). */
  ok: number;
  accesses: number;
  violations: string[];
}

/** Deploys a contract and runs each public function in rounds; `tamper` may change the ABI's fields first. */
function exercise(c: ContractInfo, wasm: Uint8Array, abi: AbiEntry[], tamper?: (abi: AbiEntry[]) => void): Outcome {
  tamper?.(abi);
  const state = new RecordingState();
  const vm = new Vm({ state, crypto: "keccak" });
  const ctor = abi.find((e) => e.type === "constructor")!;
  const ctorArgs = vmAbi.encodeConstructorArgs(abi as unknown as Abi, ctor.inputs.map((p) => gen(p, 1, true)));
  const out: Outcome = { calls: 0, ok: 0, accesses: 0, violations: [] };
  const gas = 3_000_000_000;
  if (vm.deploy({ address: ADDRESS, code: wasm, ctorArgs, abi: abi as unknown as Abi, sender: ACCOUNTS[0]!, gasLimit: gas, block: BLOCK }).status !== 0) return out;
  const fns = abi.filter((e): e is AbiFunction => e.type === "function");
  for (let round = 0; round < 4; round++) {
    for (const fn of fns) {
      const fields = fn.conflictFields;
      if (!fields?.length) out.violations.push(`${c.name}.${fn.name}: no conflictFields`);
      if (!fields?.length || fields[0]!.kind === 0) continue;
      const sender = ACCOUNTS[(round + fn.name.length) % 3]!;
      const args = fn.inputs.map((p, i) => gen(p, round + i));
      state.log = [];
      const input = vmAbi.encodeCall(vmAbi.findFunction(abi as unknown as Abi, fn.name), args, "keccak");
      if (vm.call({ to: ADDRESS, input, sender, origin: ORIGIN, gasLimit: gas, block: BLOCK }).status === 0) out.ok++;
      out.calls++;
      const declared = fields.filter((f) => f.kind !== 5).map((f) => ({ slot: f.slot, suffix: fieldSuffix(f, fn, args, sender), readOnly: f.read_only === true }));
      if (process.env.DEBUG_PARALLEL) console.log(c.name, fn.name, state.log.length, JSON.stringify(fields));
      for (const a of state.log) {
        out.accesses++;
        const k = conflictKey(c, a.key);
        const hit = declared.find((d) => d.slot === k.slot && d.suffix === k.suffix && (!a.write || !d.readOnly));
        if (!hit) out.violations.push(`${c.name}.${fn.name}: ${a.write ? "writes" : "reads"} ${JSON.stringify(new TextDecoder().decode(a.key))} (slot ${k.slot}, key [${k.suffix}]) not covered by ${JSON.stringify(fields)}`);
      }
    }
  }
  return out;
}

function compiled(sources: Record<string, string>) {
  const a = analyze(sources);
  if (!a.program || a.diagnostics.some((d) => d.severity === "error")) return null;
  const r = compile({ sources });
  if (!r.ok) return null;
  return { program: a.program, effects: a.effects!, contracts: r.contracts };
}

describe("conflictFields are sound", () => {
  const cases = corpus();

  it("statically: a bounded footprint names every state variable the function reads or writes", () => {
    let checked = 0;
    for (const { name, sources } of cases) {
      const a = analyze(sources);
      if (!a.program || !a.effects || a.diagnostics.some((d) => d.severity === "error")) continue;
      for (const [fn, e] of a.effects) {
        if (!e.footprint || e.footprint.kind === "all") continue;
        const uses = e.footprint.uses;
        for (const s of e.reads) expect(uses.some((u) => u.state === s), `${name} ${fn.name} reads ${s.name}`).toBe(true);
        for (const s of e.writes) expect(uses.some((u) => u.state === s && u.write), `${name} ${fn.name} writes ${s.name}`).toBe(true);
        for (const u of uses) expect(e.reads.includes(u.state) || e.writes.includes(u.state), `${name} ${fn.name} ${u.state.name}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("dynamically: every storage key a call touches is one it declared", () => {
    const total: Outcome = { calls: 0, ok: 0, accesses: 0, violations: [] };
    for (const { sources } of cases) {
      const r = compiled(sources);
      if (!r) continue;
      for (const cc of r.contracts) {
        const info = r.program.contracts.find((c) => c.name === cc.name)!;
        const o = exercise(info, cc.wasm, structuredClone(cc.abi));
        total.calls += o.calls;
        total.ok += o.ok;
        total.accesses += o.accesses;
        total.violations.push(...o.violations);
      }
    }
    expect(total.violations).toEqual([]);
    console.log(`parallel soundness: ${total.calls} calls (${total.ok} succeeded), ${total.accesses} storage accesses checked`);
    expect(total.calls).toBeGreaterThan(600);
    expect(total.ok).toBeGreaterThan(500);
    expect(total.accesses).toBeGreaterThan(1000);
  }, 120_000);

  it("the dynamic check finds a missing key and a write declared read-only", () => {
    const sources = { "token.weft": readFileSync(new URL("examples/token.weft", repo), "utf8") };
    const r = compiled(sources)!;
    const token = r.contracts.find((c) => c.name === "Token")!;
    const info = r.program.contracts.find((c) => c.name === "Token")!;
    const fields = (abi: AbiEntry[]) => (abi.find((e) => e.type === "function" && e.name === "transfer") as AbiFunction).conflictFields!;
    expect(exercise(info, token.wasm, structuredClone(token.abi)).violations).toEqual([]);
    const dropped = exercise(info, token.wasm, structuredClone(token.abi), (abi) => void fields(abi).shift());
    expect(dropped.violations.some((v) => v.startsWith("Token.transfer: writes"))).toBe(true);
    const readOnly = exercise(info, token.wasm, structuredClone(token.abi), (abi) => fields(abi).forEach((f) => (f.read_only = true)));
    expect(readOnly.violations.some((v) => v.startsWith("Token.transfer: writes"))).toBe(true);
  });
});
