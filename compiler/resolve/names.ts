// Looking names up: plain value names (locals, items, built-ins), paths
// (`Side::Buy`, `Token::Order`, `std::math::MAX`) and the built-in members
// `msg.sender`, `block.number`, `abi.encode`, `self.x`. Unknown names get a
// "did you mean" help and a machine-applicable fix.
import type * as ast from "../syntax/ast.ts";
import { closestMatch, type Fix } from "../diagnostics/index.ts";
import type { ContractInfo, EnvName } from "../types/model.ts";
import type { ResolveContext } from "./context.ts";
import type { BuiltinFnName, EnvRoot, ItemSymbol, Resolution } from "./resolved.ts";
import type { Scope } from "./scopes.ts";
import { modulePath } from "./paths.ts";

export const BUILTIN_FNS: readonly BuiltinFnName[] = ["require", "assert", "hash", "keccak256", "sm3", "sha256", "truncate"];
export const ENV_ROOTS: readonly EnvRoot[] = ["msg", "tx", "block", "abi"];

/** The members each built-in root has, and what they denote. */
const ENV_MEMBERS: Record<EnvRoot, Record<string, Resolution>> = {
  msg: { sender: { kind: "env", name: "msg.sender" } },
  tx: { origin: { kind: "env", name: "tx.origin" } },
  block: { number: { kind: "env", name: "block.number" }, timestamp: { kind: "env", name: "block.timestamp" } },
  abi: { encode: { kind: "abi", name: "abi.encode" }, decode: { kind: "abi", name: "abi.decode" } },
};

function replaceFix(span: ast.Span, replacement: string): Fix {
  return { title: `replace with \`${replacement}\``, span, replacement };
}

/** A name in a value position (expression, callee, emit target). */
export function lookupValue(ctx: ResolveContext, scope: Scope, ident: ast.Ident): Resolution {
  const e = scope.lookup(ident.name);
  if (e) {
    if (e.kind === "local") return { kind: "local", local: e.local };
    if (e.symbol.kind === "state") {
      const fixed = `self.${ident.name}`;
      ctx.report("E0211", ident.span, `\`${ident.name}\` is a state variable and is reached through \`self\``, {
        label: `write \`${fixed}\``,
        secondary: [{ span: e.declSpan, message: "state variable declared here" }],
        help: `write \`${fixed}\``,
        fixes: [{ title: `replace with \`${fixed}\``, span: ident.span, replacement: fixed }],
      });
    }
    return e.symbol;
  }
  if ((BUILTIN_FNS as readonly string[]).includes(ident.name)) return { kind: "builtin", name: ident.name as BuiltinFnName };
  if ((ENV_ROOTS as readonly string[]).includes(ident.name)) return { kind: "envRoot", name: ident.name as EnvRoot };
  reportUnknownValue(ctx, scope, ident);
  return { kind: "unresolved" };
}

function reportUnknownValue(ctx: ResolveContext, scope: Scope, ident: ast.Ident): void {
  const candidates = [...scope.visibleNames(), ...BUILTIN_FNS, ...ENV_ROOTS];
  const guess = closestMatch(ident.name, candidates);
  if (guess) {
    const entry = scope.lookup(guess);
    const isState = entry?.kind === "item" && entry.symbol.kind === "state";
    const replacement = isState ? `self.${guess}` : guess;
    ctx.report("E0200", ident.span, `cannot find \`${ident.name}\` in this scope`, {
      label: "not found",
      secondary: entry ? [{ span: entry.declSpan, message: `\`${guess}\` declared here` }] : [],
      help: `did you mean \`${replacement}\`?`,
      fixes: [replaceFix(ident.span, replacement)],
    });
  } else {
    ctx.report("E0200", ident.span, `cannot find \`${ident.name}\` in this scope`, { label: "not found" });
  }
}

/** `msg.sender`, `block.timestamp`, `abi.encode`, … */
export function lookupEnvMember(ctx: ResolveContext, root: EnvRoot, member: ast.Ident): Resolution {
  const table = ENV_MEMBERS[root];
  const r = table[member.name];
  if (r) return r;
  const names = Object.keys(table);
  const guess = closestMatch(member.name, names);
  ctx.report("E0213", member.span, `\`${root}\` has no member \`${member.name}\``, {
    label: "unknown member",
    help: guess ? `did you mean \`${root}.${guess}\`?` : `\`${root}\` has: ${names.map((n) => `\`${root}.${n}\``).join(", ")}`,
    fixes: guess ? [replaceFix(member.span, guess)] : [],
  });
  return { kind: "unresolved" };
}

/** `self.x`: a state variable, a function of the contract, or `self.address`. */
export function lookupSelfMember(ctx: ResolveContext, contract: ContractInfo | null, contractScope: Scope | null, member: ast.Ident): Resolution {
  if (member.name === "address") return { kind: "env", name: "self.address" satisfies EnvName };
  if (!contract || !contractScope) return { kind: "unresolved" };
  const e = contractScope.own(member.name);
  if (e && e.kind === "item" && (e.symbol.kind === "state" || e.symbol.kind === "fn")) return e.symbol;
  const names = contractScope
    .ownEntries()
    .filter(([, x]) => x.kind === "item" && (x.symbol.kind === "state" || x.symbol.kind === "fn"))
    .map(([n]) => n);
  const guess = closestMatch(member.name, [...names, "address"]);
  const other = e && e.kind === "item" ? ` (${describe(e.symbol)} is not reached through \`self\`)` : "";
  ctx.report("E0212", member.span, `contract \`${contract.name}\` has no state variable or function \`${member.name}\`${other}`, {
    label: "not found in `self`",
    help: guess ? `did you mean \`self.${guess}\`?` : e ? `write \`${member.name}\` without \`self.\`` : [],
    fixes: guess ? [replaceFix(member.span, guess)] : [],
  });
  return { kind: "unresolved" };
}

/** A short description of a declaration for messages: "struct `Order`". */
export function describe(sym: ItemSymbol | Resolution): string {
  switch (sym.kind) {
    case "contract":
      return `contract \`${sym.info.name}\``;
    case "interface":
      return `interface \`${sym.info.name}\``;
    case "struct":
      return `struct \`${sym.info.name}\``;
    case "enum":
      return `enum \`${sym.info.name}\``;
    case "event":
      return `event \`${sym.info.name}\``;
    case "error":
      return `error \`${sym.info.name}\``;
    case "const":
      return `constant \`${sym.info.name}\``;
    case "fn":
      return `function \`${sym.info.name}\``;
    case "state":
      return `state variable \`${sym.info.name}\``;
    case "local":
      return `variable \`${sym.local.name}\``;
    case "enumVariant":
      return `variant \`${sym.info.name}::${sym.info.variants[sym.index]}\``;
    case "builtin":
      return `built-in function \`${sym.name}\``;
    case "envRoot":
      return `built-in \`${sym.name}\``;
    case "env":
    case "abi":
      return `\`${sym.name}\``;
    case "unresolved":
      return "an unresolved name";
  }
}

/**
 * A path of two or more segments: an optional module prefix (`std::math`),
 * then an item, then members of contracts (`Token::Order`) and enums
 * (`Side::Buy`). Returns null after reporting when a segment is unknown.
 */
export function resolvePath(ctx: ResolveContext, scope: Scope, segments: readonly ast.Ident[], what: "type" | "value"): Resolution | null {
  const unknownCode = what === "type" ? "E0201" : "E0200";
  let i = 0;
  let current: Resolution | null = null;
  // A module prefix: the longest `a::b` with a source `a/b.weft`.
  for (let k = segments.length - 1; k >= 1 && !current; k--) {
    const file = ctx.fileByPath.get(modulePath(segments.slice(0, k).map((s) => s.name)));
    if (!file) continue;
    const seg = segments[k]!;
    const e = file.items.own(seg.name);
    if (!e || e.kind !== "item") {
      const guess = closestMatch(seg.name, file.items.ownEntries().map(([n]) => n));
      ctx.report(unknownCode, seg.span, `module \`${segments.slice(0, k).map((s) => s.name).join("::")}\` declares no \`${seg.name}\``, {
        help: guess ? `did you mean \`${guess}\`?` : [],
        fixes: guess ? [replaceFix(seg.span, guess)] : [],
      });
      return null;
    }
    current = e.symbol;
    i = k + 1;
  }
  if (!current) {
    const first = segments[0]!;
    const e = scope.lookup(first.name);
    if (!e || e.kind !== "item") {
      const guess = closestMatch(first.name, scope.visibleNames((x) => x.kind === "item"));
      ctx.report(unknownCode, first.span, `cannot find \`${first.name}\` in this scope`, {
        label: "not found",
        help: guess ? `did you mean \`${guess}\`?` : [],
        fixes: guess ? [replaceFix(first.span, guess)] : [],
      });
      return null;
    }
    current = e.symbol;
    i = 1;
  }
  for (; i < segments.length; i++) {
    const seg = segments[i]!;
    const next = memberOfItem(ctx, current!, seg);
    if (!next) return null;
    current = next;
  }
  return current;
}

/** `Side::Buy` (a variant) or `Token::Order` (a declaration inside a contract). */
function memberOfItem(ctx: ResolveContext, owner: Resolution, seg: ast.Ident): Resolution | null {
  if (owner.kind === "enum") {
    const index = owner.info.variants.indexOf(seg.name);
    if (index >= 0) return { kind: "enumVariant", info: owner.info, index };
    const guess = closestMatch(seg.name, owner.info.variants);
    ctx.report("E0215", seg.span, `enum \`${owner.info.name}\` has no variant \`${seg.name}\``, {
      label: "unknown variant",
      secondary: [{ span: owner.info.decl.name.span, message: `enum \`${owner.info.name}\` declared here` }],
      help: guess ? `did you mean \`${owner.info.name}::${guess}\`?` : `its variants are ${owner.info.variants.map((v) => `\`${v}\``).join(", ")}`,
      fixes: guess ? [replaceFix(seg.span, guess)] : [],
    });
    return null;
  }
  if (owner.kind === "contract") {
    const scope = ctx.contractScopes.get(owner.info);
    const e = scope?.own(seg.name);
    if (e && e.kind === "item" && e.symbol.kind !== "state" && e.symbol.kind !== "fn") return e.symbol;
    const names = (scope?.ownEntries() ?? [])
      .filter(([, x]) => x.kind === "item" && x.symbol.kind !== "state" && x.symbol.kind !== "fn")
      .map(([n]) => n);
    const guess = closestMatch(seg.name, names);
    ctx.report("E0215", seg.span, `contract \`${owner.info.name}\` declares no type, constant, event or error \`${seg.name}\``, {
      help: guess ? `did you mean \`${owner.info.name}::${guess}\`?` : [],
      fixes: guess ? [replaceFix(seg.span, guess)] : [],
    });
    return null;
  }
  ctx.report("E0215", seg.span, `${describe(owner)} has no members reachable with \`::\``, {
    help: "`::` reaches enum variants (`Side::Buy`) and declarations inside a contract (`Token::Order`)",
  });
  return null;
}
