// Memory values (structs, tuples, fixed and dynamic arrays: value
// semantics, bounds checks), enums, constants and control flow.
import { describe, expect, it } from "vitest";
import { Chain, compile } from "./harness.ts";

describe.each([false, true])("memory values (optimize: %s)", (optimize) => {
  const c = new Chain().deploy(
    compile(`
    struct Point { x: i64, y: i64 }
    struct Line { a: Point, b: Point, tag: string }
    contract M {
      pub fn copies(p: Point) -> (Point, Point, Point) {
        let mut q = p;        // a copy: p is not changed
        q.x = 100;
        let r = q;            // a copy: q changes below
        q.y = 200;
        return (p, q, r);
      }
      pub fn nested(p: Point) -> (Line, Line) {
        let mut l = Line { a: p, b: p, tag: "l" };
        let m = l;
        l.a.x = 1;
        l.b.y = 2;
        l.tag = "changed";
        return (l, m);
      }
      fn bump(p: Point) -> Point {
        let mut q = p;
        q.x += 1;
        return q;
      }
      pub fn viaCall(p: Point) -> (Point, Point) {
        let q = self.bump(p);
        return (p, q);
      }
      pub fn fixedArr(i: u32, v: u64) -> u64[4] {
        let mut a: u64[4] = [1, 2, 3, 4];
        let b = a;
        a[i] = v;
        a[0] = b[i];
        return a;
      }
      pub fn dynArr(xs: i32[], i: u32) -> (i32[], i32[], u32) {
        let mut ys = xs;
        ys[i] = -ys[i];
        return (xs, ys, ys.length);
      }
      pub fn nestedArr(m: u8[][], i: u32, j: u32) -> u8 {
        return m[i][j];
      }
      pub fn points(ps: Point[]) -> i64 {
        let mut s: i64 = 0;
        for p in ps { s += p.x * p.y; }
        return s;
      }
      pub fn tuple(a: u32, b: string) -> (string, u32, (u32, bool)) {
        let t = (a, b);
        let (x, y) = t;
        let (_, mut z) = (0, y);
        z = z + "!";
        return (z, x, (x + 1, x > 10));
      }
    }`, { optimize }),
  );

  it("copies structs on assignment (value semantics)", () => {
    const p = { x: 1n, y: 2n };
    expect(c.ok("copies", [p])).toEqual([p, { x: 100n, y: 200n }, { x: 100n, y: 2n }]);
    expect(c.ok("nested", [p])).toEqual([
      { a: { x: 1n, y: 2n }, b: { x: 1n, y: 2n }, tag: "changed" },
      { a: p, b: p, tag: "l" },
    ]);
    expect(c.ok("viaCall", [p])).toEqual([p, { x: 2n, y: 2n }]);
  });

  it("copies arrays and checks bounds (Panic 0x32)", () => {
    expect(c.ok("fixedArr", [2n, 9n])).toEqual([3n, 2n, 9n, 4n]);
    c.panics("fixedArr", [4n, 9n], 0x32);
    expect(c.ok("dynArr", [[1n, 2n, 3n], 1n])).toEqual([[1n, 2n, 3n], [1n, -2n, 3n], 3n]);
    c.panics("dynArr", [[1n, 2n, 3n], 3n], 0x32);
    c.panics("dynArr", [[], 0n], 0x32);
    expect(c.ok("nestedArr", [[[1n], [2n, 3n]], 1n, 1n])).toBe(3n);
    c.panics("nestedArr", [[[1n], [2n, 3n]], 0n, 1n], 0x32);
    expect(c.ok("points", [[{ x: 2n, y: 3n }, { x: -1n, y: 4n }]])).toBe(2n);
  });

  it("builds and destructures tuples", () => {
    expect(c.ok("tuple", [11n, "ab"])).toEqual(["ab!", 11n, { _0: 12n, _1: true }]);
  });
});

describe("control flow, enums, constants", () => {
  const c = new Chain().deploy(
    compile(`
    const BASE: u64 = 1_000;
    contract F {
      enum Phase { Open, Locked, Closed }
      const STEP: u64 = BASE / 10;
      const GREETING: string = "hi";
      state phase: Phase;

      pub fn oddSum(n: u32) -> u32 {
        let mut s: u32 = 0;
        for i in 0..n {
          if i % 2 == 0 { continue; }
          if i > 50 { break; }
          s += i;
        }
        return s;
      }
      pub fn fullRange() -> u32 {
        let mut c: u32 = 0;
        let top: u8 = 255;
        for i in 0..=top {
          c += i as u32;
        }
        return c;
      }
      pub fn countdown(n: i8) -> i32 {
        let mut k = n;
        let mut steps: i32 = 0;
        while k > -3 {
          k -= 1;
          steps += 1;
          if steps > 1000 { break; }
        }
        return steps;
      }
      pub fn nested(n: u32) -> u32 {
        let mut hits: u32 = 0;
        for i in 0..n {
          for j in 0..n {
            if j > i { break; }
            if (i + j) % 3 == 0 { continue; }
            hits += 1;
          }
        }
        return hits;
      }
      pub fn withIndex(xs: string[]) -> u32 {
        let mut t: u32 = 0;
        for (i, s) in xs { t += i * (s as bytes).length; }
        return t;
      }
      pub fn advance() -> Phase {
        let next = ((self.phase as u8) + 1) as Phase;
        self.phase = next;
        return next;
      }
      pub view fn is(p: Phase) -> bool { return self.phase == p; }
      pub fn consts() -> (u64, u64, string) { return (STEP * 3, BASE, GREETING); }
    }`),
  );

  it("loops with break and continue", () => {
    expect(c.ok("oddSum", [10n])).toBe(25n);
    expect(c.ok("oddSum", [1000n])).toBe(625n); // odd numbers up to 49
    expect(c.ok("fullRange")).toBe(32640n); // 0..=255 on a u8 counter does not overflow
    expect(c.ok("countdown", [5n])).toBe(8n);
    expect(c.ok("countdown", [-128n])).toBe(0n);
    expect(c.ok("nested", [6n])).toBe(14n);
    expect(c.ok("withIndex", [["a", "bb", "ccc"]])).toBe(8n);
  });

  it("enums: storage, comparison, checked conversion", () => {
    expect(c.ok("is", [0n])).toBe(true);
    expect(c.ok("advance")).toBe(1n);
    expect(c.ok("advance")).toBe(2n);
    expect(c.ok("is", [2n])).toBe(true);
    c.panics("advance", [], 0x21);
    c.panics("is", [3n], 0x21);
  });

  it("inlines constants", () => {
    expect(c.ok("consts")).toEqual([300n, 1000n, "hi"]);
  });
});
