// `weft check` and `weft build` find `use std::…` modules in stdlib/; an
// unknown module is the resolver's E0203 at the `use`.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../cli/main.ts";
import type { Io } from "../../cli/usage.ts";

function run(argv: string[], cwd: string) {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, cwd };
  return main(argv, io).then((code) => ({ code, out, err }));
}

const PAYER = `use std::token::{Fungible};

contract Payer {
    pub fn pay(token: address, to: address, amount: u256) -> bool {
        return Fungible(token).transfer(to, amount);
    }
}
`;

describe("std modules from the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "weft-std-"));
  writeFileSync(join(dir, "payer.weft"), PAYER);
  writeFileSync(join(dir, "missing.weft"), PAYER.replace("std::token", "std::tokens"));

  it("weft check accepts a file that uses std::token", async () => {
    const r = await run(["check", "payer.weft"], dir);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.err).toContain("0 error(s), 0 warning(s)");
  });

  it("weft build compiles it to a module and its ABI", async () => {
    const r = await run(["build", "payer.weft", "-o", "out"], dir);
    expect(r.code, r.err).toBe(0);
    const abi = JSON.parse(readFileSync(join(dir, "out", "Payer.abi.json"), "utf8")) as { name?: string }[];
    expect(abi.map((e) => e.name)).toContain("pay");
    expect(readFileSync(join(dir, "out", "Payer.wasm")).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  });

  it("an unknown std module is E0203 at the use, with exit code 1", async () => {
    const r = await run(["check", "missing.weft", "--json"], dir);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.out) as { code: string; severity: string; message: string }[] | { diagnostics: { code: string }[] };
    const list = Array.isArray(diags) ? diags : diags.diagnostics;
    expect(list[0]!.code).toBe("E0203"); // then E0200 for `Fungible`, which nothing declares
    expect(JSON.stringify(list[0])).toContain("missing.weft");
  });
});
