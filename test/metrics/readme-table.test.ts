/** The README's table of exported families is the catalogue's, row for row (they never drift). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueTable } from '../../src/metrics/catalogue-table.js';
import { FAMILIES } from '../../src/metrics/catalogue.js';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

describe('README: Metrics the pods export', () => {
  it('holds the table generated from the catalogue', () => {
    const m = /<!-- metrics-table:[^\n]*-->\n([\s\S]*?)\n<!-- \/metrics-table -->/.exec(readme);
    expect(m?.[1]).toBe(catalogueTable());
  });

  it('has one row per family, and lists every histogram\'s buckets', () => {
    const rows = catalogueTable().split('\n').slice(2);
    expect(rows.map((r) => /`([a-z_]+?)(_\{bucket,sum,count\})?`/.exec(r)?.[1])).toEqual(FAMILIES.map((f) => f.name));
    const flat = readme.replace(/\s+/g, ' ');
    const histograms = FAMILIES.filter((f) => f.type === 'histogram');
    expect(histograms.length).toBe(3);
    for (const f of histograms) expect(flat).toContain(`${f.buckets?.join(', ')} ${f.name.endsWith('milliseconds') ? 'ms' : 's'}`);
  });

  it('comes right after "What is simulated"', () => {
    const heads = [...readme.matchAll(/^## (.+)$/gm)].map((h) => h[1]);
    expect(heads[heads.indexOf('What is simulated') + 1]).toBe('Metrics the pods export');
  });
});
