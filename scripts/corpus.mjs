#!/usr/bin/env node
// The acceptance corpus runner (issue 9): every public manifest in test/corpus/ is run twice with
// the same standard Scenario — healthy, and with a 5 % error-rate regression — and the verdicts are
// printed as one Markdown table (or JSON rows with --json, for a test to consume).
//
//   npm run build && node scripts/corpus.mjs [--json] [--only a,b] [--rps N|none] [--keep DIR]
//
// The Scenario is appended here, never stored in the fixtures, so the fixtures stay as published.
// --keep DIR writes each generated scenario file to DIR so a run can be replayed with --output text.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parseDocument } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(ROOT, 'test', 'corpus');
const BIN = join(ROOT, 'bin', 'simulate.js');
/** Requests per second of the standard Scenario; `undefined` omits `traffic` (capacity-based default). */
const STANDARD_RPS = undefined;
const CONCURRENCY = 2;
const TIMEOUT_MS = 180_000;

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const asJson = args.includes('--json');
const only = flag('--only')?.split(',');
const rpsFlag = flag('--rps');
const rps = rpsFlag === undefined ? STANDARD_RPS : rpsFlag === 'none' ? undefined : Number(rpsFlag);
const keep = flag('--keep');
/** The regression's error rate (default 5 %): `--error-rate 20%` shows what a template's threshold catches. */
const errorRate = flag('--error-rate') ?? '5%';

/** The standard Scenario document, e.g. scenarioDoc('x', 20, false) → "…spec: {seed: 1, duration: 1h, traffic: {rps: 20}}". */
function scenarioDoc(name, rpsValue, regressed, operator = [], metrics = undefined, answers = undefined) {
  const parts = ['seed: 1', 'duration: 1h'];
  for (const [k, v] of Object.entries(answers ?? {})) parts.push(`${k}: ${JSON.stringify(v)}`);
  if (rpsValue !== undefined) parts.push(`traffic: {rps: ${rpsValue}}`);
  if (regressed) parts.push(`release: {regressions: [{metric: errorRate, to: ${errorRate}}]}`);
  if (operator.length > 0) parts.push(`operator: [${operator.join(', ')}]`);
  if (metrics !== undefined) parts.push(`metrics: ${JSON.stringify(metrics)}`);
  return `---\napiVersion: rollout-sim/v1alpha1\nkind: Scenario\nmetadata: {name: ${name}}\nspec: {${parts.join(', ')}}\n`;
}

/** What the manifest itself says: first workload's strategy/router and its analysis providers. */
function describe(text) {
  let docs;
  try { docs = parseAllDocuments(text, { logLevel: 'error' }).map((d) => d.toJS({ maxAliasCount: -1 })).filter((d) => d && typeof d === 'object'); }
  catch { return { strategy: '?', providers: [] }; }
  const rollout = docs.find((d) => d.kind === 'Rollout' || d.kind === 'Deployment');
  if (!rollout) return { strategy: 'no workload', providers: [] };
  if (rollout.kind === 'Deployment') return { strategy: 'deployment', providers: [] };
  const s = rollout.spec?.strategy ?? {};
  const canary = s.canary;
  const router = canary?.trafficRouting ? Object.keys(canary.trafficRouting).join('+') : undefined;
  const strategy = canary ? `canary${router ? '/' + router : ''}` : s.blueGreen ? 'blueGreen' : '?';
  const refs = [];
  const collect = (a) => { for (const t of a?.templates ?? []) refs.push(t); };
  if (canary) { collect(canary.analysis); for (const st of canary.steps ?? []) collect(st?.analysis); }
  if (s.blueGreen) { collect(s.blueGreen.prePromotionAnalysis); collect(s.blueGreen.postPromotionAnalysis); }
  const providers = new Set();
  for (const ref of refs) {
    const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
    const tpl = docs.find((d) => d.kind === kind && d.metadata?.name === ref.templateName);
    if (!tpl) { providers.add(`missing:${ref.templateName}`); continue; }
    for (const m of tpl.spec?.metrics ?? []) for (const p of Object.keys(m.provider ?? {})) providers.add(p);
  }
  if (canary?.steps?.some((st) => st?.experiment)) providers.add('experiment');
  return { strategy, providers: [...providers] };
}

/** Runs the CLI on one file: exit code, stderr lines and the Summary (null when none). */
function simulate(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, file, '--output', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = ''; let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { err += b; });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let summary = null;
      for (const line of out.split('\n').reverse()) {
        try { const j = JSON.parse(line); if (j.type === 'Summary') { summary = j; break; } } catch { /* not JSON */ }
      }
      resolve({ code: signal ? `killed (${signal})` : code, stderr: err.split('\n').filter((l) => l.trim()), summary });
    });
  });
}

/** Warning lines: those naming a warning, else every unindented stderr line of a run that exited 0. */
function warningsOf(run) {
  if (run.code !== 0) return [];
  const named = run.stderr.filter((l) => /warn/i.test(l));
  return named.length ? named : run.stderr.filter((l) => !/^\s/.test(l));
}

/** The `metrics:` mappings the warnings suggest, merged (undefined when none does). */
function mappingFrom(warnings) {
  const merged = {};
  for (const w of warnings) {
    const m = /add to the Scenario: metrics: (\{.*\})\)$/.exec(w);
    if (!m) continue;
    for (const [family, spec] of Object.entries(parseDocument(m[1]).toJS())) {
      merged[family] = { ...merged[family], ...spec, labels: { ...merged[family]?.labels, ...spec.labels } };
      if (Object.keys(merged[family].labels).length === 0) delete merged[family].labels;
    }
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}

/** The PromQL a user would first try for a provider the simulator answers with PromQL (the error ratio). */
const STAND_IN_QUERY = 'sum(rate(http_requests_total{code="500"}[5m])) / sum(rate(http_requests_total[5m]))';

/**
 * The Scenario answers an exit-2 load error asks for ("add to the Scenario's spec: providers: {…}",
 * secrets, fields), merged into `into`, with `<PromQL>` as the error ratio and `<value>` as "dummy":
 * what a user told so would add. Returns whether anything was added.
 */
function answersFrom(stderr, into) {
  let added = false;
  for (const line of stderr) {
    const m = /add to the Scenario's spec: (providers|secrets|fields): (\{.*\})\)$/.exec(line);
    if (!m) continue;
    const v = parseDocument(m[2].replaceAll('<PromQL>', `'${STAND_IN_QUERY}'`).replaceAll('<value>', 'dummy')).toJS();
    if (m[1] === 'providers') {
      into.providers ??= {};
      for (const k of ['web', 'metrics']) if (v[k]) into.providers[k] = [...(into.providers[k] ?? []), ...v[k]];
    } else {
      into[m[1]] ??= {};
      for (const [k, x] of Object.entries(v)) into[m[1]][k] = typeof x === 'object' ? { ...into[m[1]][k], ...x } : x;
    }
    added = true;
  }
  return added;
}

/** Stable p99 of a run in seconds, e.g. 4155 → "4.2s"; the 120 s cap marks a saturated stable version. */
const p99 = (s) => (s?.versions?.stable?.p99 == null ? '—' : `${(s.versions.stable.p99 / 1000).toFixed(1)}s`);
const verdict = (s) => (s ? s.outcome + (s.abortCause ? ` (${s.abortCause})` : '') : '—');

async function row(name, dir) {
  const text = readFileSync(join(CORPUS, `${name}.yaml`), 'utf8');
  const info = describe(text);
  const healthyFile = join(dir, `${name}.healthy.yaml`);
  const regressedFile = join(dir, `${name}.regressed.yaml`);
  const answers = {};
  const runBoth = async (operator, metrics) => {
    writeFileSync(healthyFile, text + scenarioDoc(name, rps, false, operator, metrics, answers));
    writeFileSync(regressedFile, text + scenarioDoc(name, rps, true, operator, metrics, answers));
    return [await simulate(healthyFile), await simulate(regressedFile)];
  };
  let [healthy, regressed] = await runBoth([]);
  // …and one told "add to the Scenario's spec: providers/secrets/fields: {…}" (a provider the
  // Scenario answers) adds that, the PromQL being the error ratio: `answered` says so.
  const firstError = healthy.code === 2 ? healthy.stderr[0] ?? null : null;
  for (let i = 0; i < 3 && healthy.code === 2 && answersFrom(healthy.stderr, answers); i++) [healthy, regressed] = await runBoth([]);
  // A user told "pauses indefinitely … add spec.operator: [{at: 5m, action: promote}]" does so:
  // the standard Scenario follows each such suggestion once, as that user would.
  const operator = warningsOf(healthy).flatMap((w) => /add spec\.operator: \[(\{at: [^}]+\})\]/.exec(w)?.[1] ?? []);
  if (operator.length > 0) [healthy, regressed] = await runBoth(operator);
  const warnings = warningsOf(healthy);
  // …and one told "add to the Scenario: metrics: {…}" does that too: the runs after the mapping
  // show whether the mapping the warning suggests makes the analysis see the release.
  const mapping = mappingFrom(warnings);
  const [mappedHealthy, mappedRegressed] = mapping === undefined ? [] : await runBoth(operator, mapping);
  const valid = healthy.code === 0 ? 'yes' : healthy.code === 2 ? 'no' : `crash (${healthy.code})`;
  const prometheus = info.providers.includes('prometheus');
  const promotes = healthy.summary?.outcome === 'promoted';
  const caught = regressed.summary?.caught === true;
  const queryWarnings = warnings.filter((w) => /it matches no series/.test(w));
  const warnedMapping = queryWarnings.some((w) => /metrics:/.test(w));
  return {
    fixture: name, valid, error: healthy.code === 0 ? null : healthy.stderr[0] ?? null,
    answered: Object.keys(answers).length === 0 ? null : { answers, firstError },
    strategy: healthy.summary ? `${healthy.summary.strategy}${healthy.summary.router ? '/' + healthy.summary.router : ''}` : info.strategy,
    providers: info.providers, prometheus,
    healthy: healthy.summary, regressed: regressed.summary,
    caught, falseRollback: { healthy: healthy.summary?.falseRollback ?? null, regressed: regressed.summary?.falseRollback ?? null },
    warnings, operator, mapping: mapping ?? null,
    afterMapping: mapping === undefined ? null : { healthy: mappedHealthy.summary, regressed: mappedRegressed.summary },
    // measured: the healthy run promotes and the regression is caught; warned: loading named the
    // unexported family (with the metrics: mapping that fixes it) or the label/value that selects nothing.
    // measured, missed: both runs had data and passed — the template's own threshold lets 5 % errors through.
    acceptance: !prometheus ? null : (promotes && caught) ? 'measured' : (promotes && regressed.summary?.outcome === 'promoted' && queryWarnings.length === 0) ? 'measured, missed' : warnedMapping ? 'warned (mapping)' : queryWarnings.length > 0 ? 'warned (label/value)' : 'fail',
  };
}

async function main() {
  const names = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).map((f) => basename(f, '.yaml'))
    .filter((n) => !only || only.includes(n)).sort();
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'corpus-'));
  if (keep) mkdirSync(keep, { recursive: true });
  const rows = new Array(names.length);
  let next = 0;
  const worker = async () => { while (next < names.length) { const i = next++; rows[i] = await row(names[i], dir); } };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (!keep) rmSync(dir, { recursive: true, force: true });
  if (asJson) { process.stdout.write(JSON.stringify(rows, null, 1) + '\n'); return; }
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `Standard Scenario: seed 1, 1h, ${rps === undefined ? 'default traffic' : `${rps} rps`}; regressed adds errorRate → ${errorRate}.`, '',
    '| fixture | valid? | strategy/router | analysis | healthy | regressed | caught | falseRollback (H/R) | prom. acceptance | stable p99 (H) | warnings |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const fr = `${r.falseRollback.healthy ?? '—'}/${r.falseRollback.regressed ?? '—'}`;
    const warn = r.warnings.length ? `${r.warnings.length}: ${r.warnings[0].slice(0, 120)}` : '0';
    const valid = r.valid === 'yes' ? 'yes' : `${r.valid}: ${(r.error ?? '').slice(0, 140)}`;
    lines.push(`| ${[r.fixture, valid, r.strategy, r.providers.join(', ') || '—', verdict(r.healthy), verdict(r.regressed),
      r.regressed ? r.caught : '—', fr, r.acceptance ?? '—', p99(r.healthy), warn].map(cell).join(' | ')} |`);
  }
  const valid = rows.filter((r) => r.valid === 'yes');
  const prom = rows.filter((r) => r.prometheus);
  const answered = valid.filter((r) => r.answered);
  lines.push('', `${rows.length} fixtures; ${valid.length} load (${answered.length} once the Scenario answers what the load error asked for: ${answered.map((r) => r.fixture).join(', ') || 'none'}); ${prom.length} with a prometheus analysis ` +
    `(${prom.filter((r) => r.acceptance === 'measured').length} measured: promoted healthy and caught the regression; ` +
    `${prom.filter((r) => r.acceptance === 'warned (mapping)').length} warned with a metrics: mapping; ` +
    `${prom.filter((r) => r.acceptance === 'warned (label/value)').length} warned naming a label or value that selects nothing; ` +
    `${prom.filter((r) => r.acceptance === 'fail').length} neither).`);
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e) => { process.stderr.write(`${e.stack ?? e}\n`); process.exit(1); });
