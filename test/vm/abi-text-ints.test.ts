// Integers given as text (JSON callers: the CLI, web apps) encode like bigints; anything else is refused.
import { describe, expect, it } from "vitest";
import { encodeParams } from "../../vm/abi/index.ts";

const u256 = [{ name: "x", type: "uint256" }];
const i64 = [{ name: "x", type: "int64" }];

describe("integer arguments as text", () => {
  it("decimal and 0x-hex text encode as the number", () => {
    expect(encodeParams(u256, ["1000000000000000000000"])).toEqual(encodeParams(u256, [10n ** 21n]));
    expect(encodeParams(u256, ["0x7b"])).toEqual(encodeParams(u256, [123n]));
    expect(encodeParams(i64, ["-5"])).toEqual(encodeParams(i64, [-5n]));
  });
  it("other text is refused with the parameter's path", () => {
    for (const bad of ["12a", "1.5", "", " 1", "+1", "01", "0x"]) expect(() => encodeParams(u256, [bad])).toThrow(/x: expected an integer/);
    expect(() => encodeParams(u256, ["-1"])).toThrow(); // out of range for uint
  });
});
