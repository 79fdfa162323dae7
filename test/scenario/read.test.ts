/**
 * Reading scenario files from disk: whatever the path names — nothing, a directory, a device, a
 * file too large to be a scenario — the answer is a located load error, at once.
 */
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLoadError, loadScenarioPath } from '../../src/scenario/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-read-'));

function errorOf(path: string): string {
  const r = loadScenarioPath(path);
  if (r.ok) throw new Error('expected a load error');
  return r.errors.map(formatLoadError).join('\n');
}

describe('loadScenarioPath', () => {
  it('a missing path', () => {
    expect(errorOf(join(tmp, 'nope.yaml'))).toMatch(/nope\.yaml:1:1: cannot read: no such file or directory/);
  });

  it('a device such as /dev/zero is refused without reading it (it never ends)', () => {
    expect(errorOf('/dev/zero')).toBe('/dev/zero:1:1: not a regular file or a directory (a scenario is a .yaml file)');
  });

  it('a file larger than any scenario is refused before parsing', () => {
    const big = join(tmp, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 40 * 1024 * 1024);
    expect(errorOf(big)).toMatch(/big\.yaml:1:1: the file is 40 MB, above the 32 MB a scenario file may have/);
  });
});
