/**
 * Bookkeeping of the synthetic test jobs (the `job` metric provider's Jobs): each job's progress,
 * and cancelling one when Argo deletes its Job (the AnalysisRun was terminated).
 */
import type { Pod } from './pods.js';
import { SYNTHETIC, type RequestPool } from './requests.js';
import type { SyntheticJob } from './world-types.js';

export class SyntheticJobs {
  private readonly jobs: SyntheticJob[] = [];

  constructor(private readonly pool: RequestPool) {}

  /** A new job of `cases` cases; returns its id. */
  create(cases: number): number {
    return this.jobs.push({ total: cases, done: 0, failed: 0, unreachable: 0, sent: 0, cancelled: false }) - 1;
  }

  get(id: number): SyntheticJob {
    const job = this.jobs[id];
    if (job === undefined) throw new Error(`unknown synthetic job ${id}`);
    return job;
  }

  /** Request `r` starts service at its pod: a synthetic case is sent now. */
  onServiceStart(r: number): void {
    if (this.pool.kind[r] === SYNTHETIC) this.get(this.pool.job[r] as number).sent++;
  }

  /** Synthetic case `r` is done; a cancelled job no longer counts its cases. */
  onFinished(r: number, failed: boolean): void {
    const job = this.get(this.pool.job[r] as number);
    if (job.cancelled) return;
    job.done++;
    if (failed) job.failed++;
  }

  /**
   * Deletes the job: cases still waiting for a slot at a pod are never sent (and free their
   * slots); cases already being served finish at the app, which has the work in hand.
   * Example: 200 cases on 10 pods × 4 slots, cancelled at once → 40 sent, 160 dropped.
   */
  cancel(id: number, pods: readonly Pod[]): void {
    const job = this.get(id);
    if (job.cancelled) return;
    job.cancelled = true;
    const pool = this.pool;
    for (const pod of pods) {
      if (pod.queue.length === 0) continue;
      const dropped = pod.queue.removeWhere((r) => pool.kind[r] === SYNTHETIC && pool.job[r] === id);
      for (const r of dropped) pool.release(r);
    }
  }
}
