// The committed generated files must equal a fresh, deterministic build.
import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { GENERATED_FILE, KECCAK_FILE, SELECTORS_FILE, buildSupport } from "../../compiler/wasm/support/build.ts";

describe("support build", () => {
  it("is deterministic and the committed generated files are up to date", async () => {
    const first = await buildSupport();
    const second = await buildSupport();
    expect(Buffer.from(second.linked.wasm).equals(Buffer.from(first.linked.wasm))).toBe(true);
    const stale = "stale: run `npx tsx compiler/wasm/support/build.ts` and commit the result";
    expect(await readFile(SELECTORS_FILE, "utf8"), stale).toBe(first.selectorsSource);
    expect(await readFile(KECCAK_FILE, "utf8"), stale).toBe(first.keccakSource);
    expect(await readFile(GENERATED_FILE, "utf8"), stale).toBe(first.generatedSource);
  }, 180_000);
});
