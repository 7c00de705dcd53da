// Folding ranges over a real server: declarations, blocks, comments, imports.
import { describe, it } from "vitest";
import { expectFolding, useLsp } from "./helpers.ts";

const lsp = useLsp();

describe("folding ranges", () => {
  it("folds contracts, function bodies, nested blocks, comments and import groups", async () => {
    await expectFolding(
      lsp,
      `use std::access::{NotOwner};
use std::access::{Owned};
/* a
   block comment */
/// doc one
/// doc two
contract C {
    pub fn f(a: u64) -> u64 {
        if a > 1 {
            return 1;
        }
        return 0;
    }
}
`,
      [
        [0, 1, "imports"],
        [2, 3, "comment"],
        [4, 5, "comment"],
        [6, 12],
        [7, 11],
        [8, 9],
      ],
    );
  });
});
