/**
 * The keys of the live views, in one place: playback keys change the playback, `q` ends the run,
 * Ctrl+C unmounts the app at once (the terminal restored) with the result INTERRUPTED, and operator keys go to `onOperator` (absent in `compare`, where they are off).
 * Active only when stdin is a terminal in raw mode.
 */
import { useApp, useInput, useStdin } from 'ink';
import type { OperatorActionName } from '../model/scenario.js';
import { keyCommand } from './keys.js';
import { asError } from './use-playback.js';
import type { PlaybackChange } from './state/playback.js';

export interface KeyTarget {
  done(): boolean;
  quit(): void;
}

/** What a live view's exit resolves with after Ctrl+C (live.tsx turns it into exit status 130). */
export const INTERRUPTED = 'interrupted';

/** Returns whether keys are live (the key help is shown only then). */
export function useKeys(
  ticker: KeyTarget,
  onPlayback: (change: PlaybackChange) => void,
  onOperator?: (action: OperatorActionName) => void,
): boolean {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  useInput(
    (input, key) => {
      const cmd = keyCommand(input, key);
      if (cmd?.kind === 'interrupt') return exit(INTERRUPTED);
      if (cmd === undefined || ticker.done()) return;
      // Each can run the simulation on (an operator action, finishing on quit): see usePlayback.
      try {
        if (cmd.kind === 'quit') ticker.quit();
        else if (cmd.kind === 'playback') onPlayback(cmd.change);
        else onOperator?.(cmd.action);
      } catch (err) {
        exit(asError(err));
      }
    },
    { isActive: isRawModeSupported === true },
  );
  return isRawModeSupported === true;
}
