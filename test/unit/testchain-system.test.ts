// The test chain has the node's system contracts, so contracts that use them
// can be tested without a node.
import { describe, expect, it } from "vitest";
import { TestChain } from "../../runtime/index.ts";

const source = `
interface CryptoTools {
    fn sm3(data: bytes) -> bytes32;
}
interface SystemConfig {
    fn getValueByKey(key: string) -> (string, i64);
}
contract UsesSystem {
    pub fn digest(data: bytes) -> bytes32 {
        return CryptoTools("/sys/crypto_tools" as address).sm3(data);
    }
    pub fn txLimit() -> string {
        let (value, since) = SystemConfig("/sys/status" as address).getValueByKey("tx_count_limit");
        return value;
    }
}`;

describe("system contracts on the test chain", () => {
  it("a contract calls /sys/crypto_tools and /sys/status", async () => {
    const chain = await TestChain.create();
    const c = await chain.deploySource({ "uses.weft": source }, "UsesSystem", []);
    const d = (await c.call("digest", [new TextEncoder().encode("abc")])) as Uint8Array;
    expect(Buffer.from(d).toString("hex")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    expect(await c.call("txLimit", [])).toBe("1000");
  });
});
