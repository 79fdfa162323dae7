/**
 * `simulate run --export-metrics` writes OpenMetrics that real Prometheus tooling accepts:
 * `promtool tsdb create-blocks-from openmetrics` (Debian's prometheus package; CI installs it
 * when it can). Skips, saying why, where promtool is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listDirectory } from '../../src/cli/io.js';
import { dispatch } from '../../src/cli/main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!promtool) console.warn('skipping the promtool export test: promtool is not installed (apt-get install prometheus)');

describe.skipIf(!promtool)('exported metrics in real Prometheus tooling', () => {
  it('promtool builds TSDB blocks from a run\'s export, with every sample', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rollout-sim-export-'));
    const om = join(dir, 'run.om');
    let out = '';
    const code = await dispatch(['run', join(root, 'scenarios/canary-tool-call-regression.yaml'), '--until', '15m', '--output', 'json', '--export-metrics', om], {
      stdout: (s) => void (out += s), stderr: () => undefined, readFile: (p) => readFileSync(p, 'utf8'), listDir: listDirectory, clock: () => 0, env: { CI: 'true' }, isTTY: false,
    });
    expect(code).toBe(0);
    const text = readFileSync(om, 'utf8');
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
    const samples = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
    const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, join(dir, 'data')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const total = r.stdout.split('\n').filter((l) => /^[0-9A-Z]{26}\s/.test(l)).reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[4]), 0);
    expect(total).toBe(samples);
    expect(samples).toBeGreaterThan(10_000);
  });
});
