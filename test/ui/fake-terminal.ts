/**
 * A fake terminal for whole live sessions: stdout that records every write, stdin that takes key
 * presses, and a clock that only moves when told to (ink's render options take the streams).
 */
import { EventEmitter } from 'node:events';
import type { Clock } from '../../src/ui/use-playback.js';

export class FakeStdout extends EventEmitter {
  columns = 100;
  rows = 30;
  isTTY = true;
  written = '';
  writes: string[] = [];
  write = (s: string): boolean => {
    this.written += s;
    this.writes.push(s);
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  setRawMode(): void {}
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  press(s: string): void {
    this.data = s;
    this.emit('readable');
    this.emit('data', s);
  }
}

/** A clock that only moves when told to; `tick()` fires the interval once, 100 ms later. */
export function manualClock() {
  let now = 0;
  const timers = new Map<number, () => void>();
  let ids = 0;
  let ticks = 0;
  const clock: Clock = {
    now: () => now,
    setInterval: (fn) => {
      timers.set(++ids, fn);
      return ids;
    },
    clearInterval: (h) => void timers.delete(h as number),
  };
  return {
    clock,
    armed: () => timers.size > 0,
    /** How many ticks were fired. */
    ticks: () => ticks,
    tick(): void {
      ticks++;
      now += 100;
      for (const fn of [...timers.values()]) fn();
    },
  };
}

export const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
// eslint-disable-next-line no-control-regex
export const plain = (s: string): string => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/** Runs a session to its end, tick after tick, until the promise settles; `between(n)` runs after n ticks. */
export async function drive<R>(session: Promise<R>, c: ReturnType<typeof manualClock>, between: (tick: number) => void = () => {}): Promise<R> {
  let result: R | undefined;
  void session.then((r) => (result = r));
  for (let tick = 0; result === undefined && tick < 200; tick++) {
    await settle();
    if (!c.armed()) continue;
    between(tick);
    await settle();
    c.tick();
  }
  await settle();
  if (result === undefined) throw new Error('the live session did not finish');
  return result;
}

export function streams() {
  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const opts = { terminal: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: new FakeStdout() as unknown as NodeJS.WriteStream } };
  return { stdout, stdin, opts };
}
