/**
 * A fixed pool of worker threads for one sweep. Hand-written rather than tinypool or piscina: a
 * sweep is one batch of uniform tasks for one command's lifetime, each worth tens of milliseconds,
 * so what those libraries add (idle timeouts, task queues with limits, abort signals, resizing,
 * transfer lists, per-task worker files) goes unused, while this is ~80 lines with no dependency
 * for every user to install and no library loader to point at our bundled worker file.
 *
 * Each worker is given the tasks one at a time with one more queued behind it (so it never waits
 * for the main thread between tasks); results come back in whatever order the threads finish,
 * and the caller stores them by task number, so the output never depends on that order.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerReply } from './protocol.js';
import { WorkLimitError } from '../../model/work-limit.js';

/** The worker entry beside this module: dist/cli/sweep/ after tsc, dist/bundle/ in the bundle (rolldown.config.mjs). */
const WORKER_URL = new URL('./sweep-worker.js', import.meta.url);

/** Tasks each worker holds at once: the one it runs and the next. */
const IN_FLIGHT = 2;

/**
 * Runs tasks from … to - 1 (task numbers) on `size` threads; `onResult` gets each task's encoded record.
 * Rejects on the first internal error a worker reports (bad input was checked before). A task
 * past a work limit stops the feeding; once the tasks in flight are back, it rejects with the
 * limit of the earliest task that met one. Tasks go out in order, so that is the task one thread
 * would have stopped at: the error names the same seed for any worker count.
 */
export function runPool(size: number, init: WorkerInit, from: number, to: number, onResult: (task: number, record: unknown) => void): Promise<void> {
  const total = to - from;
  if (!existsSync(fileURLToPath(WORKER_URL))) {
    return Promise.reject(new Error(`the sweep worker ${fileURLToPath(WORKER_URL)} is not built: run npm run build (or use --workers 1)`));
  }
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    let replies = 0;
    let limit: { index: number; error: WorkLimitError } | undefined;
    const workers: Worker[] = [];
    const stop = (err?: Error): void => {
      if (failed) return;
      for (const w of workers) void w.terminate();
      if (err !== undefined) {
        failed = true;
        reject(err);
      } else resolve();
    };
    const feed = (w: Worker): void => {
      if (limit === undefined && next < total) w.postMessage(from + next++);
    };
    if (total <= 0) return resolve();
    for (let i = 0; i < Math.min(size, total); i++) {
      const w = new Worker(WORKER_URL, { workerData: init });
      workers.push(w);
      w.on('message', (m: WorkerReply) => {
        replies++;
        if (!('error' in m)) {
          onResult(m.task, m.record);
          done++;
        } else if (m.limit === undefined) return stop(new Error(`sweep worker: ${m.error}`));
        else {
          const index = m.limit.task - from;
          if (limit === undefined || index < limit.index) limit = { index, error: new WorkLimitError(m.error) };
        }
        // `next` is then the number sent: every reply is in once it is reached.
        if (limit !== undefined) return replies === next ? stop(limit.error) : undefined;
        if (done === total) stop();
        else feed(w);
      });
      w.on('error', (err) => stop(err));
      w.on('exit', (code) => {
        if (code !== 0 && done < total) stop(new Error(`sweep worker exited with code ${code}`));
      });
      for (let j = 0; j < IN_FLIGHT; j++) feed(w);
    }
  });
}
