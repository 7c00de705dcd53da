// `weft <command> [options]`: dispatch only. Each command lives in
// commands/ and owns its options and help text.
import { UsageError, EXIT_USAGE, processIo, type Io } from "./usage.ts";
import type { Command } from "./commands/command.ts";
import { buildCommand } from "./commands/build.ts";
import { checkCommand } from "./commands/check.ts";

export const commands: Command[] = [buildCommand, checkCommand];

function topHelp(): string {
  const rows = commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join("\n");
  return `weft — the Weft contract toolchain

Usage: weft <command> [options]

Commands:
${rows}

Run \`weft <command> --help\` for a command's options.
`;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(topHelp());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version") {
    io.out("weft 0.1.0\n");
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  try {
    if (!cmd) throw new UsageError(`unknown command \`${name}\``);
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const help = cmd ? `weft ${cmd.name} --help` : "weft --help";
      io.err(`error: ${e.message}\n(see \`${help}\`)\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
