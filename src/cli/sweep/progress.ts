/**
 * Sweep progress on stderr: on a terminal a bar redrawn in place with seeds/s and the ETA; piped
 * (a log, CI, a Kubernetes pod) a plain line at every tenth, no escape codes. Wall-clock figures
 * only ever go here, never into the result.
 */
import { formatDuration } from '../../model/time.js';

export interface Progress {
  tick(done: number): void;
  end(): void;
}

/** Example (piped, 1000 tasks, 40 s in): 'sweep: 500/1000 runs · 12.5/s · ETA 40s'. */
export function createProgress(total: number, o: { write: (s: string) => void; tty: boolean; clock: () => number; unit: string }): Progress {
  const started = o.clock();
  let lastDraw = -Infinity;
  let lastTenth = 0;
  const text = (done: number): string => {
    const secs = (o.clock() - started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? formatDuration(Math.round((total - done) / rate) * 1000) : '—';
    return `${done}/${total} ${o.unit} · ${rate.toFixed(1)}/s · ${done === total ? `took ${formatDuration(Math.round(secs) * 1000)}` : `ETA ${eta}`}`;
  };
  return {
    tick(done) {
      if (o.tty) {
        const now = o.clock();
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round((done / Math.max(1, total)) * width);
        o.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text(done)}`);
        return;
      }
      const tenth = Math.floor((done * 10) / Math.max(1, total));
      if (tenth > lastTenth) {
        lastTenth = tenth;
        o.write(`sweep: ${text(done)}\n`);
      }
    },
    end() {
      if (o.tty) o.write('\n');
    },
  };
}
