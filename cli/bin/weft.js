#!/usr/bin/env node
// The `weft` command. The sources are TypeScript run through tsx's loader, so
// no build step stands between a checkout and a working CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../main.ts");
process.exitCode = await main(process.argv.slice(2));
