/**
 * How to replay a live run: the command line, and the operator key presses (recorded in the
 * trace as OperatorAction with their sim times) as a `spec.operator` snippet. Pure.
 */
import type { OperatorActionName } from '../../model/scenario.js';
import { formatDuration, type Ms } from '../../model/time.js';
import type { RunContext } from '../state/context.js';

/**
 * `endedAt` is where the run stopped (earlier than `until` when `q` ended it).
 *
 * Example: a run of scenarios/x.yaml (seed 7) with `p` pressed at 1m40s →
 * ['Replay: simulate run scenarios/x.yaml --seed 7, with the Scenario\'s spec.operator set to',
 *  '  operator:', '    - {at: 1m40s, action: promote}'].
 */
export function replayLines(ctx: RunContext, actions: readonly { readonly t: Ms; readonly action: OperatorActionName }[], endedAt: Ms = ctx.until): string[] {
  const flags = [
    `--seed ${ctx.seed}`,
    ...(ctx.multipleWorkloads ? [`--rollout ${ctx.rollout}`] : []),
    ...(endedAt !== ctx.duration ? [`--until ${formatDuration(endedAt)}`] : []),
  ];
  const command = `simulate run ${ctx.file} ${flags.join(' ')}`;
  if (actions.length === 0) return [`Replay: ${command} (same inputs, same run)`];
  return [
    `Replay: ${command}, with the Scenario's spec.operator set to`,
    '  operator:',
    ...actions.map((a) => `    - {at: ${formatDuration(a.t)}, action: ${a.action}}`),
  ];
}
