#!/usr/bin/env node
// `npm run bench`: the W1 workload (scenarios/bench-w1.yaml) timed as whole processes, paired
// with the bare hand-written baseline of ../shared/bench when that folder is present (A B A B …,
// median of the pair-by-pair wall ratios, as ../shared/bench/bench.sh does), then the memory and
// time scaling at 50, 200 and 800 rps (800 with 4× the replicas, as W1's own scaling table).
//
// Then the sweep (scenarios/bench-sweep.yaml: 1 h at 40 rps, a canary gated by a Prometheus
// analysis): seeds/s on every core, the per-seed cost against one W1 run, and the machine's load.
//
// env: BENCH_RUNS (default 5) paired runs; BENCH_SCALING=0 skips the scaling table;
// BENCH_SWEEP_SEEDS (default 100; the figure is 1000) seeds, BENCH_SWEEP=0 skips the sweep.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const baselineDir = resolve(root, '../shared/bench');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const scenarioPath = join(root, 'scenarios/bench-w1.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-bench-'));

/** Runs a command once; returns wall seconds, peak RSS MiB and the stats line the CLI prints. */
function measure(cmd, args, env = {}) {
  const t0 = process.hrtime.bigint();
  const full = timeBin ? [timeBin, ['-f', '%M %U %S', cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  const [maxKiB, user, sys] = timeBin ? (lines.at(-1) ?? '').split(' ').map(Number) : [NaN, NaN, NaN];
  const peakMiB = maxKiB / 1024;
  const cpu = user + sys;
  const stats = lines.find((l) => l.startsWith('STATS '));
  return { wall, peakMiB, cpu, stats: stats ? JSON.parse(stats.slice(6)) : undefined, stdout: r.stdout };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');

function variant(rps, replicas) {
  const text = readFileSync(scenarioPath, 'utf8').replace(/rps: 200/, `rps: ${rps}`).replace(/replicas: 10/, `replicas: ${replicas}`);
  const p = join(tmp, `w1-${rps}.yaml`);
  writeFileSync(p, text);
  return p;
}

const sim = (file) => measure(process.execPath, [join(root, 'bin/simulate.js'), 'run', file, '--output', 'json'], { SIMULATE_STATS: '1' });
const bare = (rps, k) => measure(process.execPath, [join(baselineDir, 'w1_bare.mjs'), '3600', String(rps), '1', String(k)]);
const haveBaseline = existsSync(join(baselineDir, 'w1_bare.mjs'));

console.log(`W1: ${scenarioPath}\n${runs} paired runs${haveBaseline ? ' with ../shared/bench/w1_bare.mjs' : ' (baseline not found: ratios skipped)'}\n`);
sim(scenarioPath);
if (haveBaseline) bare(200, 1);
const ours = [], base = [], ratios = [];
for (let i = 0; i < runs; i++) {
  const a = sim(scenarioPath);
  ours.push(a);
  if (haveBaseline) {
    const b = bare(200, 1);
    base.push(b);
    ratios.push(a.wall / b.wall);
  }
}
const st = ours[0].stats;
console.log('rollout-sim W1 (whole process, median)');
console.log(`  wall ${fmt(median(ours.map((r) => r.wall)))} s   peak ${fmt(median(ours.map((r) => r.peakMiB)), 1)} MiB`);
console.log(`  requests ${st.requests}   engine events ${st.events}   in-process ${fmt(st.simSeconds)} s`);
console.log(`  simulated requests/s ${Math.round(st.requests / st.simSeconds)}   engine events/s ${Math.round(st.events / st.simSeconds)}`);
console.log(`  series ${st.series}   samples ${st.samples}`);
if (haveBaseline) {
  console.log(`baseline w1_bare.mjs: wall ${fmt(median(base.map((r) => r.wall)))} s   peak ${fmt(median(base.map((r) => r.peakMiB)), 1)} MiB`);
  console.log(`ratio (median of paired wall ratios): ${fmt(median(ratios), 2)}×   [min ${fmt(Math.min(...ratios), 2)}, max ${fmt(Math.max(...ratios), 2)}]   bar 2.5×, goal 1.5×`);
}

if (process.env.BENCH_SCALING !== '0') {
  console.log('\nscaling (one run each; 800 rps with 40 replicas keeps the per-pod load of W1)');
  console.log('   rps  replicas   wall s   peak MiB   requests   in-process s');
  for (const [rps, reps] of [[50, 10], [200, 10], [800, 40]]) {
    const r = sim(variant(rps, reps));
    console.log(`  ${String(rps).padStart(4)}  ${String(reps).padStart(8)}  ${fmt(r.wall).padStart(7)}  ${fmt(r.peakMiB, 1).padStart(9)}  ${String(r.stats.requests).padStart(9)}  ${fmt(r.stats.simSeconds).padStart(12)}`);
  }
}

if (process.env.BENCH_SWEEP !== '0') {
  const seeds = Number(process.env.BENCH_SWEEP_SEEDS ?? 100);
  const workers = availableParallelism();
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  const before = load();
  const r = measure(process.execPath, [join(root, 'bin/simulate.js'), 'sweep', join(root, 'scenarios/bench-sweep.yaml'), '--seeds', String(seeds), '--output', 'json']);
  const cell = JSON.parse(r.stdout).cells[0];
  // One seed is the release and its healthy twin. Per-seed cost: the process's CPU time (user +
  // sys, all threads) per seed, beside one W1 process's CPU time; on a loaded machine the wall
  // time says more about the neighbours than about us, so the CPU time over the cores is shown too.
  const perSeed = r.cpu / seeds;
  console.log(`\nsweep: scenarios/bench-sweep.yaml, ${seeds} seeds on ${workers} worker threads`);
  console.log(`  wall ${fmt(r.wall)} s   ${fmt(seeds / r.wall, 1)} seeds/s   peak ${fmt(r.peakMiB, 1)} MiB   (1000 seeds ≈ ${fmt((1000 / seeds) * r.wall, 0)} s; goal < 60 s)`);
  const w1Cpu = median(ours.map((o) => o.cpu));
  console.log(`  CPU ${fmt(r.cpu, 1)} s: per seed ${fmt(perSeed * 1000, 0)} ms = ${fmt(perSeed / w1Cpu, 2)}× one W1 process's CPU (${fmt(w1Cpu)} s); on ${workers} idle cores ≈ ${fmt(r.cpu / workers, 0)} s`);
  console.log(`  detection ${cell.regressed.detection.count}/${cell.regressed.detection.of}, healthy false rollbacks ${cell.healthy.falseRollback.count}/${cell.healthy.falseRollback.of}`);
  console.log(`  load average before ${before}, after ${load()} (${workers} cores)`);
}

// PromQL chain parsing and RE2 matching at growing sizes (issue 14): figures, not assertions.
spawnSync(process.execPath, [join(root, 'scripts/bench-parse.mjs')], { stdio: 'inherit' });
