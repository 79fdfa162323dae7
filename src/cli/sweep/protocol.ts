/**
 * What the main thread and a sweep worker say to each other: the worker is given the sweep once
 * (workerData), then task numbers; it answers each with the task's encoded record.
 */
import type { Source } from '../../scenario/index.js';
import type { SweepPlan } from '../../sweep/plan.js';

export interface WorkerInit {
  readonly sources: readonly Source[];
  readonly plan: SweepPlan;
}

/** `limit`: the error is a WorkLimitError of that task (exit 2, its message as it is), not an internal one. */
export type WorkerReply = { readonly task: number; readonly record: unknown } | { readonly error: string; readonly limit?: { readonly task: number } };
