/**
 * What a command may touch of the outside world, passed in so commands are testable without a
 * process: output streams, file reads, the environment and whether stdout is a terminal.
 */
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

import type { Terminal } from '../ui/terminal.js';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
  /** All of standard input, as text (`simulate lint -`); absent where there is none. */
  readStdin?: () => string;
  /** The names in a folder. */
  listDir(path: string): string[];
  /** Writes a small text file whole (the lessons' progress, a class's CSV); absent where nothing may be written. */
  writeFile?: (path: string, text: string) => void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  /** Monotonic wall milliseconds (only for `SIMULATE_STATS`: never part of any output). */
  clock(): number;
  /** The terminal, when there is one to draw the live view on. */
  terminal?: Terminal;
}

/** The names in a folder, sorted so every listing is the same on every machine. */
export function listDirectory(path: string): string[] {
  return readdirSync(path).sort();
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

/** A file the CLI writes, opened before any work so a bad path fails fast (exit 2). */
export interface OutputFile {
  write(chunk: string): void;
  close(): void;
}

/**
 * Opens (creates or truncates) `path` for a flag's output, or throws a UsageError saying why not,
 * in the words a user acts on. Writes are buffered and synchronous, so a later failure (a full
 * disk) is a UsageError thrown where it happens, never an unhandled stream 'error' event.
 * Example: openOutput('/nonexistent/x.om', '--export-metrics') throws
 * '--export-metrics /nonexistent/x.om: no such directory /nonexistent'.
 */
export function openOutput(path: string, flag: string): OutputFile {
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${path}: ${why}`);
  };
  let fd = -1;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    fail(whyNotWritable(path, e as NodeJS.ErrnoException));
  }
  let buffer = '';
  const flush = (): void => {
    // writeSync may write less than asked (a pipe): loop until the bytes are out.
    const bytes = Buffer.from(buffer, 'utf8');
    buffer = '';
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    } catch (e) {
      closeSync(fd);
      fail(`cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  return {
    write(chunk) {
      buffer += chunk;
      if (buffer.length >= 1 << 16) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

function whyNotWritable(path: string, e: NodeJS.ErrnoException): string {
  const parent = dirname(path);
  switch (e.code) {
    case 'ENOENT': return `no such directory ${parent}`;
    case 'EISDIR': return 'a directory, not a file';
    case 'ENOTDIR': return `${parent} is not a directory`;
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'on a read-only file system';
    default: return `cannot write: ${e.code ?? e.message}`;
  }
}
