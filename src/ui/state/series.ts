/**
 * The sparklines' data: per version, points of error rate, p99 and task success taken from each
 * Sample, kept over a sliding window of sim time. Pure.
 */
import type { Ms } from '../../model/time.js';
import type { SampleVersion } from '../../model/events.js';
import type { RunContext } from './context.js';
import { RELEASE, STABLE, type Point, type SampleEvent, type Version, type VersionSeries } from './types.js';

/**
 * Appends a point, replacing one at the same instant, and drops points that fell out of the
 * window (keeping the last one before it, which still holds the window's first cells).
 *
 * Example: push([{t: 0, v: 1}, {t: 5, v: 2}], {t: 20, v: 3}, 10) → [{t: 5, v: 2}, {t: 20, v: 3}].
 */
export function push(points: readonly Point[], p: Point, window: Ms): Point[] {
  const out = points.length > 0 && (points[points.length - 1] as Point).t === p.t ? points.slice(0, -1) : points.slice();
  out.push(p);
  let drop = 0;
  while (drop + 1 < out.length && (out[drop + 1] as Point).t <= p.t - window) drop++;
  return drop === 0 ? out : out.slice(drop);
}

/**
 * Folds one Sample into the per-version series (a version appears once its ReplicaSet exists).
 * Example: a sample at 60 s with the release at 2.1 % errors appends {t: 60000, v: 0.021} to version 1's errorRate.
 */
export function foldSeries(series: readonly VersionSeries[], sample: SampleEvent, ctx: RunContext): VersionSeries[] {
  const out = [...series];
  const window = ctx.window;
  for (const v of sample.versions) {
    // The Rollout's two ReplicaSets only: an Experiment's baseline and canary have series of their own.
    if (v.hash !== ctx.stableHash && v.hash !== ctx.releaseHash) continue;
    const version: Version = v.hash === ctx.stableHash ? STABLE : RELEASE;
    const i = out.findIndex((s) => s.version === version);
    const image = version === STABLE ? ctx.stableImage : ctx.releaseImage;
    const cur: VersionSeries = i >= 0 ? (out[i] as VersionSeries) : { version, image, errorRate: [], p99: [], taskSuccess: [] };
    const next = withSample(cur, v, sample.t, window);
    if (i >= 0) out[i] = next;
    else out.push(next);
  }
  return out.sort((a, b) => a.version - b.version);
}

/** The sparkline draws p99 in seconds (the unit of Prometheus' histogram and of templates' thresholds). */
function withSample(s: VersionSeries, v: SampleVersion, t: Ms, window: Ms): VersionSeries {
  return {
    ...s,
    errorRate: push(s.errorRate, { t, v: v.errorRate }, window),
    p99: push(s.p99, { t, v: v.p99 === null ? null : v.p99 / 1000 }, window),
    taskSuccess: push(s.taskSuccess, { t, v: v.taskSuccess }, window),
  };
}
