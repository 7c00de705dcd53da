// Usage errors: a bad argument never throws past main(); it prints what was
// wrong and how to get help, and exits with code 2.
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string = "",
  ) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_DIAGNOSTICS = 1;
export const EXIT_USAGE = 2;

/** What commands write to; tests pass buffers, the binary passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a colour terminal. */
  color: boolean;
  cwd: string;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
  cwd: process.cwd(),
};
