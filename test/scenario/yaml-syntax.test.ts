/**
 * A YAML mistake is reported first and alone (no follow-on "AnalysisTemplate not found"), in
 * plain words, at the mistake's line and column, with the YAML path of where it sits.
 */
import { describe, expect, it } from 'vitest';
import { formatLoadError, loadScenarioSources, loadScenarioText } from '../../src/scenario/index.js';
import { parseAllDocuments } from 'yaml';
import { diagnoseSyntax, flowPath } from '../../src/scenario/yaml-syntax.js';
import { GOOD, withLine } from './yaml-mistakes.fixture.js';

const report = (text: string): string[] => {
  const r = loadScenarioText(text, 'x.yaml');
  return r.ok ? [] : r.errors.map(formatLoadError);
};

describe('YAML mistakes, one error each, in plain words', () => {
  it('the fixture itself loads', () => {
    expect(loadScenarioText(GOOD, 'x.yaml').ok).toBe(true);
  });

  const cases: [string, string, string][] = [
    ['a tab before a list item', withLine(21, '\t- pause: {duration: 1m}'),
      'x.yaml:21:1: spec.strategy.canary.steps[1]: a tab character cannot indent YAML; use spaces (replace the tab with spaces; most editors can insert spaces for the Tab key)'],
    ['a tab after spaces', withLine(6, '  \treplicas: 4'),
      'x.yaml:6:3: spec.replicas: a tab character cannot indent YAML; use spaces (replace the tab with spaces; most editors can insert spaces for the Tab key)'],
    ['a tab in the AnalysisTemplate (once reported as "AnalysisTemplate not found" first)', withLine(36, '\tcount: 2'),
      'x.yaml:36:1: spec.metrics[0].count: a tab character cannot indent YAML; use spaces (replace the tab with spaces; most editors can insert spaces for the Tab key)'],
    ['a key indented more than its siblings', withLine(7, '    selector:'),
      'x.yaml:7:5: spec.selector: this line is indented more than its siblings (line it up with "replicas" on line 6, column 3, or end the line above with ":" to nest it there)'],
    ['a key indented less than its siblings', withLine(19, '     steps:'),
      'x.yaml:19:6: spec.strategy.canary.steps: this line is indented less than its siblings (line it up with "maxSurge" on line 18, column 7)'],
    ['a list item indented more than the others', withLine(22, '          - analysis:'),
      'x.yaml:22:11: spec.strategy.canary.steps[2]: this line is indented more than its siblings (line it up with the list item on line 21, column 9, or end the line above with ":" to nest it there)'],
    ['a list item indented less than the others', withLine(25, '      - setWeight: 60'),
      'x.yaml:25:7: spec.strategy.canary.steps[3]: this line is indented less than its siblings (line it up with the list item on line 22, column 9)'],
    ['a key with its value but no colon', withLine(6, '  replicas 4'),
      'x.yaml:6:11: spec.replicas: a key is missing its ":" (write "replicas: 4")'],
    ['a key alone without its colon', withLine(18, '      maxSurge'),
      'x.yaml:18:15: spec.strategy.canary.maxSurge: a key is missing its ":" (write "maxSurge:")'],
    ['a missing colon in the Scenario', withLine(48, '  duration 10m'),
      'x.yaml:48:11: spec.duration: a key is missing its ":" (write "duration: 10m")'],
    ['an unclosed double quote that runs on to a later quote', withLine(37, '      successCondition: "result[0] < 0.05'),
      'x.yaml:37:25: spec.metrics[0].successCondition: unclosed quote: this "…" string has no closing " (end the string with " on line 37: as written it runs on to line 39)'],
    ['an unclosed single quote', withLine(37, "      successCondition: 'result[0] < 0.05"),
      "x.yaml:37:25: spec.metrics[0].successCondition: unclosed quote: this '…' string has no closing ' (end the string with ' on line 37; a ' inside it is written '')"],
    ['an unclosed bracket', withLine(8, '    matchLabels: [app, agent'),
      'x.yaml:8:18: spec.selector.matchLabels: unclosed "[": this list has no closing "]" (end the list with "]")'],
    ['an unclosed brace', withLine(8, '    matchLabels: {app: agent'),
      'x.yaml:8:18: spec.selector.matchLabels: unclosed "{": this map has no closing "}" (end the map with "}")'],
    ['a bracket closed by a brace', withLine(22, '        - pause: {duration: [1m}'),
      'x.yaml:22:29: spec.strategy.canary.steps[2].pause.duration: unclosed "[": this list has no closing "]" (end the list with "]")'],
    ['a duplicate key', withLine(7, '  replicas: 5\n  selector:'),
      'x.yaml:7:3: spec.replicas: duplicate key "replicas" (the first is on line 6; YAML keys must be unique)'],
    ['"-setWeight" without its space, first item', withLine(20, '        -setWeight: 20'),
      'x.yaml:20:9: spec.strategy.canary.steps[0]: a list item needs a space after "-" (write "- setWeight: 20")'],
    ['"-setWeight" without its space, after a nested list', withLine(25, '        -setWeight: 60'),
      'x.yaml:25:9: spec.strategy.canary.steps[3]: a list item needs a space after "-" (write "- setWeight: 60")'],
    ['a list item among keys', withLine(7, '  - selector:'),
      'x.yaml:7:3: spec: a list item ("- ") where a key is expected (spec holds keys here ("replicas" on line 6); a list goes under a key that ends with ":")'],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    expect(report(text)).toEqual([want]);
  });

  it('a Helm template says to render it first, at its first "{{"', () => {
    expect(report(withLine(15, "          image: {{ .Values.repo }}-agent:v2"))).toEqual([
      'x.yaml:15:18: spec.template.spec.containers[0].image: a Helm template ("{{ … }}") is not YAML (render the chart first (helm template NAME CHART > rendered.yaml) and simulate the rendered manifests)',
    ]);
  });

  it('one error per file: two broken files in a folder give one each, in file order', () => {
    const r = loadScenarioSources([{ file: 'a.yaml', text: withLine(6, '\treplicas: 4') }, { file: 'b.yaml', text: 'x: [1\n' }]);
    expect(r.ok ? [] : r.errors.map(formatLoadError)).toEqual([
      'a.yaml:6:1: spec.replicas: a tab character cannot indent YAML; use spaces (replace the tab with spaces; most editors can insert spaces for the Tab key)',
      'b.yaml:1:4: x: unclosed "[": this list has no closing "]" (end the list with "]")',
    ]);
  });

  it('a valid multi-line string and a block scalar above the mistake are not taken for it', () => {
    const above = withLine(40, '          query: "sum(rate(http_requests_total{code=\\"500\\"}[1m]))\n            / 2"\n      notes: |\n        -o: x\n        \tindented: by a tab inside a block scalar');
    expect(above.split('\n').indexOf('  duration: 10m')).toBe(49);
    expect(report(above.replace('  duration: 10m', '  duration 10m'))).toEqual(['x.yaml:50:11: spec.duration: a key is missing its ":" (write "duration: 10m")']);
  });
});

describe('input the yaml library cannot take', () => {
  it('flow nesting deep enough to overflow its stack is bad input, not a crash', () => {
    expect(report(`a: ${'['.repeat(20000)}\n`)).toEqual(['x.yaml:1:1: the YAML nests too deeply to read (no manifest nests more than 64 levels)']);
  });

  it('a 50 000-character key missing its colon is not quoted back in the path', () => {
    expect(report(`a: 1\nb${'"'.repeat(50000)}\n  c: 1\n`)).toEqual(['x.yaml:2:50002: a key is missing its ":"']);
  });
});

describe('diagnoseSyntax', () => {
  it('relocates the library\'s error (at the value on line 2) to the over-indented line 3', () => {
    const t = 'spec:\n  replicas: 2\n    selector: x\n';
    const e = parseAllDocuments(t)[0]?.errors[0];
    expect(e?.linePos?.[0]).toEqual({ line: 2, col: 13 });
    expect(diagnoseSyntax(t, e as NonNullable<typeof e>, 0)).toEqual({
      offset: 24, path: 'spec.selector', message: 'this line is indented more than its siblings',
      suggestion: 'line it up with "replicas" on line 2, column 3, or end the line above with ":" to nest it there',
    });
  });
});

describe('flowPath', () => {
  it('follows keys and indexes through flow collections opened on the line', () => {
    expect(flowPath('spec', 'traffic: {rps:')).toBe('spec.traffic.rps');
    expect(flowPath('', 'args: [a, {name: b, value:')).toBe('args[1].value');
    expect(flowPath('x', 'a: {b: 1, c: [1, 2], d:')).toBe('x.a.d');
    expect(flowPath('x', '')).toBe('x');
  });
});
