import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/sweep/progress.js';
import { parseShard } from '../../src/cli/sweep/flags.js';

/** Drives a progress display over 20 tasks, one every 250 ms of a fake clock. */
function drive(tty: boolean): string {
  let now = 0;
  let out = '';
  const p = createProgress(20, { write: (s) => void (out += s), tty, clock: () => now, unit: 'seeds' });
  for (let done = 1; done <= 20; done++) {
    now += 250;
    p.tick(done);
  }
  p.end();
  return out;
}

describe('sweep progress', () => {
  it('piped: a plain line at every tenth, with seeds/s and the ETA, no escape codes', () => {
    const lines = drive(false).trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('sweep: 2/20 seeds · 4.0/s · ETA 5s');
    expect(lines[9]).toBe('sweep: 20/20 seeds · 4.0/s · took 5s');
    expect(drive(false)).not.toContain('\x1b');
  });
  it('on a terminal: a bar redrawn in place', () => {
    const out = drive(true);
    expect(out.startsWith('\r\x1b[K[##')).toBe(true);
    expect(out.endsWith('[##############################] 20/20 seeds · 4.0/s · took 5s\n')).toBe(true);
  });
});

describe('--shard', () => {
  it('reads I/N, and I from JOB_COMPLETION_INDEX when left out', () => {
    expect(parseShard('1/4', {})).toEqual({ index: 1, count: 4 });
    expect(parseShard('/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(parseShard(undefined, {})).toBeUndefined();
    expect(() => parseShard('4/4', {})).toThrow('I must be 0…N-1');
    expect(() => parseShard('1-4', {})).toThrow('--shard must be I/N');
    expect(() => parseShard('/4', { JOB_COMPLETION_INDEX: 'x' })).toThrow('I must be 0…N-1');
  });
});
