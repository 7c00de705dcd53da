// `npm start`: compiles the three examples, deploys them on the in-memory
// chain and walks through a day in the life of each, printing what happened.
import { readFileSync } from "node:fs";
import { compile } from "../compiler/index.ts";
import { TestChain, type Contract, type Receipt } from "../runtime/index.ts";
import type { Abi } from "../vm/abi/types.ts";

const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code: number) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint(1);
const green = paint(32);
const red = paint(31);
const dim = paint(2);

const chain = await TestChain.create({ crypto: "keccak" });
const names = new Map(Object.entries(chain.accounts).map(([n, a]) => [a, n]));

function show(v: unknown): string {
  if (typeof v === "bigint") return v.toLocaleString("en-US");
  if (typeof v === "string") return names.get(v) ?? JSON.stringify(v);
  if (v instanceof Uint8Array) return "0x" + Buffer.from(v).toString("hex").slice(0, 12) + "…";
  if (Array.isArray(v)) return `(${v.map(show).join(", ")})`;
  if (v && typeof v === "object") return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${showField(x)}`).join(", ")} }`;
  return String(v);
}

/** An indexed string or address survives in an event only as its hash. */
function showField(v: unknown): string {
  const h = v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 ? (v as { hash?: unknown }).hash : undefined;
  return h instanceof Uint8Array ? "hash " + show(h) : show(v);
}

function failure(r: Receipt): string {
  const rv = r.revert;
  if (rv?.kind === "custom") return `${rv.name}${show(rv.args).replace(/^\{ (.*) \}$/, "($1)")}`;
  return r.message ?? r.statusName;
}

function report(what: string, r: Receipt): Receipt {
  const status = r.ok ? green("ok      ") : red("reverted");
  const gas = dim(`gas ${r.gasUsed.toLocaleString("en-US").padStart(9)}`);
  let line = `   ${what.padEnd(46)} ${status} ${gas}`;
  if (!r.ok) line += `  ${red(failure(r))}`;
  else if (r.value !== undefined) line += `  → ${show(r.value)}`;
  console.log(line);
  for (const e of r.events) console.log(dim(`   ${"".padEnd(46)}   event ${e.name}${show(e.args).replace(/^\{ (.*) \}$/, "($1)")}`));
  return r;
}

async function build(file: string, contract: string): Promise<{ wasm: Uint8Array; abi: Abi }> {
  const source = readFileSync(new URL(`../examples/${file}`, import.meta.url), "utf8");
  const t0 = performance.now();
  const out = compile({ sources: { [`examples/${file}`]: source }, optimize: true, contracts: [contract] });
  const ms = performance.now() - t0;
  const c = out.contracts[0];
  if (!out.ok || !c) throw new Error(`examples/${file} does not compile:\n${out.diagnostics.map((d) => d.message).join("\n")}`);
  console.log(`\n${bold(contract)} ${dim(`(examples/${file})`)}`);
  console.log(`   compiled in ${ms.toFixed(0)} ms: ${c.wasm.length.toLocaleString("en-US")} bytes of Wasm, ${c.abi.length} ABI entries`);
  return { wasm: c.wasm, abi: c.abi as unknown as Abi };
}

async function deploy(file: string, name: string, args: unknown[], from = "alice"): Promise<Contract> {
  const art = await build(file, name);
  const r = await chain.deployRaw({ name, ...art }, (await import("../vm/index.ts")).abi.encodeConstructorArgs(art.abi, args), { from });
  report(`deploy by ${from}`, r);
  if (!r.ok) throw new Error(`deploying ${name} failed: ${r.message}`);
  console.log(`   at ${bold(r.contractAddress!)}`);
  const { Contract } = await import("../runtime/index.ts");
  return new Contract(chain, r.contractAddress!, art.abi, name);
}

const { alice, bob, carol, dave } = chain.accounts as Record<string, string>;
console.log(bold("Weft demo") + ` — an in-memory chain (${chain.crypto}), accounts ${Object.keys(chain.accounts).join(", ")}`);

// --- Token
const token = await deploy("token.weft", "Token", ["Weft Credit", "WFC", 1_000_000n]);
report("alice sends bob 250", await token.send("transfer", [bob, 250n], { from: "alice" }));
report("bob sends carol 1,000 (he has 250)", await token.send("transfer", [carol, 1000n], { from: "bob" }));
report("bob lets carol spend 100 of his", await token.send("approve", [carol, 100n], { from: "bob" }));
report("carol moves 60 from bob to dave", await token.send("transferFrom", [bob, dave, 60n], { from: "carol" }));
report("carol tries 60 more (40 allowed)", await token.send("transferFrom", [bob, dave, 60n], { from: "carol" }));
report("bob mints (not the issuer)", await token.send("mint", [bob, 1n], { from: "bob" }));
report("alice mints 5,000 for dave", await token.send("mint", [dave, 5000n], { from: "alice" }));
for (const n of ["alice", "bob", "carol", "dave"]) report(`balanceOf(${n})`, await chain.sendRaw(token.address, token.encode("balanceOf", [chain.accounts[n]]), {}, false));

// --- Evidence store
const store = await deploy("evidence.weft", "EvidenceStore", [[bob, carol, dave], 2n]);
const contract = new TextEncoder().encode("Sale agreement #2026-114: 40 t of copper, delivery FOB Shanghai");
report("alice files a sale agreement", await store.send("file", [contract, "sale agreement"], { from: "alice" }));
report("alice files it again", await store.send("file", [contract, "again"], { from: "alice" }));
report("verify: filed, not yet attested", await chain.sendRaw(store.address, store.encode("verify", [contract]), {}, false));
report("bob (notary) countersigns", await store.send("sign", [(await store.call("hashAt", [0n])) as Uint8Array], { from: "bob" }));
report("bob countersigns twice", await store.send("sign", [(await store.call("hashAt", [0n])) as Uint8Array], { from: "bob" }));
report("erin (not a notary) signs", await store.send("sign", [(await store.call("hashAt", [0n])) as Uint8Array], { from: "erin" }));
report("dave (notary) countersigns", await store.send("sign", [(await store.call("hashAt", [0n])) as Uint8Array], { from: "dave" }));
report("verify: attested by 2 of 3", await chain.sendRaw(store.address, store.encode("verify", [contract]), {}, false));
report("verify a forged copy", await chain.sendRaw(store.address, store.encode("verify", [new TextEncoder().encode("Sale agreement #2026-114: 4 t of copper")]), {}, false));

// --- Reconciliation
const recon = await deploy("reconciliation.weft", "Reconciliation", [[alice, bob, carol]]);
const day = 20260101n;
report("alice's bank posts 1,200,000 to bob's", await recon.send("post", [bob, 1_200_000n, day, "INV-881"], { from: "alice" }));
report("bob's bank posts 300,000 to carol's", await recon.send("post", [carol, 300_000n, day, "INV-882"], { from: "bob" }));
report("carol's bank posts 50,000 to alice's", await recon.send("post", [alice, 50_000n, day, "INV-883"], { from: "carol" }));
report("operator tries to close the day", await recon.send("closeDay", [day], { from: "alice" }));
report("bob confirms entry 1", await recon.send("confirm", [1n], { from: "bob" }));
report("alice tries to confirm entry 2 (not hers)", await recon.send("confirm", [2n], { from: "alice" }));
report("carol confirms entry 2", await recon.send("confirm", [2n], { from: "carol" }));
report("alice disputes entry 3", await recon.send("dispute", [3n, "amount should be 5,000"], { from: "alice" }));
report("operator closes the day", await recon.send("closeDay", [day], { from: "alice" }));
for (const n of ["alice", "bob", "carol"]) report(`net position of ${n}'s bank`, await chain.sendRaw(recon.address, recon.encode("position", [day, chain.accounts[n]]), {}, false));

const failed = chain.receipts.filter((r) => !r.ok).length;
console.log(`\n${chain.blockNumber} blocks, ${chain.receipts.length} transactions (${failed} reverted as intended). Nothing left running.`);
