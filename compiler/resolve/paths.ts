// Source paths as the resolver compares them: forward slashes, no `.`
// segments, `..` folded where possible. Pure string work (no file system):
// the caller hands every source in, the resolver only matches names.

/** `a/./b/../c.weft` → `a/c.weft`; a leading `./` is dropped; leading `..` kept. */
export function normalizePath(path: string): string {
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (seg === ".." && absolute) continue;
    else out.push(seg);
  }
  return (absolute ? "/" : "") + out.join("/");
}

/** The path of `relative` as seen from the file `from` (a file import). */
export function joinRelative(from: string, relative: string): string {
  if (relative.startsWith("/")) return normalizePath(relative);
  const slash = from.lastIndexOf("/");
  const dir = slash < 0 ? "" : from.slice(0, slash + 1);
  return normalizePath(dir + relative);
}

/** `use std::token::…` → `std/token.weft`. */
export function modulePath(segments: readonly string[]): string {
  return segments.join("/") + ".weft";
}
