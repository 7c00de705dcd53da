#!/usr/bin/env node
// The `weft` command. The sources are TypeScript run through tsx's loader, so
// no build step stands between a checkout and a working CLI. `weft node`
// first starts itself again with V8 heap flags (NODE_HEAP_FLAGS, relaunch.js);
// this process then only waits for it, without loading tsx.
import { needsRelaunch, relaunch } from "./relaunch.js";

if (needsRelaunch()) {
  relaunch();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("../main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
