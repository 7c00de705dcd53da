import { describe, expect, it } from "vitest";
import {
  ScaleReader, ScaleWriter, decodeAs, decodeCompact, decodeParams, encodeAs, encodeCompact, encodeParams,
} from "../../vm/abi/index.ts";
import { VmError } from "../../vm/errors.ts";
import { hex, toHex } from "./helpers.ts";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VmError);
    return (e as VmError).code;
  }
  return undefined;
}

describe("SCALE compact integers", () => {
  const cases: [number | bigint, string][] = [
    [0, "00"],
    [1, "04"],
    [63, "fc"],
    [64, "0101"],
    [16383, "fdff"],
    [16384, "02000100"],
    [2 ** 30 - 1, "feffffff"],
    [2 ** 30, "0300000040"],
    [2 ** 32 - 1, "03ffffffff"],
    [2 ** 32, "070000000001"],
    [(1n << 128n) - 1n, "33" + "ff".repeat(16)],
  ];
  it.each(cases)("%s encodes to %s and back", (n, bytes) => {
    expect(toHex(encodeCompact(n))).toBe(bytes);
    expect(decodeCompact(hex(bytes))).toBe(BigInt(n));
  });

  it("rejects every non-canonical form", () => {
    expect(codeOf(() => decodeCompact(hex("0100")))).toBe("SCALE_NON_CANONICAL"); // 0 in two bytes
    expect(codeOf(() => decodeCompact(hex("fd00")))).toBe("SCALE_NON_CANONICAL"); // 63 in two bytes
    expect(codeOf(() => decodeCompact(hex("02000000")))).toBe("SCALE_NON_CANONICAL"); // 0 in four bytes
    expect(codeOf(() => decodeCompact(hex("feff0000")))).toBe("SCALE_NON_CANONICAL"); // 16383 in four bytes
    expect(codeOf(() => decodeCompact(hex("03ffffff3f")))).toBe("SCALE_NON_CANONICAL"); // 2^30-1 in big mode
    expect(codeOf(() => decodeCompact(hex("070000004000")))).toBe("SCALE_NON_CANONICAL"); // zero top byte
  });

  it("rejects truncated input and trailing bytes", () => {
    expect(codeOf(() => decodeCompact(hex("")))).toBe("SCALE_EOF");
    expect(codeOf(() => decodeCompact(hex("01")))).toBe("SCALE_EOF");
    expect(codeOf(() => decodeCompact(hex("020001")))).toBe("SCALE_EOF");
    expect(codeOf(() => decodeCompact(hex("0400")))).toBe("SCALE_TRAILING");
  });

  it("refuses lengths longer than the input", () => {
    const r = new ScaleReader(hex("fdff00"));
    expect(codeOf(() => r.length())).toBe("SCALE_TOO_LONG");
  });
});

describe("SCALE integers", () => {
  it("encodes u256 as 32 bytes big-endian", () => {
    expect(toHex(encodeAs({ type: "uint256" }, 1n))).toBe("00".repeat(31) + "01");
    expect(toHex(encodeAs({ type: "uint256" }, (1n << 256n) - 1n))).toBe("ff".repeat(32));
    expect(decodeAs({ type: "uint256" }, hex("01" + "00".repeat(31)))).toBe(1n << 248n);
  });

  it("encodes i256 big-endian two's complement", () => {
    expect(toHex(encodeAs({ type: "int256" }, -2n))).toBe("ff".repeat(31) + "fe");
    expect(decodeAs({ type: "int256" }, hex("80" + "00".repeat(31)))).toBe(-(1n << 255n));
  });

  it("encodes narrower integers little-endian, negatives in two's complement", () => {
    expect(toHex(encodeAs({ type: "uint32" }, 4294957295))).toBe("efd8ffff");
    expect(toHex(encodeAs({ type: "int128" }, -1n))).toBe("ff".repeat(16));
    expect(toHex(encodeAs({ type: "int128" }, -(1n << 127n)))).toBe("00".repeat(15) + "80");
    expect(decodeAs({ type: "int128" }, hex("fe" + "ff".repeat(15)))).toBe(-2n);
    expect(decodeAs({ type: "int8" }, hex("80"))).toBe(-128n);
    expect(toHex(encodeAs({ type: "uint16" }, 0x1234))).toBe("3412");
    expect(toHex(encodeAs({ type: "int64" }, -3))).toBe("fdffffffffffffff");
  });

  it("rejects out-of-range values with ABI_OUT_OF_RANGE", () => {
    expect(codeOf(() => encodeAs({ type: "uint8" }, 256))).toBe("ABI_OUT_OF_RANGE");
    expect(codeOf(() => encodeAs({ type: "uint32" }, -1))).toBe("ABI_OUT_OF_RANGE");
    expect(codeOf(() => encodeAs({ type: "int128" }, 1n << 127n))).toBe("ABI_OUT_OF_RANGE");
    expect(codeOf(() => encodeAs({ type: "uint256" }, 1n << 256n))).toBe("ABI_OUT_OF_RANGE");
  });

  it("rejects non-integers and unsafe numbers", () => {
    expect(codeOf(() => encodeAs({ type: "uint32" }, 1.5))).toBe("ABI_BAD_VALUE");
    expect(codeOf(() => encodeAs({ type: "uint64" }, 2 ** 60))).toBe("ABI_BAD_VALUE");
    expect(codeOf(() => encodeAs({ type: "uint64" }, "5.0"))).toBe("ABI_BAD_VALUE"); // text must be an integer (test/vm/abi-text-ints.test.ts)
    expect(toHex(encodeAs({ type: "uint64" }, 2n ** 60n))).toBe("0000000000000010");
  });

  it("rejects widths SCALE does not have", () => {
    expect(codeOf(() => encodeAs({ type: "uint24" }, 1))).toBe("ABI_BAD_TYPE");
  });
});

describe("SCALE strings, bytes, bools, arrays, tuples", () => {
  it("encodes strings with a compact length", () => {
    expect(toHex(encodeAs({ type: "string" }, "alice"))).toBe("14616c696365");
    expect(decodeAs({ type: "string" }, hex("28666973636f2062636f73"))).toBe("fisco bcos");
    const long = "x".repeat(64);
    expect(toHex(encodeAs({ type: "string" }, long)).slice(0, 4)).toBe("0101");
  });

  it("rejects invalid UTF-8 and bad bools", () => {
    expect(codeOf(() => decodeAs({ type: "string" }, hex("04ff")))).toBe("SCALE_BAD_UTF8");
    expect(codeOf(() => decodeAs({ type: "bool" }, hex("02")))).toBe("SCALE_BAD_BOOL");
    expect(decodeAs({ type: "bool" }, hex("01"))).toBe(true);
  });

  it("takes bytes as Uint8Array or 0x-hex, bytesN exactly N long", () => {
    expect(toHex(encodeAs({ type: "bytes" }, "0xabcd"))).toBe("08abcd");
    expect(toHex(encodeAs({ type: "bytes4" }, new Uint8Array([1, 2, 3, 4])))).toBe("01020304");
    expect(codeOf(() => encodeAs({ type: "bytes4" }, "0x010203"))).toBe("ABI_BAD_VALUE");
    expect(codeOf(() => encodeAs({ type: "bytes" }, "abcd"))).toBe("ABI_BAD_VALUE");
    expect(decodeAs({ type: "bytes2" }, hex("beef"))).toEqual(new Uint8Array([0xbe, 0xef]));
  });

  it("encodes fixed arrays without and dynamic arrays with a length", () => {
    expect(toHex(encodeAs({ type: "uint8[3]" }, [1, 2, 3]))).toBe("010203");
    expect(toHex(encodeAs({ type: "uint8[]" }, [1, 2, 3]))).toBe("0c010203");
    expect(toHex(encodeAs({ type: "uint16[2][]" }, [[1, 2], [3, 4]]))).toBe("08" + "01000200" + "03000400");
    expect(codeOf(() => encodeAs({ type: "uint8[3]" }, [1, 2]))).toBe("ABI_BAD_VALUE");
    expect(decodeAs({ type: "string[]" }, hex("08" + "0461" + "0862 63"))).toEqual(["a", "bc"]);
  });

  it("encodes structs from objects or arrays and decodes them to objects", () => {
    const order = {
      type: "tuple",
      internalType: "struct Order",
      components: [
        { name: "id", type: "uint64" },
        { name: "owner", type: "string", internalType: "address" },
        { name: "open", type: "bool" },
      ],
    };
    const bytes = "0700000000000000" + "0c626f62" + "01";
    expect(toHex(encodeAs(order, { id: 7n, owner: "bob", open: true }))).toBe(bytes);
    expect(toHex(encodeAs(order, [7, "bob", true]))).toBe(bytes);
    expect(decodeAs(order, hex(bytes))).toEqual({ id: 7n, owner: "bob", open: true });
    expect(codeOf(() => encodeAs(order, { id: 7n, owner: "bob" }))).toBe("ABI_BAD_VALUE");
    expect(codeOf(() => encodeAs(order, { id: 7n, owner: "bob", open: true, extra: 1 }))).toBe("ABI_BAD_VALUE");
  });

  it("round-trips a parameter list and rejects trailing bytes", () => {
    const params = [
      { name: "from", type: "string" },
      { name: "to", type: "string" },
      { name: "amount", type: "uint32" },
    ];
    const enc = encodeParams(params, { from: "alice", to: "bob", amount: 1 });
    expect(toHex(enc)).toBe("14616c696365" + "0c626f62" + "01000000");
    expect(decodeParams(params, enc)).toEqual(["alice", "bob", 1n]);
    expect(codeOf(() => decodeParams(params, hex(toHex(enc) + "00")))).toBe("SCALE_TRAILING");
    expect(codeOf(() => decodeParams(params, enc.subarray(0, enc.length - 1)))).toBe("SCALE_EOF");
  });

  it("writer and reader agree on mixed sequences", () => {
    const w = new ScaleWriter();
    w.compact(16384);
    w.intLE(-5n, 4);
    w.intBE(258n, 2);
    const r = new ScaleReader(w.finish());
    expect(r.compact()).toBe(16384n);
    expect(BigInt.asIntN(32, r.uintLE(4))).toBe(-5n);
    expect(r.uintBE(2)).toBe(258n);
    r.finish();
  });
});
