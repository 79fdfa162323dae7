/**
 * docs/sweep-on-kubernetes.md and the Dockerfile it builds with stay true to the CLI: the Indexed
 * Job's completions are the N of its --shard /N, both Jobs run the image the doc builds, and the
 * shard's and the merge's command lines are ones `simulate` accepts (run here on a built-in
 * scenario, fewer seeds, with JOB_COMPLETION_INDEX as the kubelet sets it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ROOT, scenarioPath, sim } from '../cli/harness.js';

const DOC = readFileSync(join(ROOT, 'docs', 'sweep-on-kubernetes.md'), 'utf8');
const DOCKERFILE = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string>; files: string[] };

interface Container { image: string; command: string[]; args: string[] }
interface K8s { kind: string; metadata: { name: string }; spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: { containers: Container[] } } } }

const manifests = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap((m) => parseAllDocuments(m[1] ?? '').map((d) => d.toJS() as K8s));
const job = (name: string): K8s => {
  const j = manifests.find((m) => m.kind === 'Job' && m.metadata.name === name);
  if (j === undefined) throw new Error(`no Job ${name} in the doc`);
  return j;
};
const container = (name: string): Container => job(name).spec.template.spec.containers[0] as Container;

/** The shell words of a container's `sh -c` line, quotes removed. Example: "a 'b c' > f" → ['a', 'b c', '>', 'f']. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

const dir = mkdtempSync(join(tmpdir(), 'k8s-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/sweep-on-kubernetes.md', () => {
  it('an Indexed Job whose completions are the N of --shard /N, on the image the doc builds with the Dockerfile', () => {
    const shard = job('sweep');
    const line = container('sweep').args[0] ?? '';
    expect(shard.spec.completionMode).toBe('Indexed');
    expect(line).toContain(`--shard /${shard.spec.completions}`);
    expect(line).toContain('> /parts/part-$JOB_COMPLETION_INDEX.json');
    const tag = /docker build -t (\S+):\$\(git rev-parse --short HEAD\) \./.exec(DOC)?.[1];
    expect(tag).toBe('registry.example.com/rollout-sim');
    for (const name of ['sweep', 'sweep-merge']) expect(container(name).image.startsWith(`${tag}:`)).toBe(true);
    // The image: the package's command as entry point, built by its build script, the lock
    // file's runtime dependencies, and every folder the package ships.
    const [command, launcher] = Object.entries(PKG.bin)[0] ?? [];
    expect(DOCKERFILE).toContain(`ENTRYPOINT ["${command}"]`);
    expect(DOCKERFILE).toContain(`RUN ln -s /opt/rollout-sim/${launcher} /usr/local/bin/${command}`);
    expect(PKG.scripts.build).toBeDefined();
    expect(DOCKERFILE).toContain('RUN npm run build\n');
    expect(DOCKERFILE).toContain('RUN npm ci --omit=dev --ignore-scripts');
    for (const f of PKG.files) expect(DOCKERFILE).toMatch(new RegExp(`^COPY (--from=build /src/)?${f} \\./${f}$`, 'm'));
  });

  it('the shard and merge command lines run as written (a built-in scenario, 4 seeds)', async () => {
    const shardWords = words(container('sweep').args[0] ?? '');
    expect(shardWords.slice(0, 3)).toEqual(['simulate', 'sweep', '/scenario/scenario.yaml']);
    expect(shardWords).toEqual(expect.arrayContaining(['--seeds', '4000', '--workers', '2']));
    // In this thread (--workers 1: the pool's threads need the built bundle), on 4 seeds.
    const swap: Record<string, string> = { '/scenario/scenario.yaml': scenarioPath('canary-tool-call-regression.yaml'), '--seeds 4000': '4', '--workers 2': '1' };
    const args = shardWords.slice(1, shardWords.indexOf('>')).map((w, i, all) => swap[w] ?? swap[`${all[i - 1]} ${w}`] ?? w);
    const parts: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await sim(args, { CI: 'true', JOB_COMPLETION_INDEX: String(i) });
      expect(r.code, r.err).toBe(0);
      const path = join(dir, `part-${i}.json`);
      writeFileSync(path, r.out);
      parts.push(path);
    }
    const mergeLine = container('sweep-merge').args[0] ?? '';
    expect(mergeLine).toContain('simulate sweep merge /parts/part-*.json --output json > /parts/result.json');
    const merged = await sim(['sweep', 'merge', ...parts, '--output', 'json']);
    const whole = await sim([...args.filter((a, i, all) => a !== '--shard' && all[i - 1] !== '--shard'), '--output', 'json']);
    expect(merged.code, merged.err).toBe(0);
    expect(merged.out).toBe(whole.out);
    expect(JSON.parse(merged.out).cells).toHaveLength(3);
  }, 120_000);
});
