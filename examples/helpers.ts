// Shared by the example tests: load an example's source and deploy it on a
// fresh in-memory chain.
import { readFileSync } from "node:fs";
import { TestChain, type Contract } from "../runtime/index.ts";
import type { Crypto } from "../compiler/index.ts";

export function exampleSource(file: string): string {
  return readFileSync(new URL(`./${file}`, import.meta.url), "utf8");
}

export async function deployExample(
  file: string,
  contract: string,
  args: (chain: TestChain) => unknown[],
  crypto: Crypto = "keccak",
): Promise<{ chain: TestChain; c: Contract }> {
  const chain = await TestChain.create({ crypto });
  const c = await chain.deploySource({ [`examples/${file}`]: exampleSource(file) }, contract, args(chain), { from: "alice" });
  return { chain, c };
}
