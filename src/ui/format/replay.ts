/**
 * How to replay a live run: the command line, and the operator key presses (recorded in the
 * trace as OperatorAction with their sim times) as a `spec.operator` snippet. Pure.
 */
import type { OperatorActionName } from '../../model/scenario.js';
import { formatDuration, type Ms } from '../../model/time.js';
import type { RunContext } from '../state/context.js';

/**
 * `endedAt` is where the run stopped (earlier than `until` when `q` ended it). The spec.operator
 * snippet appears only when `pressed` (an operator key was pressed): actions the Scenario scripts
 * itself are in its file already, and replay as they are. The snippet lists every action, the
 * scripted ones too, since it replaces the Scenario's list.
 *
 * Example: a run of scenarios/x.yaml (seed 7) with `p` pressed at 1m40s →
 * ['Replay: simulate run scenarios/x.yaml --seed 7, with the Scenario\'s spec.operator set to',
 *  '  operator:', '    - {at: 1m40s, action: promote}']; no key pressed → one line, '… (same inputs, same run)'.
 */
export function replayLines(ctx: RunContext, actions: readonly { readonly t: Ms; readonly action: OperatorActionName }[], endedAt: Ms = ctx.until, pressed = true): string[] {
  const flags = [
    `--seed ${ctx.seed}`,
    ...(ctx.multipleWorkloads ? [`--rollout ${ctx.rollout}`] : []),
    ...(endedAt !== ctx.duration ? [`--until ${formatDuration(endedAt)}`] : []),
  ];
  const command = `simulate run ${ctx.file} ${flags.join(' ')}`;
  if (actions.length === 0 || !pressed) return [`Replay: ${command} (same inputs, same run)`];
  return [
    `Replay: ${command}, with the Scenario's spec.operator set to`,
    '  operator:',
    ...actions.map((a) => `    - {at: ${formatDuration(a.t)}, action: ${a.action}}`),
  ];
}

/**
 * The compare view's replay command (operator keys are off there, so there is never a snippet):
 * the file, the seed, the raced workloads when the command named them, and where playback
 * stopped. The reassurance is left off when it would make the command wrap.
 * Example: (ctx of flagship, seed 7, no --strategies, ran to the end, 120 columns) →
 * 'Replay: simulate compare scenarios/flagship.yaml --seed 7 (same inputs, same run)'.
 */
export function compareReplayLine(ctx: RunContext, o: { readonly strategies?: readonly string[] | undefined; readonly endedAt: Ms; readonly width: number }): string {
  const flags = [
    `--seed ${ctx.seed}`,
    ...(o.strategies !== undefined ? [`--strategies ${o.strategies.join(',')}`] : []),
    ...(o.endedAt !== ctx.duration ? [`--until ${formatDuration(o.endedAt)}`] : []),
  ];
  const command = `Replay: simulate compare ${ctx.file} ${flags.join(' ')}`;
  const whole = `${command} (same inputs, same run)`;
  return whole.length <= o.width ? whole : command;
}
