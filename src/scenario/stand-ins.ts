/**
 * Joins what the manifests ask of a cluster to what the Scenario says the cluster answers:
 * template args from Secrets (`valueFrom.secretKeyRef` → `spec.secrets`, or a v1 Secret document in
 * the file), Rollout args from fields the simulator does not model (`valueFrom.fieldRef` →
 * `spec.fields`), the PromQL standing in for each datadog/newRelic/… metric
 * (`spec.providers.metrics`), web metrics with a fixed URL that no `spec.providers.web` answer
 * matches, and composed templates (`spec.templates`) that name no template. Whatever is missing
 * is an error showing the exact Scenario block to add.
 */
import type { AnalysisMetric, AnalysisTemplate, Workload } from '../model/rollout.js';
import type { Scenario, StandInMapping } from '../model/scenario.js';
import type { BuiltTemplate } from './analysis.js';
import { didYouMean } from './errors.js';
import type { BuiltWorkload } from './rollout-build.js';
import { fail } from './validate.js';
import type { Cx } from './validate.js';
import { getKey, type SourceDoc } from './yaml-doc.js';
import { webUrlMatches } from './web-url.js';

type Answers = Pick<Scenario, 'providers' | 'secrets' | 'fields'>;

/**
 * Rollout field paths the simulator answers itself (src/analysis/run/args.ts). Argo reads
 * `metadata.*` through fieldpath and any other path (`status.…`) from the Rollout object
 * (utils/analysis/factory.go:32-41); the simulator models neither, so the Scenario's `spec.fields` answers them.
 */
export const MODELLED_FIELD_PATHS = ['metadata.name', 'metadata.namespace'];

/** `{name: {key: value}}` from the v1 Secret documents of the file (`data` base64-decoded, `stringData` as is). */
export function secretsOfDocs(docs: readonly SourceDoc[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const sd of docs) {
    if ((getKey(sd, sd.root, 'kind') as { value?: unknown } | undefined)?.value !== 'Secret') continue;
    let js: { metadata?: { name?: unknown }; data?: unknown; stringData?: unknown } | null;
    try {
      // No alias expansion: a Secret's keys are plain strings (and aliases are the "billion laughs" risk).
      js = sd.doc.toJS({ maxAliasCount: 0 }) as typeof js;
    } catch {
      continue;
    }
    if (typeof js?.metadata?.name !== 'string') continue;
    const keys: Record<string, string> = {};
    if (js.data !== null && typeof js.data === 'object') {
      for (const [k, v] of Object.entries(js.data)) if (typeof v === 'string') keys[k] = fromBase64(v);
    }
    if (js.stringData !== null && typeof js.stringData === 'object') {
      for (const [k, v] of Object.entries(js.stringData)) if (typeof v === 'string') keys[k] = v;
    }
    out[js.metadata.name] = keys;
  }
  return out;
}

/** Example: fromBase64('aGk=') === 'hi'; text that is not base64 stays as written. */
function fromBase64(v: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v.replace(/\s+/g, '')), (c) => c.charCodeAt(0)));
  } catch {
    return v;
  }
}

/** YAML flow text of a one-entry Scenario block, e.g. block('secrets', {s: {k: '<value>'}}) → 'secrets: {s: {k: <value>}}'. */
function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${/^[\w.-]+$/.test(k) ? k : JSON.stringify(k)}: ${flow(x)}`).join(', ')}}`;
  const s = String(v);
  return /^[\w./<>-]+$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}
const block = (key: string, v: unknown): string => `add to the Scenario's spec: ${key}: ${flow(v)}`;

/**
 * The NRQL `AS` aliases a newRelic query selects, as the columns of its result row.
 * Example: nrqlColumns("FROM T SELECT percentage(count(*), WHERE x) as successRate") → ['successRate'].
 */
export function nrqlColumns(query: string): string[] {
  return [...query.matchAll(/\bas\s+[`'"]?([A-Za-z_][\w]*)/gi)].map((m) => m[1] ?? '').filter((s) => s !== '');
}

/** The Scenario block that maps one stand-in metric, for the error that asks for it. */
function mappingBlock(t: AnalysisTemplate, m: AnalysisMetric): string {
  const s = m.provider.standIn;
  const cols = s?.provider === 'newRelic' ? nrqlColumns(JSON.stringify(s.spec)) : [];
  const answer = cols.length > 0 ? { fields: Object.fromEntries(cols.map((c) => [c, '<PromQL>'])) } : { query: '<PromQL>' };
  return block('providers', { metrics: [{ template: t.name, metric: m.name, ...answer }] });
}

/** Example: fillKnownArgs('http://x/{{ args.a }}/{{args.b}}', [{name: 'a', value: '1'}]) === 'http://x/1/{{args.b}}'. */
function fillKnownArgs(text: string, args: readonly { name: string; value: string | undefined }[]): string {
  return text.replace(/\{\{\s*args\.([^}\s]+)\s*\}\}/g, (all, name: string) => args.find((a) => a.name === name)?.value ?? all);
}

/** Resolves secrets, checks stand-ins, web answers and composed templates; returns the templates with secret args filled in. */
export function joinProviders(templates: readonly BuiltTemplate[], workloads: readonly BuiltWorkload<Workload>[], answers: Answers, docs: readonly SourceDoc[], scenarioCx: Cx | undefined, lenient = false): BuiltTemplate[] {
  // Linting plain manifests (lenient) needs no answers: a missing one is not a manifest mistake.
  const need = lenient ? (): void => undefined : fail;
  const fileSecrets = secretsOfDocs(docs);
  const mappings = answers.providers?.metrics ?? [];
  const used = new Set<StandInMapping>();
  const out = templates.map((bt): BuiltTemplate => {
    const t = bt.template;
    const args = t.args.map((a, i) => {
      if (a.secretKeyRef === undefined) return a;
      const { name, key } = a.secretKeyRef;
      const value = answers.secrets?.[name]?.[key] ?? fileSecrets[name]?.[key] ?? (lenient ? `<secret ${name}/${key}>` : undefined);
      if (value === undefined) {
        need(bt.cx, `spec.args[${i}].valueFrom.secretKeyRef`, `arg "${a.name}" reads key "${key}" of Secret "${name}", which the scenario does not hold`, block('secrets', { [name]: { [key]: '<value>' } }));
      }
      return { name: a.name, value };
    });
    const metrics = t.metrics.map((m, i): AnalysisMetric => {
      const standIn = m.provider.standIn;
      if (standIn === undefined) return m;
      const hit = mappings.find((x) => x.template === t.name && x.metric === m.name);
      if (hit === undefined) {
        need(bt.cx, `spec.metrics[${i}].provider.${standIn.provider}`, `the ${standIn.provider} metric "${m.name}" of ${t.kind} "${t.name}" needs the PromQL that stands in for it (its own query language is not simulated)`, mappingBlock(t, m));
        return m;
      }
      used.add(hit);
      return { ...m, provider: { standIn: { ...standIn, query: hit.query, fields: hit.fields } } };
    });
    t.metrics.forEach((m, i) => {
      // A URL whose placeholders the template's own args fill (defaults, secrets) is known now.
      const web = m.provider.web;
      const url = web === undefined ? '' : fillKnownArgs(web.url, args);
      if (web !== undefined && !url.includes('{{') && !(answers.providers?.web ?? []).some((w) => webUrlMatches(w.url, url) && (w.method === undefined || w.method === (web.method ?? 'GET')))) {
        need(bt.cx, `spec.metrics[${i}].provider.web.url`, `no spec.providers.web answer matches ${web.method ?? 'GET'} ${url}`, block('providers', { web: [{ url, query: '<PromQL>' }] }));
      }
    });
    (t.templates ?? []).forEach((ref, i) => {
      const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      const names = templates.filter((x) => x.template.kind === kind).map((x) => x.template.name);
      if (!names.includes(ref.templateName)) fail(bt.cx, `spec.templates[${i}].templateName`, `${kind} "${ref.templateName}" not found`, didYouMean(ref.templateName, names) ?? `add ${kind === 'AnalysisTemplate' ? 'an' : 'a'} ${kind} document named "${ref.templateName}" to the file`);
    });
    return { ...bt, template: { ...t, args, metrics } };
  });
  if (scenarioCx !== undefined) {
    mappings.forEach((m, i) => {
      if (used.has(m)) return;
      const t = templates.find((x) => x.template.name === m.template)?.template;
      const names = t?.metrics.filter((x) => x.provider.standIn !== undefined).map((x) => x.name) ?? [];
      const why = t === undefined ? `no template named "${m.template}"` : `"${m.template}" has no datadog/newRelic/wavefront/cloudWatch/graphite/influxdb/skywalking/plugin metric "${m.metric}"`;
      const hint = t === undefined ? didYouMean(m.template, templates.map((x) => x.template.name)) : didYouMean(m.metric, names);
      fail(scenarioCx, `spec.providers.metrics[${i}]`, `this mapping answers nothing: ${why}`, hint);
    });
  }
  for (const w of workloads) {
    for (const { analysis, path } of w.refs.analyses) {
      analysis.args.forEach((a, i) => {
        const from = a.valueFrom;
        if (from === undefined || !('fieldRef' in from)) return;
        const p = from.fieldRef.fieldPath;
        if (MODELLED_FIELD_PATHS.includes(p) || answers.fields?.[p] !== undefined) return;
        need(w.cx, `${path}.args[${i}].valueFrom.fieldRef.fieldPath`, `the simulator does not model the Rollout field "${p}" (it answers ${MODELLED_FIELD_PATHS.join(' and ')})`, block('fields', { [p]: '<value>' }));
      });
    }
  }
  return out;
}
