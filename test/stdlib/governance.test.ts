// std::governance's Committee on the in-memory chain: FISCO's voting rules
// (participation and win rates over weighted governors), one open proposal
// per resource, revocation, deadlines, and a passed system-config proposal
// carried out on /sys/status. Also reached from another contract through
// the `Governance` interface.
import { describe, expect, it } from "vitest";
import { TestChain } from "../../runtime/index.ts";

const OPEN = 1n;
const PASSED = 2n;
const REJECTED = 3n;
const REVOKED = 4n;
const OUTDATED = 5n;

const USER = `
use std::governance::{Governance};
use std::system::{SystemStatus, STATUS, TX_COUNT_LIMIT};

/// Makes proposals through the Governance interface and reads the chain's configuration.
contract Delegate {
    pub fn proposeLimit(committee: address, value: string) -> u64 {
        return Governance(committee).proposeSysConfig(TX_COUNT_LIMIT, value, 100);
    }

    pub view fn status(committee: address, id: u64) -> u8 {
        return Governance(committee).proposalStatus(id);
    }

    pub view fn txCountLimit() -> string {
        let (value, _since) = SystemStatus(STATUS as address).getValueByKey(TX_COUNT_LIMIT);
        return value;
    }
}
`;

describe("std::governance Committee", () => {
  const setup = async () => {
    const chain = await TestChain.create();
    const committee = await chain.deploySource({ "main.weft": USER }, "Committee", [], { from: "alice" });
    return { chain, committee, a: chain.accounts as Record<string, string> };
  };
  /** The proposal id a propose… call returned. */
  const idOf = (r: { value: unknown }) => r.value as bigint;

  /** alice, bob and carol with weight 1 each; participation and win rates 51%. */
  const threeGovernors = async () => {
    const s = await setup();
    const { committee, a } = s;
    for (const who of [a.bob, a.carol]) expect((await committee.send("proposeGovernor", [who, 1, 10], { from: "alice" })).ok).toBe(true);
    expect((await committee.send("proposeRates", [51, 51, 10], { from: "alice" })).ok).toBe(true);
    expect(await committee.call("rules")).toEqual([3n, 51n, 51n]);
    return s;
  };

  it("starts with the deployer as the one governor and rates 0, so its proposals pass at once", async () => {
    const { committee, a } = await setup();
    expect(await committee.call("weightOf", [a.alice])).toBe(1n);
    expect(await committee.call("rules")).toEqual([1n, 0n, 0n]);
    const r = await committee.send("proposeGovernor", [a.bob, 2, 10], { from: "alice" });
    expect(r.ok, r.message).toBe(true);
    expect(r.events.map((e) => e.name)).toEqual(["ProposalCreated", "Voted", "ProposalDecided"]);
    expect(await committee.call("proposalStatus", [idOf(r)])).toBe(PASSED);
    expect(await committee.call("weightOf", [a.bob])).toBe(2n);
    expect(await committee.call("rules")).toEqual([3n, 0n, 0n]);
    // weight 0 removes a governor
    await committee.send("proposeGovernor", [a.bob, 0, 10], { from: "alice" });
    expect(await committee.call("weightOf", [a.bob])).toBe(0n);
    expect(await committee.call("rules")).toEqual([1n, 0n, 0n]);
  });

  it("keeps a proposal open until enough weight voted, then passes or rejects it by the win rate", async () => {
    const { committee, a } = await threeGovernors();
    const r = await committee.send("proposeGovernor", [a.dave, 1, 10], { from: "bob" });
    const id = idOf(r);
    expect(await committee.call("proposalStatus", [id])).toBe(OPEN); // 1·100 < 3·51
    expect((await committee.send("vote", [id, true], { from: "carol" })).ok).toBe(true); // 2·100 ≥ 153, 2·100 ≥ 51·2
    expect(await committee.call("proposalStatus", [id])).toBe(PASSED);
    expect(await committee.call("weightOf", [a.dave])).toBe(1n);

    const no = idOf(await committee.send("proposeGovernor", [a.erin, 5, 10], { from: "bob" }));
    await committee.send("vote", [no, false], { from: "alice" });
    expect(await committee.call("proposalStatus", [no])).toBe(OPEN); // 2·100 < 4·51
    await committee.send("vote", [no, false], { from: "carol" }); // agree 1·100 < 51·3
    expect(await committee.call("proposalStatus", [no])).toBe(REJECTED);
    expect(await committee.call("weightOf", [a.erin])).toBe(0n);
  });

  it("refuses non-governors, double votes, a second open proposal for one resource, and revocation by others", async () => {
    const { committee, a } = await threeGovernors();
    expect((await committee.send("proposeGovernor", [a.dave, 1, 10], { from: "dave" })).revert).toMatchObject({ name: "NotGovernor", args: { who: a.dave } });
    const id = idOf(await committee.send("proposeGovernor", [a.dave, 1, 10], { from: "alice" }));
    expect((await committee.send("vote", [id, true], { from: "alice" })).revert).toMatchObject({ name: "AlreadyVoted" });
    expect((await committee.send("proposeGovernor", [a.dave, 3, 10], { from: "bob" })).revert).toMatchObject({ name: "ProposalPending", args: { kind: 1n, open: id } });
    expect((await committee.send("revoke", [id], { from: "bob" })).revert).toMatchObject({ name: "NotProposer" });
    expect((await committee.send("revoke", [id], { from: "alice" })).ok).toBe(true);
    expect(await committee.call("proposalStatus", [id])).toBe(REVOKED);
    expect((await committee.send("vote", [id, true], { from: "bob" })).revert).toMatchObject({ name: "ProposalClosed", args: { status: REVOKED } });
    const alone = await setup();
    expect((await alone.committee.send("proposeGovernor", [alone.a.alice, 0, 10], { from: "alice" })).revert).toMatchObject({ name: "LastGovernor" });
    expect((await committee.send("proposeRates", [101, 50, 10], { from: "alice" })).revert).toMatchObject({ name: "InvalidRate", args: { rate: 101n } });
  });

  it("outdates a proposal voted on after its deadline, and lets a new one for the same resource replace it", async () => {
    const { committee, a } = await threeGovernors();
    const id = idOf(await committee.send("proposeGovernor", [a.dave, 1, 1], { from: "alice" }));
    await committee.send("weightOf", [a.dave]); // two more blocks
    await committee.send("weightOf", [a.dave]);
    const late = await committee.send("vote", [id, true], { from: "bob" });
    expect(late.ok).toBe(true);
    expect(late.events.map((e) => e.name)).toEqual(["ProposalDecided"]);
    expect(await committee.call("proposalStatus", [id])).toBe(OUTDATED);
    expect(await committee.call("weightOf", [a.dave])).toBe(0n);
    const again = idOf(await committee.send("proposeGovernor", [a.dave, 1, 1], { from: "alice" }));
    await committee.send("weightOf", [a.dave]);
    await committee.send("weightOf", [a.dave]);
    const replaced = await committee.send("proposeGovernor", [a.dave, 2, 10], { from: "bob" }); // the open one is past its deadline
    expect(replaced.ok, replaced.message).toBe(true);
    expect(await committee.call("proposalStatus", [again])).toBe(OUTDATED);
  });

  it("carries out a passed system-config proposal on /sys/status, made through the Governance interface", async () => {
    const { chain, committee } = await threeGovernors();
    const delegate = await chain.deploySource({ "main.weft": USER }, "Delegate", [], { from: "alice" });
    // the delegate contract must be a governor to propose
    const admit = idOf(await committee.send("proposeGovernor", [delegate.address, 1, 10], { from: "alice" }));
    await committee.send("vote", [admit, true], { from: "bob" });
    const id = (await delegate.send("proposeLimit", [committee.address, "700"], { from: "carol" })).value as bigint;
    expect(await delegate.call("status", [committee.address, id])).toBe(OPEN);
    expect((await committee.send("vote", [id, true], { from: "bob" })).ok).toBe(true); // 2·100 < 4·51: still open
    expect(await delegate.call("status", [committee.address, id])).toBe(OPEN);
    // carol's vote would decide it, but /sys/status takes changes only from the chain's governors (alice): the vote reverts whole
    const refused = await committee.send("vote", [id, true], { from: "carol" });
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain("only a governor");
    expect(await delegate.call("status", [committee.address, id])).toBe(OPEN);
    // alice, a governor of the chain, casts the deciding vote
    const r = await committee.send("vote", [id, true], { from: "alice" });
    expect(r.ok, r.message).toBe(true);
    expect(await delegate.call("status", [committee.address, id])).toBe(PASSED);
    await committee.send("weightOf", [chain.accounts.alice!]); // the value applies from the next block
    expect(await delegate.call("txCountLimit")).toBe("700");
  });
});
