/**
 * Every row of the oracle CSV (replica counts produced by Argo's own Go algorithm, §3.4 of
 * argo-semantics.md) must be reproduced exactly: resolved fence-posts, target, first reconcile,
 * fixed point, number of scale actions and the full trajectory.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTrajectory, simulateBasicCanaryScaling } from '../../src/controller/replica-math.js';
import type { IntOrPercent } from '../../src/controller/replica-math.js';
import { ORACLES } from '../helpers/oracles.js';

const csvPath = path.join(ORACLES, 'argo/oracle-canary-replicas.csv');

const EXPECTED_HEADER = [
  'scenario', 'replicas', 'weight', 'maxSurge', 'maxUnavailable', 'resolvedMaxSurge', 'resolvedMaxUnavailable',
  'startCanary', 'startStable', 'targetCanary', 'targetStable', 'firstReconcileCanary', 'firstReconcileStable',
  'finalCanary', 'finalStable', 'scalingActions', 'trajectory_canary:stable',
];

type Row = Record<string, string>;

function loadRows(): Row[] {
  if (!existsSync(csvPath)) {
    throw new Error(`oracle CSV not found at ${csvPath} — the replica math cannot be verified without it`);
  }
  const lines = readFileSync(csvPath, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [headerLine, ...dataLines] = lines;
  if (headerLine === undefined) throw new Error(`oracle CSV ${csvPath} is empty`);
  const header = headerLine.split(',');
  expect(header).toEqual(EXPECTED_HEADER);
  return dataLines.map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`oracle CSV line ${i + 2}: ${cells.length} cells, want ${header.length}`);
    return Object.fromEntries(header.map((name, j) => [name, cells[j] ?? '']));
  });
}

function cell(row: Row, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`missing column ${name}`);
  return value;
}

const int = (row: Row, name: string): number => {
  const text = cell(row, name);
  if (!/^\d+$/.test(text)) throw new Error(`column ${name}: not an integer: ${text}`);
  return Number(text);
};

/** The CSV writes fence-posts as in YAML: `25%` is a string, bare `0`/`1` are integers (§3.4). */
const intOrPercent = (row: Row, name: string): IntOrPercent => {
  const text = cell(row, name);
  return /^\d+$/.test(text) ? Number(text) : text;
};

const rows = loadRows();

function label(row: Row): string {
  return `${cell(row, 'scenario')} R=${cell(row, 'replicas')} W=${cell(row, 'weight')} ` +
    `maxSurge=${cell(row, 'maxSurge')} maxUnavailable=${cell(row, 'maxUnavailable')} ` +
    `from ${cell(row, 'startCanary')}:${cell(row, 'startStable')}`;
}

describe('oracle-canary-replicas.csv (Argo Go output)', () => {
  it('has the 1 232 data rows §3.4 describes', () => {
    expect(rows).toHaveLength(1232);
  });

  it.each(rows.map((row) => [label(row), row] as const))('%s', (_name, row) => {
    const result = simulateBasicCanaryScaling({
      replicas: int(row, 'replicas'),
      setWeight: int(row, 'weight'),
      maxSurge: intOrPercent(row, 'maxSurge'),
      maxUnavailable: intOrPercent(row, 'maxUnavailable'),
      startCanary: int(row, 'startCanary'),
      startStable: int(row, 'startStable'),
    });
    expect({
      resolved: [result.maxSurge, result.maxUnavailable],
      target: result.target,
      firstReconcile: result.firstReconcile,
      final: result.final,
      scalingActions: result.scalingActions,
      trajectory: formatTrajectory(result.trajectory),
    }).toEqual({
      resolved: [int(row, 'resolvedMaxSurge'), int(row, 'resolvedMaxUnavailable')],
      target: { canary: int(row, 'targetCanary'), stable: int(row, 'targetStable') },
      firstReconcile: { canary: int(row, 'firstReconcileCanary'), stable: int(row, 'firstReconcileStable') },
      final: { canary: int(row, 'finalCanary'), stable: int(row, 'finalStable') },
      scalingActions: int(row, 'scalingActions'),
      trajectory: cell(row, 'trajectory_canary:stable'),
    });
  });
});
