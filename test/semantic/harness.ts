// Shared helpers for code generation tests: every module a test builds goes
// through `compile`, which also checks the module's shape (valid Wasm MVP,
// imports only from "bcos", exactly the four FISCO exports). `Chain` deploys
// and calls compiled contracts on the real VM (vm/), encoding arguments and
// decoding results with the VM's ABI codec (vm/abi/).
import binaryen from "binaryen";
import { expect } from "vitest";
import { parse } from "../../compiler/syntax/index.ts";
import { check } from "../../compiler/types/index.ts";
import type { ContractInfo, TypedProgram } from "../../compiler/types/model.ts";
import { generateModule } from "../../compiler/wasm/index.ts";
import { contractAbi } from "../../compiler/abi/abi.ts";
import { hasErrors, renderText, type Diagnostic } from "../../compiler/diagnostics/index.ts";
import { Vm, InMemoryState, abi as vmAbi, type ExecResult } from "../../vm/index.ts";
import type { Abi } from "../../vm/abi/types.ts";

export type Crypto = "keccak" | "sm";

export interface Compiled {
  name: string;
  wasm: Uint8Array;
  wat?: string;
  abi: Abi;
  /** Functions added by the code generator (support library excluded). */
  generated: string[];
  program: TypedProgram;
  contract: ContractInfo;
}

export interface CompileOptions {
  crypto?: Crypto;
  optimize?: boolean;
  wat?: boolean;
  file?: string;
}

/** The module-shape checks every generated module must pass. */
export function checkModuleShape(wasm: Uint8Array): void {
  const mod = binaryen.readBinary(wasm);
  try {
    mod.setFeatures(binaryen.Features.MVP);
    expect(mod.validate(), "module validates as Wasm MVP").toBeTruthy();
    for (let i = 0; i < mod.getNumFunctions(); i++) {
      const f = binaryen.getFunctionInfo(mod.getFunctionByIndex(i));
      if (f.module) expect(`${f.module}.${f.base}`).toMatch(/^bcos\./);
    }
    for (let i = 0; i < mod.getNumGlobals(); i++) {
      const g = binaryen.getGlobalInfo(mod.getGlobalByIndex(i));
      expect(g.module ?? "", "no global imports").toBe("");
    }
    const exports: string[] = [];
    for (let i = 0; i < mod.getNumExports(); i++) exports.push(binaryen.getExportInfo(mod.getExportByIndex(i)).name);
    expect(exports.sort()).toEqual(["deploy", "hash_type", "main", "memory"]);
    expect(mod.getStart(), "no start function").toBe(0);
  } finally {
    mod.dispose();
  }
}

/** Parses and checks a source; throws with the rendered diagnostics when it has errors. */
export function checkSource(source: string, file = "test.weft"): TypedProgram {
  const parsed = parse(file, source);
  const checked = check([parsed.file]);
  const diags = [...parsed.diagnostics, ...checked.diagnostics];
  if (hasErrors(diags)) throw new Error(`source does not check:\n${renderText(diags, { [file]: source })}`);
  return checked.program;
}

export type Generated = { ok: true; compiled: Compiled } | { ok: false; name: string; diagnostics: Diagnostic[] };

/**
 * Generates code for every contract of a source that checks. Every module
 * built passes checkModuleShape; a contract the code generator refuses
 * comes back with its diagnostics.
 */
export function generateAll(source: string, opts: CompileOptions = {}): Generated[] {
  const program = checkSource(source, opts.file);
  return program.contracts.map((contract): Generated => {
    const r = generateModule(program, contract, { crypto: opts.crypto ?? "keccak", optimize: opts.optimize ?? false, wat: opts.wat ?? false });
    if (hasErrors(r.diagnostics)) return { ok: false, name: contract.name, diagnostics: r.diagnostics };
    checkModuleShape(r.wasm);
    const c: Compiled = { name: contract.name, wasm: r.wasm, abi: contractAbi(contract) as unknown as Abi, generated: r.generated, program, contract };
    if (r.wat !== undefined) c.wat = r.wat;
    return { ok: true, compiled: c };
  });
}

/** Compiles every contract of a source; throws with the rendered diagnostics if one fails. */
export function compileAll(source: string, opts: CompileOptions = {}): Map<string, Compiled> {
  const out = new Map<string, Compiled>();
  for (const g of generateAll(source, opts)) {
    if (!g.ok) throw new Error(`code generation failed:\n${renderText(g.diagnostics, { [opts.file ?? "test.weft"]: source })}`);
    out.set(g.compiled.name, g.compiled);
  }
  return out;
}

/** Compiles the (last, or named) contract of a source. */
export function compile(source: string, opts: CompileOptions & { contract?: string } = {}): Compiled {
  const all = compileAll(source, opts);
  const c = opts.contract ? all.get(opts.contract) : [...all.values()].pop();
  if (!c) throw new Error(`no contract ${opts.contract ?? ""} in the source`);
  return c;
}

// ---------------------------------------------------------------- running on the VM

export const ALICE = "1111111111111111111111111111111111111111";
export const BOB = "2222222222222222222222222222222222222222";
export const CAROL = "3333333333333333333333333333333333333333";

const BLOCK = { number: 7, timestamp: 1_700_000_000 };
const GAS = 3_000_000_000;

export interface CallOutcome extends ExecResult {
  /** Decoded return values (in order); empty for unit or on failure. */
  values: unknown[];
}

export class Chain {
  readonly state = new InMemoryState();
  readonly vm: Vm;
  private next = 0;

  constructor(readonly crypto: Crypto = "keccak") {
    this.vm = new Vm({ state: this.state, crypto });
  }

  /** Deploys; fails the test unless deployment succeeds. */
  deploy(c: Compiled, args: unknown[] = [], opts: { sender?: string; address?: string } = {}): Contract {
    const address = opts.address ?? `/apps/${c.name.toLowerCase()}${this.next++ || ""}`;
    const r = this.vm.deploy({
      address,
      code: c.wasm,
      ctorArgs: vmAbi.encodeConstructorArgs(c.abi, args),
      abi: c.abi,
      sender: opts.sender ?? ALICE,
      gasLimit: GAS,
      block: BLOCK,
    });
    if (r.status !== 0) throw new Error(`deploy of ${c.name} failed: status ${r.status} ${r.message ?? ""} ${r.revert ? vmAbi.describeRevert(r.revert) : ""}`);
    return new Contract(this, c, address);
  }

  /** Raw deployment (for failing constructors). */
  deployRaw(c: Compiled, ctorArgs: Uint8Array, address = `/apps/raw${this.next++}`): ExecResult {
    return this.vm.deploy({ address, code: c.wasm, ctorArgs, abi: c.abi, sender: ALICE, gasLimit: GAS, block: BLOCK });
  }

  storage(address: string, key: Uint8Array | string): Uint8Array | undefined {
    return this.state.getStorage(address, typeof key === "string" ? new TextEncoder().encode(key) : key);
  }
}

export class Contract {
  constructor(
    readonly chain: Chain,
    readonly compiled: Compiled,
    readonly address: string,
  ) {}

  get abi(): Abi {
    return this.compiled.abi;
  }

  /** Calls a public function with raw input bytes. */
  callRaw(input: Uint8Array, sender = ALICE): ExecResult {
    return this.chain.vm.call({ to: this.address, input, sender, gasLimit: GAS, block: BLOCK });
  }

  call(fn: string, args: unknown[] = [], sender = ALICE): CallOutcome {
    const entry = vmAbi.findFunction(this.abi, fn);
    const r = this.callRaw(vmAbi.encodeCall(entry, args, this.chain.crypto), sender);
    const values = r.status === 0 ? vmAbi.decodeOutput(entry, r.output) : [];
    return { ...r, values };
  }

  /** Calls and expects success; returns the single return value (or the list when there are several). */
  ok(fn: string, args: unknown[] = [], sender = ALICE): unknown {
    const r = this.call(fn, args, sender);
    if (r.status !== 0) {
      throw new Error(`${fn} failed: status ${r.status} ${r.message ?? ""} ${r.revert ? vmAbi.describeRevert(r.revert) : ""}`);
    }
    return r.values.length === 1 ? r.values[0] : r.values;
  }

  /** Calls and expects Panic(code). */
  panics(fn: string, args: unknown[], code: number, sender = ALICE): void {
    const r = this.call(fn, args, sender);
    expect(r.status, `${fn}(${args.map(String).join(", ")}) should revert`).toBe(16);
    expect(r.revert, `${fn}: revert data`).toMatchObject({ kind: "panic", code });
  }

  /** Calls and expects Error(string). */
  reverts(fn: string, args: unknown[], message: string, sender = ALICE): void {
    const r = this.call(fn, args, sender);
    expect(r.status).toBe(16);
    expect(r.revert).toMatchObject({ kind: "error", message });
  }
}
