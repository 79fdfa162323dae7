/** Lint's setting aside of unsimulated features (src/scenario/prune.ts): paths and step prefixes. */
import { describe, expect, it } from 'vitest';
import { pathSegments, stepPrefix } from '../../src/scenario/prune.js';

describe('prune paths', () => {
  it('reads a YAML path as keys and indices', () => {
    expect(pathSegments('spec.strategy.canary.steps[1].experiment')).toEqual(['spec', 'strategy', 'canary', 'steps', 1, 'experiment']);
    expect(pathSegments('spec.args[10].valueFrom.secretKeyRef')).toEqual(['spec', 'args', 10, 'valueFrom', 'secretKeyRef']);
    expect(pathSegments('')).toEqual([]);
  });
  it('finds the canary step holding a node, and nothing outside canary steps', () => {
    expect(stepPrefix(['spec', 'strategy', 'canary', 'steps', 1, 'experiment'])).toEqual(['spec', 'strategy', 'canary', 'steps', 1]);
    expect(stepPrefix(['spec', 'strategy', 'canary', 'steps', 0])).toEqual(['spec', 'strategy', 'canary', 'steps', 0]);
    expect(stepPrefix(['spec', 'metrics', 0, 'provider', 'steps'])).toBeUndefined();
  });
});
