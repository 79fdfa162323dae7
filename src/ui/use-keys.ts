/**
 * The keys of the live views, in one place: playback keys change the playback, `q` (or Ctrl+C)
 * ends the run, and operator keys go to `onOperator` (absent in `compare`, where they are off).
 * Active only when stdin is a terminal in raw mode.
 */
import { useInput, useStdin } from 'ink';
import type { OperatorActionName } from '../model/scenario.js';
import { keyCommand } from './keys.js';
import type { PlaybackChange } from './state/playback.js';

export interface KeyTarget {
  done(): boolean;
  quit(): void;
}

/** Returns whether keys are live (the key help is shown only then). */
export function useKeys(
  ticker: KeyTarget,
  onPlayback: (change: PlaybackChange) => void,
  onOperator?: (action: OperatorActionName) => void,
): boolean {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      const cmd = keyCommand(input, key);
      if (cmd === undefined || ticker.done()) return;
      if (cmd.kind === 'quit') ticker.quit();
      else if (cmd.kind === 'playback') onPlayback(cmd.change);
      else onOperator?.(cmd.action);
    },
    { isActive: isRawModeSupported === true },
  );
  return isRawModeSupported === true;
}
