/**
 * `simulate`: the command dispatcher. The only place that touches `process`: it builds the CliIO,
 * maps errors to exit codes (2 for bad input, without a stack trace; 1 for our own bugs).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { closest } from './args.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, UsageError, listDirectory, readTextFile, type CliIO } from './io.js';
import { forTerminal } from './terminal-text.js';
import { DEFAULT_BUILTIN, PACKAGE_ROOT, builtinNames, packageVersion } from './package.js';
import { WorkLimitError } from '../model/work-limit.js';

export const USAGE = `simulate — a deterministic simulator of Argo Rollouts progressive delivery

usage:
  simulate                       the flagship comparison: canary vs blue-green vs Deployment
  simulate FILE|DIR|NAME         same as: simulate run FILE|DIR|NAME
  simulate run FILE              one rollout, start to finish (live on a terminal; text, jsonl, json);
                                 a scenario whose spec.compare lists several runs as compare
  simulate compare FILE          the scenario's strategies side by side on identical traffic
                                 (--seeds N: each strategy's rates over N seeds, with intervals)
  simulate sweep FILE --seeds N  detection and false-rollback rates with 95 % intervals over N seeds
                                 (--vary PATH=V1,V2 a grid; --shard I/N a slice; sweep merge PARTS…)
  simulate query DATASET PROMQL  evaluate PromQL over an OpenMetrics export or promtool dump
  simulate analyze TEMPLATE      run an AnalysisTemplate over recorded data (--dataset) or a result (--result)
  simulate report TRACE -o F.html  the self-contained HTML report of a saved jsonl trace
  simulate lint PATH…            the common mistakes in manifests: files, folders, - for stdin (text, json, sarif)
  simulate check [LESSON|FILE]   grade a lesson's exercise (or a scenario's expect:) over its seeds
  simulate lessons               the course, with your progress; simulate hint LESSON for a hint
  simulate list                  the built-in scenarios (run one by NAME from any directory)
  simulate help COMMAND          help for one command (also: simulate COMMAND --help)
  simulate --version             the version

flags:
  run      --seed N  --output ui|text|json|jsonl  --until DURATION  --rollout NAME  --export-metrics OUT.om  --report F.html  --speed X
  compare  --strategies A,B  --seed N  --output ui|text|json  --until DURATION  --report F.html  --speed X  --seeds N  --workers K
  report   -o FILE.html
  sweep    --seeds N  --seed S  --workers K  --vary PATH=V1,V2,…  --output table|json|csv  --shard I/N  --horizon decision|end  --report F.html
  query    --time T  --output text|json
  analyze  --dataset DATASET | --result JSON  --args k=v  --from T  --to T  --template NAME  --output text|json
  lint     --output text|json|sarif  --fail-on error|warning|never
  check    --seed N  --output text|json  --class DIR [--csv FILE]
  every command: --help, --no-color (also NO_COLOR)`;

const COMMANDS = ['run', 'compare', 'sweep', 'report', 'query', 'analyze', 'lint', 'check', 'lessons', 'hint', 'list', 'help'];

export async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  // Each command loads only what it needs (PromQL's grammar, the analysis engine, ...): start-up counts.
  const compareCommand = async (a: string[], o: CliIO) => (await import('./commands/compare.js')).compareCommand(a, o);
  const runCommand = async (a: string[], o: CliIO) => (await import('./commands/run.js')).runCommand(a, o);
  const sweepCommand = async (a: string[], o: CliIO) => (await import('./sweep/command.js')).sweepCommand(a, o);
  const reportCommand = async (a: string[], o: CliIO) => (await import('./commands/report.js')).reportCommand(a, o);
  const runQuery = async (a: string[], o: CliIO) => (await import('./commands/query.js')).runQuery(a, o);
  const analyzeCommand = async (a: string[], o: CliIO) => (await import('./commands/analyze.js')).analyzeCommand(a, o);
  const lintCommand = async (a: string[], o: CliIO) => (await import('./commands/lint.js')).lintCommand(a, o);
  const checkCommand = async (a: string[], o: CliIO) => (await import('./commands/check.js')).checkCommand(a, o);
  const lessons = async () => import('./commands/lessons.js');
  const listCommand = async (a: string[], o: CliIO, root: string) => (await import('./commands/list.js')).listCommand(a, o, root);
  try {
    if (command === undefined) return await compareCommand([DEFAULT_BUILTIN], io);
    if (command === '--version') {
      io.stdout(`rollout-sim ${packageVersion()}\n`);
      return EXIT_OK;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      const topic = rest[0];
      if (topic === undefined) {
        io.stdout(USAGE + '\n');
        return EXIT_OK;
      }
      if (!COMMANDS.includes(topic) || topic === 'help') throw unknownCommand(topic);
      return await dispatch([topic, '--help'], io);
    }
    if (command.startsWith('-')) return await compareCommand([DEFAULT_BUILTIN, ...argv], io);
    if (command === 'run') return await runCommand(rest, io);
    if (command === 'compare') return await compareCommand(rest, io);
    if (command === 'sweep') return await sweepCommand(rest, io);
    if (command === 'report') return await reportCommand(rest, io);
    if (command === 'query') return await runQuery(rest, io);
    if (command === 'analyze') return await analyzeCommand(rest, io);
    if (command === 'lint') return await lintCommand(rest, io);
    if (command === 'check') return await checkCommand(rest, io);
    if (command === 'lessons') return (await lessons()).lessonsCommand(rest, io);
    if (command === 'hint') return (await lessons()).hintCommand(rest, io);
    if (command === 'list') return await listCommand(rest, io, PACKAGE_ROOT);
    // `simulate PATH` is `simulate run PATH`: a .yaml name, an existing file or folder, a built-in's name.
    if (/\.ya?ml$/.test(command) || existsSync(command) || builtinNames().includes(command)) return await runCommand(argv, io);
    throw unknownCommand(command);
  } catch (err) {
    if (err instanceof WorkLimitError) {
      io.stderr(`error: ${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof UsageError) {
      // Every bad-input message has one shape; load errors arrive already prefixed, one per line.
      io.stderr(`${err.message.startsWith('error: ') ? '' : 'error: '}${err.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const msg = err instanceof Error ? (io.env.DEBUG ? err.stack ?? err.message : err.message) : String(err);
    io.stderr(`internal error: ${msg}\n(this is a bug in rollout-sim; run with DEBUG=1 for the stack)\n`);
    return EXIT_INTERNAL;
  }
}

function unknownCommand(command: string): UsageError {
  const near = closest(command, COMMANDS.filter((c) => c !== 'help'));
  return new UsageError(`unknown command "${command}"${near ? ` (did you mean "${near}"?)` : ''}\n\n${USAGE}`);
}

/**
 * A reader that went away (`simulate query … | head -c1`) closes the pipe: stop quietly with exit
 * 0, as a pipeline expects of a well-behaved producer, rather than die on EPIPE with a stack. Node
 * ignores SIGPIPE, so the closed pipe shows up as an EPIPE error on the stream: when the write
 * fails at once the stream is destroyed before write() returns (checked after every write, so a
 * long synchronous run stops at its next write), otherwise the 'error' event says so.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_OK);
    throw e;
  });
}

function writeOrStop(stream: NodeJS.WriteStream, s: string): void {
  stream.write(s);
  if (stream.destroyed) process.exit(EXIT_OK);
}

/**
 * All of stdin. Node makes a piped stdin non-blocking once \`process.stdin\` is touched, and
 * readFileSync(0) then fails with EAGAIN whenever the writer is slower than the read (a 100 KB trace
 * piped from cat): /dev/stdin opens the same pipe anew, blocking. Where there is none, fd 0.
 */
function readStdinText(): string {
  try {
    return readFileSync('/dev/stdin', 'utf8');
  } catch {
    return readFileSync(0, 'utf8');
  }
}

export async function main(argv: string[]): Promise<void> {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  const out: string[] = [];
  // Control characters from user data are shown, not obeyed, on a terminal (terminal-text.ts).
  const outText = process.stdout.isTTY === true ? forTerminal : (s: string) => s;
  const errText = process.stderr.isTTY === true ? forTerminal : (s: string) => s;
  const io: CliIO = {
    stdout: (s) => {
      out.push(outText(s));
      if (out.length >= 256) flush();
    },
    stderr: (s) => {
      flush();
      writeOrStop(process.stderr, errText(s));
    },
    readFile: readTextFile,
    writeFile: (path, text) => writeFileSync(path, text),
    readStdin: readStdinText,
    listDir: listDirectory,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    clock: () => Number(process.hrtime.bigint()) / 1e6,
    terminal: { stdout: process.stdout, stdin: process.stdin, stderr: process.stderr },
  };
  function flush(): void {
    if (out.length > 0) writeOrStop(process.stdout, out.join(''));
    out.length = 0;
  }
  const code = await dispatch(argv, io);
  flush();
  process.exitCode = code;
}
