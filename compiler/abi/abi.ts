// ABI JSON for a contract (docs/abi.md): Solidity-style entries plus FISCO's
// `selector` pair, and Weft's `reentrant` flag that the VM's reentrancy guard
// reads. Events and errors are those the contract declares or uses.
import type { ContractInfo, ErrorInfo, EventInfo, FnInfo, Type } from "../types/model.ts";
import { abiTypeName } from "../types/model.ts";
import { selectorPair } from "./selector.ts";

export interface AbiParam {
  name: string;
  type: string;
  internalType?: string;
  components?: AbiParam[];
  indexed?: boolean;
}

export interface ConflictField {
  kind: number;
  value: number[];
  slot: number;
  read_only?: boolean;
}

export interface AbiFunction {
  type: "function";
  name: string;
  inputs: AbiParam[];
  outputs: AbiParam[];
  constant: boolean;
  stateMutability: "view" | "nonpayable";
  selector: [number, number];
  reentrant: boolean;
  conflictFields?: ConflictField[];
}

export interface AbiConstructor {
  type: "constructor";
  inputs: AbiParam[];
  stateMutability: "nonpayable";
}

export interface AbiEvent {
  type: "event";
  name: string;
  inputs: AbiParam[];
  anonymous: false;
}

export interface AbiError {
  type: "error";
  name: string;
  inputs: AbiParam[];
  selector: [number, number];
}

export type AbiEntry = AbiFunction | AbiConstructor | AbiEvent | AbiError;

/** The ABI `type` string plus Weft's own type name and tuple components. */
export function abiParam(name: string, t: Type): AbiParam {
  const p: AbiParam = { name, type: abiShapeName(t) };
  const internal = internalTypeName(t);
  if (internal) p.internalType = internal;
  const components = componentsOf(t);
  if (components) p.components = components;
  return p;
}

/** Like abiTypeName, but structs and tuples are `tuple` (with components), as Solidity's JSON has it. */
function abiShapeName(t: Type): string {
  switch (t.kind) {
    case "struct":
    case "tuple":
      return "tuple";
    case "array":
      return `${abiShapeName(t.elem)}[${t.size ?? ""}]`;
    default:
      return abiTypeName(t);
  }
}

function componentsOf(t: Type): AbiParam[] | undefined {
  switch (t.kind) {
    case "struct":
      return t.info.fields.map((f) => abiParam(f.name, f.type));
    case "tuple":
      return t.elems.map((e, i) => abiParam(`_${i}`, e));
    case "array":
      return componentsOf(t.elem);
    default:
      return undefined;
  }
}

function internalTypeName(t: Type): string | undefined {
  switch (t.kind) {
    case "address":
      return "address";
    case "struct":
      return `struct ${t.info.name}`;
    case "enum":
      return `enum ${t.info.name}`;
    case "interface":
      return `contract ${t.info.name}`;
    case "array": {
      const inner = internalTypeName(t.elem);
      return inner ? `${inner}[${t.size ?? ""}]` : undefined;
    }
    default:
      return undefined;
  }
}

function outputsOf(t: Type): AbiParam[] {
  if (t.kind === "tuple") return t.elems.map((e) => abiParam("", e));
  return [abiParam("", t)];
}

export function functionEntry(fn: FnInfo, conflictFields?: ConflictField[]): AbiFunction {
  const entry: AbiFunction = {
    type: "function",
    name: fn.name,
    inputs: fn.params.map((p) => abiParam(p.name, p.type)),
    outputs: outputsOf(fn.returns),
    constant: fn.isView,
    stateMutability: fn.isView ? "view" : "nonpayable",
    selector: selectorPair(fn.signature),
    reentrant: fn.isReentrant,
  };
  if (conflictFields) entry.conflictFields = conflictFields;
  return entry;
}

export function eventEntry(ev: EventInfo): AbiEvent {
  return {
    type: "event",
    name: ev.name,
    inputs: ev.fields.map((f) => ({ ...abiParam(f.name, f.type), indexed: f.indexed })),
    anonymous: false,
  };
}

export function errorEntry(err: ErrorInfo): AbiError {
  return {
    type: "error",
    name: err.name,
    inputs: err.fields.map((f) => abiParam(f.name, f.type)),
    selector: selectorPair(err.signature),
  };
}

export interface AbiOptions {
  /** Per-function parallel conflict keys (effects pass); absent: none emitted. */
  conflictFields?: (fn: FnInfo) => ConflictField[] | undefined;
}

/** The ABI JSON of one contract: constructor, public functions, events, errors — in declaration order. */
export function contractAbi(contract: ContractInfo, opts: AbiOptions = {}): AbiEntry[] {
  const entries: AbiEntry[] = [];
  entries.push({
    type: "constructor",
    inputs: contract.init ? contract.init.params.map((p) => abiParam(p.name, p.type)) : [],
    stateMutability: "nonpayable",
  });
  for (const fn of contract.fns) if (fn.isPublic) entries.push(functionEntry(fn, opts.conflictFields?.(fn)));
  for (const ev of contract.events) entries.push(eventEntry(ev));
  for (const err of contract.errors) entries.push(errorEntry(err));
  return entries;
}
