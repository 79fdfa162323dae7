/** Bounded work (issue 14 item 3): a race costs its requests times the workloads raced; one input file has a size limit. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sim } from './harness.js';

const deployment = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: a, image: "a:v2"}]}
---
`;

describe('compare: the request cap counts every workload raced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'race-'));
  const file = join(dir, 'race.yaml');
  // 2 000 rps for 3 h is 21.6 M requests: under the 50 M cap alone, over it raced three times.
  writeFileSync(file, `${deployment('a')}${deployment('b')}${deployment('c')}apiVersion: rollout-sim/v1alpha1
kind: Scenario
spec: {duration: 3h, traffic: {rps: 2000}, agent: {image: "a:v1"}, compare: [a, b, c]}
`);

  it('three workloads over the cap: exit 2 naming the total and the way out, before simulating', async () => {
    const r = await sim(['compare', file, '--output', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: racing 3 workloads on about 21,600,000 requests each is 64,800,000 simulated requests, above the cap of 50,000,000: race fewer (--strategies), or lower spec.traffic.rps or spec.duration\n');
    // The same file run as `run` (spec.compare races) is held to the same budget.
    expect((await sim(['run', file, '--output', 'json'])).code).toBe(2);
  });
});

describe('inputs: one file at most 256 MB', () => {
  it('a 300 MB dataset is refused from its size, before it is read (a sparse file: no disk used)', async () => {
    const { closeSync, ftruncateSync, openSync, rmSync } = await import('node:fs');
    const file = join(mkdtempSync(join(tmpdir(), 'huge-')), 'huge.om');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 300 * 2 ** 20);
    closeSync(fd);
    const r = await sim(['query', file, 'up']);
    rmSync(file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: cannot read ${file}: the file is 300 MB, above the 256 MB limit of one input file: select a time range (promtool tsdb dump --min-time/--max-time) or fewer series\n`);
  });
});
