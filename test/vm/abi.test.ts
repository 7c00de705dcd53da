import { keccak_256 } from "@noble/hashes/sha3.js";
import smCrypto from "sm-crypto";
import { describe, expect, it } from "vitest";
import {
  decodeCall, decodeDeployInput, decodeEvent, decodeOutput, decodeRevert, describeRevert, encodeCall,
  encodeConstructorArgs, encodeDeployInput, encodeErrorString, encodeEvent, encodePanic, entrySelector,
  eventTopic0, findFunction, selectorBytes, signatureOf, type Abi,
} from "../../vm/abi/index.ts";
import { checksumAddress } from "../../vm/crypto.ts";
import { VmError } from "../../vm/errors.ts";
import { hex, toHex } from "./helpers.ts";

const transferAbi: Abi = [
  { type: "constructor", inputs: [] },
  {
    type: "function", name: "transfer",
    inputs: [{ name: "from", type: "string" }, { name: "to", type: "string" }, { name: "amount", type: "uint32" }],
    outputs: [{ name: "", type: "bool" }],
    selector: [683988646, 0],
  },
  { type: "function", name: "query", inputs: [{ name: "name", type: "string" }], outputs: [{ name: "", type: "uint32" }], constant: true },
];

describe("selectors", () => {
  it("match the Liquid fixtures' selectors on a keccak chain", () => {
    expect(toHex(selectorBytes("transfer(string,string,uint32)", "keccak"))).toBe("28c4d6a6");
    expect(toHex(selectorBytes("set(string)", "keccak"))).toBe("4ed3885e");
    expect(toHex(selectorBytes("get()", "keccak"))).toBe("6d4ce63c");
    expect(toHex(selectorBytes("query(string)", "keccak"))).toBe("7c261929");
    expect(toHex(selectorBytes("Error(string)", "keccak"))).toBe("08c379a0");
  });

  it("use SM3 on an SM chain", () => {
    const want = smCrypto.sm3(Array.from(Buffer.from("set(string)"))).slice(0, 8);
    expect(toHex(selectorBytes("set(string)", "sm"))).toBe(want);
    expect(want).not.toBe("4ed3885e");
  });

  it("write signatures with Solidity names: address as string, tuples in parentheses", () => {
    const params = [
      { name: "to", type: "string", internalType: "address" },
      { name: "o", type: "tuple[]", components: [{ name: "a", type: "uint" }, { name: "b", type: "bytes32" }] },
    ];
    expect(signatureOf("f", params)).toBe("f(string,(uint256,bytes32)[])");
    expect(signatureOf("g", [{ type: "address" }])).toBe("g(string)");
  });

  it("prefer the ABI's selector for the chain, else compute it", () => {
    const transfer = findFunction(transferAbi, "transfer");
    expect(entrySelector(transfer, "keccak")).toBe(0x28c4d6a6);
    expect(entrySelector(transfer, "sm")).toBe(0); // the fixture ABI says 0
    const query = findFunction(transferAbi, "query");
    expect(entrySelector(query, "keccak")).toBe(0x7c261929);
  });
});

describe("calls", () => {
  it("encode call data from positional or named arguments", () => {
    const fn = findFunction(transferAbi, "transfer");
    const want = "28c4d6a6" + "14616c696365" + "0c626f62" + "01000000";
    expect(toHex(encodeCall(fn, ["alice", "bob", 1], "keccak"))).toBe(want);
    expect(toHex(encodeCall(fn, { from: "alice", to: "bob", amount: 1n }, "keccak"))).toBe(want);
  });

  it("decode call data back to the function and arguments", () => {
    const { fn, args } = decodeCall(transferAbi, hex("28c4d6a6" + "14616c696365" + "0c626f62" + "e8030000"), "keccak");
    expect(fn.name).toBe("transfer");
    expect(args).toEqual(["alice", "bob", 1000n]);
    expect(() => decodeCall(transferAbi, hex("deadbeef"), "keccak")).toThrow(VmError);
  });

  it("decode outputs", () => {
    expect(decodeOutput(findFunction(transferAbi, "query"), hex("efd8ffff"))).toEqual([4294957295n]);
    expect(decodeOutput(findFunction(transferAbi, "transfer"), hex("01"))).toEqual([true]);
  });

  it("report overloaded and unknown names with ABI_NOT_FOUND", () => {
    const abi: Abi = [
      { type: "function", name: "f", inputs: [{ type: "uint8" }] },
      { type: "function", name: "f", inputs: [{ type: "string" }] },
    ];
    const err = (() => { try { findFunction(abi, "f"); } catch (e) { return e as VmError; } })();
    expect(err?.code).toBe("ABI_NOT_FOUND");
    expect(err?.message).toContain("f(uint8)");
    expect(findFunction(abi, "f(string)").inputs![0]!.type).toBe("string");
    expect(() => findFunction(abi, "g")).toThrow(/no function "g"/);
  });

  it("encode constructor arguments without a selector, and the deploy input", () => {
    const abi: Abi = [{ type: "constructor", inputs: [{ name: "name", type: "string" }] }];
    const args = encodeConstructorArgs(abi, ["alice"]);
    expect(toHex(args)).toBe("14616c696365");
    const code = new Uint8Array([0, 0x61, 0x73, 0x6d]);
    const input = encodeDeployInput(code, args);
    expect(toHex(input)).toBe("10" + "0061736d" + "18" + "14616c696365");
    expect(decodeDeployInput(input)).toEqual({ code, ctorArgs: args });
  });
});

describe("revert data", () => {
  const abi: Abi = [{ type: "error", name: "Insufficient", inputs: [{ name: "have", type: "uint256" }, { name: "want", type: "uint256" }] }];

  it("decodes Error(string)", () => {
    const data = encodeErrorString("not enough", "keccak");
    expect(toHex(data.subarray(0, 4))).toBe("08c379a0");
    expect(decodeRevert(data, "keccak")).toEqual({ kind: "error", message: "not enough" });
  });

  it("decodes Panic(uint32) with the codes of docs/abi.md", () => {
    const data = encodePanic(0x11, "keccak");
    expect(toHex(data.subarray(4))).toBe("11000000");
    expect(decodeRevert(data, "keccak")).toEqual({ kind: "panic", code: 0x11, reason: "arithmetic overflow or underflow" });
    expect(describeRevert(decodeRevert(encodePanic(0x52, "keccak"), "keccak"))).toBe("Panic 0x52 (reentrant call refused)");
  });

  it("decodes user errors by selector from the ABI", () => {
    const sel = keccak_256(Buffer.from("Insufficient(uint256,uint256)")).slice(0, 4);
    const data = Uint8Array.from([...sel, ...hex("00".repeat(31) + "05"), ...hex("00".repeat(31) + "09")]);
    const d = decodeRevert(data, "keccak", abi);
    expect(d).toMatchObject({ kind: "custom", name: "Insufficient", args: { have: 5n, want: 9n } });
  });

  it("never throws on undecodable data", () => {
    expect(decodeRevert(hex("0102"), "keccak").kind).toBe("unknown");
    expect(decodeRevert(hex("deadbeef00"), "keccak", abi)).toMatchObject({ kind: "unknown", selector: "0xdeadbeef" });
    const broken = Uint8Array.from([...encodeErrorString("x", "keccak"), 0]);
    expect(decodeRevert(broken, "keccak")).toMatchObject({ kind: "unknown", problem: expect.stringContaining("trailing") });
  });

  it("uses SM3 selectors on an SM chain", () => {
    const data = encodeErrorString("sm", "sm");
    expect(toHex(data.subarray(0, 4))).not.toBe("08c379a0");
    expect(decodeRevert(data, "sm")).toEqual({ kind: "error", message: "sm" });
    expect(decodeRevert(data, "keccak").kind).toBe("unknown");
  });
});

describe("events", () => {
  const ev = {
    type: "event", name: "Moved", anonymous: false,
    inputs: [
      { name: "who", type: "string", indexed: true },
      { name: "delta", type: "int64", indexed: true },
      { name: "tag", type: "bytes4", indexed: true },
      { name: "note", type: "string" },
      { name: "amount", type: "uint128" },
    ],
  };

  it("puts the name hash in topic0, indexed values in topics and the rest in SCALE data", () => {
    const log = encodeEvent(ev, ["alice", -2, "0xcafe0001", "hi", 5n], "keccak");
    expect(log.topics).toHaveLength(4);
    expect(toHex(log.topics[0]!)).toBe(toHex(keccak_256(Buffer.from("Moved"))));
    expect(toHex(log.topics[1]!)).toBe(toHex(keccak_256(Buffer.from("alice"))));
    expect(toHex(log.topics[2]!)).toBe("ff".repeat(31) + "fe");
    expect(toHex(log.topics[3]!)).toBe("cafe0001" + "00".repeat(28));
    expect(toHex(log.data)).toBe("08" + "6869" + "05" + "00".repeat(15)); // "hi", then 5 as u128
  });

  it("decodes a log back, hashed indexed values as their hash", () => {
    const abi: Abi = [{ type: "event", name: "Other", inputs: [] }, ev];
    const log = encodeEvent(ev, { who: "bob", delta: 3n, tag: "0x01020304", note: "n", amount: 1n }, "keccak");
    const d = decodeEvent(abi, log, "keccak")!;
    expect(d.name).toBe("Moved");
    expect(d.args).toMatchObject({ delta: 3n, tag: hex("01020304"), note: "n", amount: 1n });
    expect((d.args as { who: { hash: Uint8Array } }).who.hash).toEqual(keccak_256(Buffer.from("bob")));
  });

  it("returns undefined for a log of no known event, and rejects malformed topics", () => {
    const log = encodeEvent(ev, ["a", 1, "0x00000000", "", 0], "keccak");
    expect(decodeEvent([], log, "keccak")).toBeUndefined();
    const bad = { topics: [log.topics[0]!, log.topics[1]!, hex("01".repeat(32)), log.topics[3]!], data: log.data };
    expect(decodeEvent([ev], bad, "keccak")).toBeUndefined(); // 0x0101… is not an int64
    expect(toHex(eventTopic0("Moved", "sm"))).toBe(smCrypto.sm3(Array.from(Buffer.from("Moved"))));
  });
});

describe("checksummed accounts", () => {
  it("match FISCO's keccak vectors (bcos-wasm fbei.rs)", () => {
    for (const a of ["5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "D1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"]) {
      expect(checksumAddress("0x" + a.toLowerCase(), "keccak")).toBe(a);
    }
  });

  it("use SM3 on an SM chain", () => {
    const lower = "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
    const hash = smCrypto.sm3(lower);
    const want = [...lower].map((c, i) => (parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c)).join("");
    expect(checksumAddress(lower, "sm")).toBe(want);
    expect(want).not.toBe(checksumAddress(lower, "keccak"));
  });
});

