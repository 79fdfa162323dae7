/**
 * The live `simulate run`: the reducer's snapshot, real-time playback, and the keys. Thin by
 * design (anti-pattern 1): the simulation runs in the driver, the fold in `reduce()`, the timing
 * in `usePlayback`; this wires them and hands slices to `RunScreen`.
 */
import { useApp } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import type { Driver } from '../driver.js';
import type { RunContext } from '../state/context.js';
import { playing } from '../state/playback.js';
import { initialSnapshot, reduce } from '../state/reduce.js';
import type { Action } from '../state/types.js';
import { ColorContext } from '../theme.js';
import { createTicker, hostClock, usePlayback, type Clock } from '../use-playback.js';
import { useKeys } from '../use-keys.js';
import { useTerminalSize } from '../use-terminal-size.js';
import { RunScreen } from './RunScreen.js';

export interface RunAppProps {
  /** Runs the simulation as playback asks. */
  readonly driver: Driver<Action>;
  /** What the UI knows of the run before its first event. */
  readonly context: RunContext;
  /** Initial playback speed (sim seconds per wall second). */
  readonly speed: number;
  /** Draw in colour; false for `--no-color` / `NO_COLOR`. */
  readonly color: boolean;
  /** The wall clock (tests inject one). @default the host clock */
  readonly clock?: Clock;
}

export function RunApp({ driver, context, speed, color, clock }: RunAppProps) {
  const [snapshot, dispatch] = useReducer(reduce, undefined, () => initialSnapshot(context, playing(speed)));
  const ticker = useMemo(() => createTicker(driver, (actions) => dispatch({ type: 'Batch', actions }), clock ?? hostClock), [driver, clock]);
  usePlayback(ticker, snapshot.playback, clock);
  const { exit } = useApp();
  const size = useTerminalSize();
  const keysLive = useKeys(
    ticker,
    (change) => dispatch({ type: 'Playback', change }),
    (action) => {
      if (driver.send !== undefined) dispatch({ type: 'Batch', actions: [{ type: 'KeyPressed' }, ...driver.send(action)] });
    },
  );

  useEffect(() => {
    if (snapshot.summary !== undefined) exit();
  }, [snapshot.summary, exit]);

  return (
    <ColorContext.Provider value={color}>
      <RunScreen snapshot={snapshot} columns={size.columns} rows={size.rows} color={color} keys={keysLive ? 'run' : 'none'} />
    </ColorContext.Provider>
  );
}
