import { describe, expect, it } from 'vitest';
import { applyVary } from '../../src/sweep/vary-apply.js';
import { cellLabel, grid, parseVary } from '../../src/sweep/vary.js';

const FILE = [
  'apiVersion: argoproj.io/v1alpha1',
  'kind: AnalysisTemplate',
  'metadata: {name: error-rate}',
  'spec:',
  '  metrics:',
  '    - name: error-rate',
  '      successCondition: result[0] < 0.015',
  '      provider:',
  '        prometheus:',
  '          query: |',
  '            sum(rate(x[5m]))',
  '    - name: latency',
  '      successCondition: result[0] < 2',
  '---',
  'kind: Scenario',
  'spec:',
  '  seed: 7 # the seed',
  '  release:',
  '    regressions:',
  '      - {metric: errorRate, cohort: tool-call, to: 6%}',
  '',
].join('\n');
const src = [{ file: 's.yaml', text: FILE }];
const set = (vary: string, i = 0): string => {
  const spec = parseVary(vary);
  return applyVary(src, [{ spec, value: spec.values[i] }])[0]?.text ?? '';
};

describe('--vary paths', () => {
  it('reads a selector, keys, indices and [key=value] items, and YAML values', () => {
    const s = parseVary('AnalysisTemplate/error-rate:spec.metrics[name=latency].successCondition=result[0] < 1,"a,b"');
    expect(s).toMatchObject({ kind: 'AnalysisTemplate', name: 'error-rate', texts: ['result[0] < 1', '"a,b"'], values: ['result[0] < 1', 'a,b'] });
    expect(s.path).toEqual([{ key: 'spec' }, { key: 'metrics' }, { where: 'name', equals: 'latency' }, { key: 'successCondition' }]);
    expect(parseVary('spec.release.regressions[0].to=1%,0.02').values).toEqual(['1%', 0.02]);
    expect(parseVary('Rollout:spec.strategy.canary.steps[0].setWeight=10')).toMatchObject({ kind: 'Rollout', name: undefined, values: [10] });
  });
  it('refuses what is no path or has an empty value', () => {
    expect(() => parseVary('spec.seed')).toThrow('expected PATH=V1,V2,…');
    expect(() => parseVary('spec..seed=1')).toThrow('cannot read the path at "..seed"');
    expect(() => parseVary('spec.seed=1,,2')).toThrow('every value must be non-empty');
  });
  it('makes the grid with the first --vary slowest, and labels its cells', () => {
    const specs = [parseVary('a=1,2'), parseVary('b=x,y,z')];
    expect(grid(specs)).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
    expect(cellLabel(specs, [1, 2])).toBe('a=2, b=z');
  });
});

describe('applying --vary to the sources', () => {
  it('replaces a value in place: every other line and comment stays', () => {
    const out = set('spec.release.regressions[0].to=2%');
    expect(out).toBe(FILE.replace('to: 6%', 'to: "2%"'));
    expect(set('spec.seed=8')).toBe(FILE.replace('seed: 7 #', 'seed: 8 #'));
  });
  it('addresses a named document and a list item by its name, block scalars included', () => {
    expect(set('AnalysisTemplate/error-rate:spec.metrics[name=latency].successCondition=result[0] < 3')).toBe(FILE.replace('result[0] < 2', '"result[0] < 3"'));
    expect(set('AnalysisTemplate:spec.metrics[0].provider.prometheus.query=up')).toBe(FILE.replace('|\n            sum(rate(x[5m]))\n', '"up"\n'));
  });
  it('adds a key the document lacks (the loader then judges it)', () => {
    const out = set('AnalysisTemplate:spec.metrics[0].failureLimit=2');
    expect(out).toContain('failureLimit: 2');
    expect(out).toContain('successCondition: result[0] < 0.015');
  });
  it('names what is there instead of a wrong step, with a suggestion', () => {
    expect(() => set('spec.relase.regressions[0].to=1%')).toThrow('--vary spec.relase.regressions[0].to: spec has no key "relase" (did you mean "release"?); it has seed, release');
    expect(() => set('spec.release.regressions[3].to=1%')).toThrow('spec.release.regressions has 1 item (indices 0…0), not [3]');
    expect(() => set('AnalysisTemplate/error-rat:spec.x=1')).toThrow('no AnalysisTemplate named "error-rat" (did you mean AnalysisTemplate/error-rate?)');
    expect(() => set('Rolout:spec.x=1')).toThrow('no Rolout document');
    expect(() => set('AnalysisTemplate:spec.metrics[name=errors].x=1')).toThrow('has no item with name: errors; it has error-rate, latency');
  });
});
