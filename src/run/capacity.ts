/**
 * Whether the pods can carry the traffic at all, as a plain-language note printed before a run (an
 * overloaded run queues without bound and every figure is about that). Pure: from the scenario.
 */
import type { Scenario } from '../model/scenario.js';
import { paramsOf } from '../world/behaviour.js';

/**
 * Busy slots the traffic needs at its peak (rps × mean service seconds) against pods × concurrency.
 * Example: 20 rps of a 900 ms-median, 4 s-p99 agent (mean ≈ 1.10 s) on 4 pods × 4 slots →
 * 'traffic needs about 22 busy slots at its peak but 4 pods × concurrency 4 give 16: …'.
 */
export function capacityNote(scenario: Scenario, replicas: number): string | undefined {
  const rate = scenario.traffic.rate;
  const peak = rate.kind === 'constant' ? rate.rps : rate.kind === 'steps' ? rate.points.reduce((m, p) => Math.max(m, p.rps), 0) : rate.max;
  let mean = 0;
  for (const c of scenario.traffic.cohorts) mean += (c.share * paramsOf(scenario.agent.cohorts[c.name] ?? scenario.agent.base).meanMs) / 1000;
  const needed = peak * mean;
  const slots = replicas * scenario.agent.concurrency;
  if (needed < 0.9 * slots) return undefined;
  return `traffic needs about ${Math.round(needed)} busy slots at its peak but ${replicas} pods × concurrency ${scenario.agent.concurrency} give ${slots}: requests will queue and latency will grow without bound (lower traffic.rps or raise agent.concurrency)`;
}
