// std::access on the in-memory chain: a contract with one owner built from
// the std errors and event, and another contract asking it who its owner is
// through the std `Owned` interface.
import { describe, expect, it } from "vitest";
import { TestChain } from "../../runtime/index.ts";

const REGISTRY = `
use std::access::{Owned, NotOwner, InvalidOwner, OwnershipTransferred};

/// A name registry with one owner.
contract Registry {
    state currentOwner: address;
    state entries: map<string, string>;

    init() {
        self.currentOwner = msg.sender;
    }

    pub view fn owner() -> address {
        return self.currentOwner;
    }

    pub fn transferOwnership(next: address) {
        require(msg.sender == self.currentOwner, NotOwner(msg.sender));
        require((next as string).length > 0, InvalidOwner(next));
        emit OwnershipTransferred(self.currentOwner, next);
        self.currentOwner = next;
    }

    pub fn put(key: string, value: string) {
        require(msg.sender == self.currentOwner, NotOwner(msg.sender));
        self.entries[key] = value;
    }
}

/// Asks any Owned contract who owns it, and hands on contracts it owns.
contract Auditor {
    pub view fn ownerOf(target: address) -> address {
        return Owned(target).owner();
    }

    pub fn handOn(target: address, next: address) {
        Owned(target).transferOwnership(next);
    }
}
`;

describe("std::access", () => {
  const setup = async () => {
    const chain = await TestChain.create();
    const registry = await chain.deploySource({ "registry.weft": REGISTRY }, "Registry", [], { from: "alice" });
    const auditor = await chain.deploySource({ "registry.weft": REGISTRY }, "Auditor", [], { from: "alice" });
    return { chain, registry, auditor, a: chain.accounts as Record<string, string> };
  };

  it("refuses a non-owner with NotOwner(caller), decoded from the std declaration", async () => {
    const { registry, a } = await setup();
    const r = await registry.send("put", ["k", "v"], { from: "bob" });
    expect(r.status).toBe(16);
    expect(r.revert).toMatchObject({ kind: "custom", name: "NotOwner", args: { caller: a.bob } });
    const empty = await registry.send("transferOwnership", [""], { from: "alice" });
    expect(empty.revert).toMatchObject({ kind: "custom", name: "InvalidOwner", args: { next: "" } });
  });

  it("hands ownership on with OwnershipTransferred, and Owned(addr) sees it from another contract", async () => {
    const { registry, auditor, a } = await setup();
    expect(await auditor.call("ownerOf", [registry.address])).toBe(a.alice);
    const r = await registry.send("transferOwnership", [auditor.address], { from: "alice" });
    expect(r.ok, r.message).toBe(true);
    expect(r.events.map((e) => e.name)).toEqual(["OwnershipTransferred"]);
    expect(r.events[0]!.topics).toHaveLength(3);
    expect(await auditor.call("ownerOf", [registry.address])).toBe(auditor.address);
    // the auditor now owns the registry, so its typed call passes the owner check
    expect((await auditor.send("handOn", [registry.address, a.carol], { from: "dave" })).ok).toBe(true);
    expect(await auditor.call("ownerOf", [registry.address])).toBe(a.carol);
    expect((await registry.send("put", ["k", "v"], { from: "carol" })).ok).toBe(true);
  });
});
