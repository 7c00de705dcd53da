// Contract paths (FISCO BCOS's BFS): user contracts live under /apps/,
// system contracts under /sys/. A path is absolute, of plain segments.
import { ChainError } from "../chain/errors.ts";

const SEGMENT = /^[A-Za-z0-9_.\-]{1,64}$/;

/** Throws ChainError("BAD_PATH") unless `path` is /apps/<name>[/…] or /sys/<name>. */
export function checkPath(path: string): void {
  const parts = path.split("/");
  const ok =
    path.length <= 256 &&
    parts[0] === "" &&
    (parts[1] === "apps" || parts[1] === "sys") &&
    parts.length >= 3 &&
    parts.slice(2).every((p) => SEGMENT.test(p) && p !== "." && p !== "..");
  if (!ok) throw new ChainError("BAD_PATH", `"${path}" is not a contract path like /apps/token (segments of letters, digits, _ . -)`);
}

export function isSystemPath(path: string): boolean {
  return path.startsWith("/sys/");
}
