/**
 * What a command may touch of the outside world, passed in so commands are testable without a
 * process: output streams, file reads, the environment and whether stdout is a terminal.
 */
import { readFileSync, statSync } from 'node:fs';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

/**
 * The CLI's file reader: a device (/dev/zero, a FIFO) would be read forever, so only regular files
 * are read; the thrown message is shown after "cannot read PATH: ".
 */
export function readTextFile(path: string): string {
  const st = statSync(path);
  if (st.isDirectory()) throw new Error('a directory, not a file');
  if (!st.isFile()) throw new Error('not a regular file');
  return readFileSync(path, 'utf8');
}

/** Exit codes (DESIGN §2). */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_CHECK_FAILED = 3;

/** Bad input the user can fix: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
