// Lexical scopes: a chain from the innermost block through the function, the
// contract, the file's own items, its imports, to the built-ins. Each entry
// remembers where its name was declared (for "declared here" labels) and,
// for imported names, the import that brought it (to find unused imports).
import type { Span } from "../syntax/ast.ts";
import type { LocalInfo } from "../types/model.ts";
import type { ItemSymbol } from "./resolved.ts";

/** An import line (or one name of it) whose use is tracked. */
export interface ImportUse {
  span: Span;
  used: boolean;
}

export type ScopeEntry =
  | { kind: "item"; symbol: ItemSymbol; declSpan: Span; via?: ImportUse }
  | { kind: "local"; local: LocalInfo; declSpan: Span };

export type ScopeKind = "imports" | "file" | "contract" | "fn" | "block";

export class Scope {
  private readonly entries = new Map<string, ScopeEntry>();

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | null,
  ) {}

  /** The entry in this very scope (not its parents). */
  own(name: string): ScopeEntry | undefined {
    return this.entries.get(name);
  }

  /** This scope's own entries, in definition order. */
  ownEntries(): [string, ScopeEntry][] {
    return [...this.entries];
  }

  define(name: string, entry: ScopeEntry): void {
    this.entries.set(name, entry);
  }

  /** Innermost entry for `name`; marks an import as used. */
  lookup(name: string): ScopeEntry | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const e = s.entries.get(name);
      if (e) {
        if (e.kind === "item" && e.via) e.via.used = true;
        return e;
      }
    }
    return undefined;
  }

  /** Every visible name (for "did you mean"), innermost first, optionally filtered. */
  visibleNames(filter: (e: ScopeEntry) => boolean = () => true): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let s: Scope | null = this; s; s = s.parent) {
      for (const [name, e] of s.entries) {
        if (!seen.has(name) && filter(e)) out.push(name);
        seen.add(name);
      }
    }
    return out;
  }
}
