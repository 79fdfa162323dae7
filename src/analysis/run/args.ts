/**
 * Analysis arguments, Argo's way (`BuildArgumentsForRolloutAnalysisRun`, `flattenArgs`,
 * `MergeArgs` in utils/analysis): the Rollout's args are resolved first (`valueFrom`), the
 * templates' args are merged by name, then every template arg the Rollout also names takes the
 * Rollout's value. Rollout args the templates do not declare are ignored.
 */
import type { AnalysisArg } from '../../model/rollout.js';
import type { ResolvedArg } from './types.js';

export type ArgsResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** What a Rollout arg's `valueFrom` can read. */
export interface ArgSources {
  readonly rolloutName: string;
  readonly namespace: string;
  readonly stableHash: string;
  readonly latestHash: string;
  /** The Scenario's `spec.fields`: values of Rollout fields the simulator does not model (`status.…`, labels). */
  readonly fields?: Readonly<Record<string, string>> | undefined;
}

/** Field paths a simulated Rollout can answer (the downward-API style `metadata.*`). */
const FIELD_PATHS: Readonly<Record<string, (s: ArgSources) => string>> = {
  'metadata.name': (s) => s.rolloutName,
  'metadata.namespace': (s) => s.namespace,
};

/**
 * Resolves the Rollout-side args. Argo gives every Rollout arg a value (a missing `value` is
 * the empty string), so a Rollout arg always overrides the template's default.
 *
 * Example: [{name: 'canary-hash', valueFrom: {podTemplateHashValue: 'Latest'}}] with latestHash
 * '7f9c' → [{name: 'canary-hash', value: '7f9c'}]; a `fieldRef` of `status.phase` reads
 * `sources.fields['status.phase']`, and without it is an error naming that fieldPath.
 */
export function resolveRolloutArgs(args: readonly AnalysisArg[], sources: ArgSources): ArgsResult<ResolvedArg[]> {
  const out: ResolvedArg[] = [];
  for (const arg of args) {
    let value = arg.value ?? '';
    const from = arg.valueFrom;
    if (from !== undefined && 'podTemplateHashValue' in from) {
      value = from.podTemplateHashValue === 'Stable' ? sources.stableHash : sources.latestHash;
    } else if (from !== undefined && 'fieldRef' in from) {
      const path = from.fieldRef.fieldPath;
      const read = FIELD_PATHS[path] ?? ((x: ArgSources): string | undefined => x.fields?.[path]);
      const got = read(sources);
      if (got === undefined) {
        return {
          ok: false,
          error: `args.${arg.name}: valueFrom.fieldRef.fieldPath "${path}" is not simulated (supported: ${Object.keys(FIELD_PATHS).join(', ')}, and the paths of the Scenario's spec.fields)`,
        };
      }
      value = got;
    }
    out.push({ name: arg.name, value });
  }
  return { ok: true, value: out };
}

/** A template arg while merging: the value may still be missing. */
export interface TemplateArg {
  readonly name: string;
  readonly value: string | undefined;
}

/**
 * Merges the args of several templates (`flattenArgs`): the same name with two different values
 * is an error; a value is never replaced by a missing one; otherwise the later one wins.
 *
 * Example: [[{name: 'svc', value: undefined}], [{name: 'svc', value: 'api'}]] → [{name: 'svc',
 * value: 'api'}]; [[{name: 'a', value: '1'}], [{name: 'a', value: '2'}]] → error
 * "Argument `a` specified multiple times with different values: '1', '2'".
 */
export function flattenTemplateArgs(lists: readonly (readonly TemplateArg[])[]): ArgsResult<TemplateArg[]> {
  const combined: TemplateArg[] = [];
  for (const list of lists) {
    for (const arg of list) {
      const i = combined.findIndex((a) => a.name === arg.name);
      const prev = i >= 0 ? combined[i] : undefined;
      if (prev === undefined) {
        combined.push(arg);
        continue;
      }
      if (prev.value !== undefined && arg.value !== undefined && prev.value !== arg.value) {
        return {
          ok: false,
          error: `Argument \`${prev.name}\` specified multiple times with different values: '${prev.value}', '${arg.value}'`,
        };
      }
      if (prev.value === undefined) combined[i] = arg;
    }
  }
  return { ok: true, value: combined };
}

/**
 * `MergeArgs`: the template's args, each overridden by the Rollout arg of the same name; any arg
 * left without a value stops the run from being created.
 *
 * Example: template [{name: 'svc', value: undefined}, {name: 'q', value: '0.99'}] with rollout
 * [{name: 'svc', value: 'api'}, {name: 'extra', value: 'x'}] → [{svc: 'api'}, {q: '0.99'}];
 * with no rollout args → error 'args.svc was not resolved'.
 */
export function mergeArgs(rolloutArgs: readonly ResolvedArg[], templateArgs: readonly TemplateArg[]): ArgsResult<ResolvedArg[]> {
  const merged = templateArgs.map((t) => {
    // The last Rollout arg of a name wins, as Argo applies them in order.
    const incoming = [...rolloutArgs].reverse().find((r) => r.name === t.name);
    return { name: t.name, value: incoming !== undefined ? incoming.value : t.value };
  });
  const out: ResolvedArg[] = [];
  for (const arg of merged) {
    if (arg.value === undefined) return { ok: false, error: `args.${arg.name} was not resolved` };
    out.push({ name: arg.name, value: arg.value });
  }
  return { ok: true, value: out };
}
