/**
 * Traffic helpers for the loader: the validated `rps` value as a model RateProfile, and the
 * expected number of requests it produces over a run (for the documented cap).
 */
import type { RateProfile } from '../model/scenario.js';
import type { Ms } from '../model/time.js';
import type { Rps } from './scenario-schema.js';
import type { Out } from './schema.js';

export type RpsValue = Out<typeof Rps>;

/**
 * Example: toRateProfile(40) gives {kind: 'constant', rps: 40};
 * toRateProfile([{at: 0, rps: 20}]) gives {kind: 'steps', points: [{at: 0, rps: 20}]}.
 */
export function toRateProfile(v: RpsValue): RateProfile {
  if (typeof v === 'number') return { kind: 'constant', rps: v };
  if (Array.isArray(v)) return { kind: 'steps', points: v.map((p) => ({ at: p.at, rps: p.rps })) };
  const d = v.diurnal;
  return { kind: 'diurnal', min: d.min, max: d.max, period: d.period, peakAt: d.peakAt };
}

/**
 * The expected number of requests (the integral of the rate) over [0, duration).
 *
 * Example: expectedRequests({kind: 'constant', rps: 40}, 3_600_000) === 144_000;
 * a diurnal profile over a whole number of periods gives (min + max) / 2 × duration.
 */
export function expectedRequests(rate: RateProfile, duration: Ms): number {
  const seconds = duration / 1000;
  switch (rate.kind) {
    case 'constant':
      return rate.rps * seconds;
    case 'steps':
      return rate.points.reduce((sum, p, i) => {
        const end = Math.min(rate.points[i + 1]?.at ?? duration, duration);
        return p.at >= duration ? sum : sum + (p.rps * Math.max(0, end - p.at)) / 1000;
      }, 0);
    case 'diurnal': {
      const mid = (rate.min + rate.max) / 2;
      const amp = (rate.max - rate.min) / 2;
      const w = (2 * Math.PI) / (rate.period / 1000);
      const peak = rate.peakAt / 1000;
      return mid * seconds + (amp / w) * (Math.sin(w * (seconds - peak)) - Math.sin(w * -peak));
    }
  }
}

/**
 * The stable image a release image implies: same repository, tag `stable`.
 *
 * Example: stableImageFor('registry:5000/team/agent:v2') === 'registry:5000/team/agent:stable';
 * stableImageFor('agent@sha256:ab…') === 'agent:stable'.
 */
export function stableImageFor(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return `${colon > slash ? noDigest.slice(0, colon) : noDigest}:stable`;
}
