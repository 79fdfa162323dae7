import { describe, expect, it } from 'vitest';
import { CONTROL, createEngine, OBSERVE, WORLD } from '../../src/engine/engine.js';
import alea from 'seedrandom/lib/alea.js';
import { createRng } from '../../src/engine/rng.js';

describe('engine ordering', () => {
  it('orders by time, then priority, then scheduling order', () => {
    const engine = createEngine();
    const seen: string[] = [];
    const log = (name: string) => () => seen.push(`${engine.now}:${name}`);
    engine.call(10, WORLD, log('world-a'));
    engine.call(10, OBSERVE, log('scrape'));
    engine.call(10, CONTROL, log('control'));
    engine.call(10, WORLD, log('world-b'));
    engine.call(5, WORLD, log('early'));
    engine.runUntil(100);
    expect(seen).toEqual(['5:early', '10:control', '10:world-a', '10:world-b', '10:scrape']);
    expect(engine.now).toBe(100);
  });

  it('calls each of six handlers with its own events (the first four have call sites of their own, the rest go through the table)', () => {
    const engine = createEngine();
    const seen: string[] = [];
    const kinds = [1, 2, 3, 4, 5, 6].map((h) => engine.register((aux) => seen.push(`${engine.now}:h${h}(${aux})`)));
    expect(kinds).toEqual([1, 2, 3, 4, 5, 6]);
    // Scheduled in reverse, at distinct times: each event must reach its own handler, in time order.
    for (const [i, kind] of [...kinds.entries()].reverse()) engine.schedule(10 * (i + 1), WORLD, kind, 100 + i);
    engine.call(5, CONTROL, () => seen.push(`${engine.now}:call`));
    engine.runUntil(60);
    expect(seen).toEqual(['5:call', '10:h1(100)', '20:h2(101)', '30:h3(102)', '40:h4(103)', '50:h5(104)', '60:h6(105)']);
  });

  it('runs events scheduled during the run, at the same instant, in FIFO order', () => {
    const engine = createEngine();
    const seen: number[] = [];
    const kind = engine.register((aux) => {
      seen.push(aux);
      if (aux < 3) engine.schedule(0, WORLD, kind, aux + 1);
    });
    engine.schedule(7, WORLD, kind, 0);
    engine.schedule(7, WORLD, kind, 10);
    engine.runUntil(7);
    expect(seen).toEqual([0, 10, 1, 2, 3]);
    expect(engine.processed).toBe(5);
  });

  it('runUntil processes events at exactly `until` and none after', () => {
    const engine = createEngine();
    const seen: number[] = [];
    const kind = engine.register((aux) => seen.push(aux));
    engine.schedule(10, WORLD, kind, 1);
    engine.schedule(11, WORLD, kind, 2);
    engine.runUntil(10);
    expect(seen).toEqual([1]);
    expect(engine.peekTime()).toBe(11);
  });

  it('fails loudly on negative delays, the past, fractions and unknown handlers', () => {
    const engine = createEngine();
    const kind = engine.register(() => undefined);
    engine.runUntil(50);
    expect(() => engine.schedule(-1, WORLD, kind, 0)).toThrow(/negative/);
    expect(() => engine.scheduleAt(49, WORLD, kind, 0)).toThrow(/in the past/);
    expect(() => engine.schedule(1.5, WORLD, kind, 0)).toThrow(/integer ms/);
    expect(() => engine.schedule(1, WORLD, 99, 0)).toThrow(/unknown handler/);
    expect(() => engine.runUntil(10)).toThrow(/before now/);
  });

  it('runs each call closure once, also one scheduled from inside another (its freed slot reused)', () => {
    const engine = createEngine();
    const seen: string[] = [];
    const chain = (n: number) => (): void => {
      seen.push(`${engine.now}:${n}`);
      if (n < 3) engine.call(1, CONTROL, chain(n + 1));
    };
    engine.call(0, CONTROL, chain(1));
    engine.call(5, CONTROL, () => seen.push(`${engine.now}:other`));
    engine.runUntil(10);
    expect(seen).toEqual(['0:1', '1:2', '2:3', '5:other']);
    expect(engine.processed).toBe(4);
    // Handler 0 is the closures' own: the first registered handler gets id 1.
    expect(engine.register(() => undefined)).toBe(1);
  });

  it('keeps a total order for many simultaneous events (heap stress)', () => {
    const engine = createEngine();
    const seen: number[] = [];
    const kind = engine.register((aux) => seen.push(aux));
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 97);
    times.forEach((t, i) => engine.schedule(t, WORLD, kind, i));
    engine.runUntil(1000);
    const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i);
    expect(seen).toEqual(expected);
  });
});

describe('named random streams', () => {
  const draw = (seed: number, name: string, n = 5) => {
    const rng = createRng(seed, name);
    return Array.from({ length: n }, () => rng.next());
  };

  it('repeat exactly for the same seed and name', () => {
    expect(draw(7, 'traffic')).toEqual(draw(7, 'traffic'));
  });

  it('differ across names and seeds', () => {
    expect(draw(7, 'traffic')).not.toEqual(draw(7, 'routing'));
    expect(draw(7, 'traffic')).not.toEqual(draw(8, 'traffic'));
  });

  it('are independent: drawing from one never shifts another', () => {
    const a = createRng(7, 'traffic');
    const b = createRng(7, 'routing');
    const interleaved: number[] = [];
    for (let i = 0; i < 5; i++) {
      interleaved.push(a.next());
      b.next();
      b.next();
    }
    expect(interleaved).toEqual(draw(7, 'traffic'));
  });

  it("are seedrandom's Alea bit for bit (stepped in a typed array, seeded by seedrandom)", () => {
    for (const [seed, name] of [[1, 'traffic'], [7, 'routing'], [123456, 'names']] as const) {
      const ours = createRng(seed, name);
      const theirs = alea(`${seed}/${name}`);
      const differ: number[] = [];
      for (let i = 0; i < 20_000; i++) if (ours.next() !== theirs()) differ.push(i);
      expect(differ).toEqual([]);
    }
  });

  it('normal() has mean ≈ 0 and sd ≈ 1; exponential() mean ≈ 1', () => {
    const rng = createRng(1, 'stats');
    const n = 100_000;
    let s = 0, s2 = 0, e = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      e += rng.exponential();
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(s2 / n) - 1)).toBeLessThan(0.02);
    expect(Math.abs(e / n - 1)).toBeLessThan(0.02);
  });
});
