#!/bin/sh
# Manual acceptance check (not part of npm test): runs the Weft language
# server inside a real editor — Neovim, headless, with its built-in LSP
# client set up as docs/editors.md describes — on a file with an error, and
# prints the diagnostics, a hover, a definition location and the completion
# after `self.` it received.
#
#   lsp/vscode/check-neovim.sh            # server: npx weft lsp --stdio
#   WEFT_CHECK_CMD="weft lsp --stdio" lsp/vscode/check-neovim.sh
#
# Needs nvim (Debian: apt-get install -y neovim). Exits 0 when all four
# answers arrived.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if ! command -v nvim >/dev/null 2>&1; then
  echo "check-neovim.sh: nvim is not installed (Debian: apt-get install -y neovim)" >&2
  exit 2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/counter.weft" <<'WEFT'
/// A counter anyone can bump.
contract Counter {
    state count: u64;

    /// Adds `by` to the count and returns the new count.
    pub fn bump(by: u64) -> u64 {
        self.count = self.count + by;
        return self.count + missing;
    }

    pub fn twice() -> u64 {
        return self.bump(2);
    }
}
WEFT
echo "nvim: $(nvim --version | head -n 1)"
WEFT_CHECK_FILE="$dir/counter.weft" WEFT_CHECK_CWD="$repo" WEFT_CHECK_CMD="${WEFT_CHECK_CMD:-npx weft lsp --stdio}" \
  nvim --headless --clean --cmd "let g:do_filetype_lua = 1" -c "luafile $here/check-neovim.lua"
