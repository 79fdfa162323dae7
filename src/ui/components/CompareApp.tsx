/**
 * The live `simulate compare`: panels folded by `reduceCompare`, one playback for all. Operator
 * keys are off — acting on one panel would break the identical-traffic comparison.
 */
import { useApp } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import type { Driver } from '../driver.js';
import { compareFinished, reduceCompare, type CompareAction } from '../state/compare.js';
import type { RunContext } from '../state/context.js';
import { playing } from '../state/playback.js';
import { initialSnapshot } from '../state/reduce.js';
import { ColorContext } from '../theme.js';
import { createTicker, hostClock, usePlayback, type Clock } from '../use-playback.js';
import { useKeys } from '../use-keys.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { CompareScreen } from './CompareScreen.js';

export interface CompareAppProps {
  /** Runs every panel's simulation on one clock. */
  readonly driver: Driver<CompareAction>;
  /** One context per panel, in panel order. */
  readonly contexts: readonly RunContext[];
  /** Initial playback speed (sim seconds per wall second). */
  readonly speed: number;
  /** Draw in colour; false for `--no-color` / `NO_COLOR`. */
  readonly color: boolean;
  /** The wall clock (tests inject one). @default the host clock */
  readonly clock?: Clock;
  /** The workloads --strategies named (the replay command repeats them). */
  readonly strategies?: readonly string[] | undefined;
}

export function CompareApp({ driver, contexts, speed, color, clock, strategies }: CompareAppProps) {
  const [snapshot, dispatch] = useReducer(reduceCompare, undefined, () => ({
    panels: contexts.map((c) => initialSnapshot(c, playing(speed))),
    playback: playing(speed),
  }));
  const ticker = useMemo(() => createTicker(driver, (actions) => dispatch({ type: 'Batch', actions }), clock ?? hostClock), [driver, clock]);
  usePlayback(ticker, snapshot.playback, clock);
  const { exit } = useApp();
  const size = useTerminalSize();
  // Operator keys are off: acting on one panel would break the identical-traffic comparison.
  const keysLive = useKeys(ticker, (change) => dispatch({ type: 'Playback', change }));

  const finished = compareFinished(snapshot);
  useEffect(() => {
    if (finished) exit();
  }, [finished, exit]);

  return (
    <ColorContext.Provider value={color}>
      <CompareScreen snapshot={snapshot} columns={size.columns} rows={size.rows} color={color} keys={keysLive ? 'compare' : 'none'} strategies={strategies} />
    </ColorContext.Provider>
  );
}
