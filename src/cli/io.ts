/**
 * What a command may touch of the outside world, passed in so commands are testable without a
 * process: output streams, file reads, the environment and whether stdout is a terminal.
 */
import { accessSync, closeSync, constants, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename, dirname, join } from 'node:path';

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
 * are read; text that is not UTF-8 is refused, as Prometheus refuses it (decoding it would turn the
 * bad bytes into U+FFFD and label values would silently change). The thrown message is shown
 * after "cannot read PATH: ".
 */
export function readTextFile(path: string): string {
  const st = statSync(path);
  if (st.isDirectory()) throw new Error('a directory, not a file');
  if (!st.isFile()) throw new Error('not a regular file');
  // Bounded work: a dataset's store takes several times its text in memory (an hour's export of
  // a busy scenario is ~200 MB); past this a run would exhaust the machine before it answered.
  if (st.size > MAX_READ_BYTES) throw new Error(`the file is ${Math.round(st.size / 2 ** 20)} MB, above the ${MAX_READ_BYTES / 2 ** 20} MB limit of one input file: select a time range (promtool tsdb dump --min-time/--max-time) or fewer series`);
  const bytes = readFileSync(path);
  const bad = invalidUtf8Line(bytes);
  if (bad !== undefined) throw new Error(`line ${bad} is not valid UTF-8, and Prometheus refuses text that is not: re-encode the file as UTF-8`);
  return bytes.toString('utf8');
}

/**
 * The first line (1-based) holding bytes that are not UTF-8, or undefined when all are.
 * Example: invalidUtf8Line(Buffer.from('a\nb\xff', 'latin1')) === 2; invalidUtf8Line(Buffer.from('é')) === undefined.
 */
export function invalidUtf8Line(bytes: Buffer): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    if (nl < 0) break;
    start = nl + 1;
  }
  return line;
}

/** Whether `path` is a folder the CLI can list. Example: isDirectory(io, 'k8s') === true. */
export function isDirectory(io: Pick<CliIO, 'listDir'>, path: string): boolean {
  try {
    io.listDir(path);
    return true;
  } catch {
    return false;
  }
}

/** The largest file the CLI reads (a dataset, a template, a lint input). */
export const MAX_READ_BYTES = 256 * 2 ** 20;

/** Exit codes (DESIGN §2). */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_CHECK_FAILED = 3;
/** Ctrl+C in the live view: 128 + SIGINT, what a shell reports for a program Ctrl-C stopped. */
export const EXIT_INTERRUPTED = 130;

/** Bad input the user can fix: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** A file the CLI writes: checked before any work, so a bad path fails fast (exit 2). */
export interface OutputFile {
  write(chunk: string): void;
  /** Puts the finished file in place. */
  close(): void;
  /** Gives up: the temporary file goes, an older file at the path stays as it was. */
  discard(): void;
}

/**
 * Prepares `path` for a flag's output, or throws a UsageError saying why not, in the words a user
 * acts on. The output is written to a temporary file beside it (same directory, so same file
 * system) and renamed over `path` only by close(): an interrupted run (Ctrl-C, a kill) or a failed
 * write (a full disk) leaves any older file intact and no empty or partial one. The temporary file
 * is created now (to prove the directory writable) and removed at once, then created again at
 * the first write: a run killed before its output is written leaves nothing behind.
 * `inputs` are the files the command reads: writing over one of them is refused.
 * Example: openOutput('/nonexistent/x.om', '--export-metrics', []) throws
 * '--export-metrics /nonexistent/x.om: no such directory /nonexistent'.
 */
export function openOutput(path: string, flag: string, inputs: readonly string[] = []): OutputFile {
  const fail = (why: string): never => {
    throw new UsageError(`${flag} ${path}: ${why}`);
  };
  const target = statOrUndefined(path);
  if (target?.isDirectory() === true) fail('a directory, not a file');
  if (target !== undefined && inputs.some((f) => sameFile(statOrUndefined(f), target))) fail('is an input of this command; name another file for the output');
  // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place: renaming over it would
  // replace the device with a plain file.
  const direct = target !== undefined && !target.isFile();
  if (target?.isFile() === true) {
    try {
      accessSync(path, constants.W_OK); // a read-only file stays read-only: no rename around it
    } catch (e) {
      fail(whyNotWritable(path, e as NodeJS.ErrnoException));
    }
  }
  const temp = direct ? path : join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd = -1;
  const open = (): void => {
    try {
      fd = openSync(temp, direct ? 'a' : 'w');
    } catch (e) {
      fail(whyNotWritable(path, e as NodeJS.ErrnoException));
    }
  };
  const discard = (): void => {
    if (fd >= 0) closeSync(fd);
    fd = -1;
    if (direct) return;
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  };
  if (!direct) {
    open();
    discard();
  }
  let buffer = '';
  const flush = (): void => {
    if (fd < 0) open();
    // writeSync may write less than asked: loop until the bytes are out.
    const bytes = Buffer.from(buffer, 'utf8');
    buffer = '';
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    } catch (e) {
      discard();
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
      fd = -1;
      if (direct) return;
      try {
        renameSync(temp, path);
      } catch (e) {
        discard();
        fail(`cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
    discard,
  };
}

/**
 * The files a scenario path stands for: the file itself, or a folder's *.yaml / *.yml files (what
 * the loader reads). Example: scenarioInputs('scenarios/') → ['scenarios/a.yaml', …].
 */
export function scenarioInputs(path: string): string[] {
  if (statOrUndefined(path)?.isDirectory() !== true) return [path];
  return listDirectory(path).filter((f) => /\.ya?ml$/i.test(f)).map((f) => join(path, f));
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The same file on disk (through any link or relative path): same device and inode. */
function sameFile(a: Stats | undefined, b: Stats): boolean {
  return a !== undefined && a.dev === b.dev && a.ino === b.ino;
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
