/**
 * Checks a Scenario's `spec.metrics` mapping against the catalogue: keys are our family names,
 * label keys that family's labels, and the new names valid Prometheus names that collide with no
 * other exported family or label (code and status carry the same value: either may become the other). Every problem is an error at its YAML path, with a suggestion.
 *
 * Example: {http_request_total: {…}} → 'unknown metric family "http_request_total"', did you mean "http_requests_total"?
 */
import { exportedFamilies, FAMILIES, seriesNames, TWIN_LABELS, type MetricsMapping } from '../metrics/catalogue.js';
import { didYouMean, quoteList } from './errors.js';
import { child, fail, failKey, type Cx } from './validate.js';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The mapping when it is valid; undefined (with errors recorded) otherwise. */
export function checkMetricsMapping(cx: Cx, mapping: MetricsMapping): MetricsMapping | undefined {
  const before = cx.issues.count;
  const ours = FAMILIES.map((f) => f.name);
  for (const [family, m] of Object.entries(mapping)) {
    const p = child('spec.metrics', family);
    const f = FAMILIES.find((x) => x.name === family);
    if (f === undefined) {
      failKey(cx, p, `unknown metric family "${family}"`, didYouMean(family, ours) ?? `the families are ${quoteList(ours)}`);
      continue;
    }
    if (m.name !== undefined && !METRIC_NAME.test(m.name)) {
      fail(cx, `${p}.name`, `"${m.name}" is not a valid metric name`, 'letters, digits, "_" and ":", not starting with a digit');
    }
    const renamed = new Map<string, string>();
    for (const [label, to] of Object.entries(m.labels ?? {})) {
      const lp = child(`${p}.labels`, label);
      if (!f.labels.includes(label)) {
        failKey(cx, lp, `${family} has no label "${label}"`, didYouMean(label, f.labels) ?? `its labels are ${quoteList(f.labels)}`);
      } else if (label === 'le') {
        failKey(cx, lp, 'the histogram bucket label "le" cannot be renamed', 'Prometheus and histogram_quantile need it as le');
      } else if (!LABEL_NAME.test(to) || to.startsWith('__')) {
        fail(cx, lp, `"${to}" is not a valid label name`, 'letters, digits and "_", not starting with a digit or "__"');
      } else renamed.set(label, to);
    }
    // A new label name may not be one the family still carries, nor the new name of another label.
    const kept = f.labels.filter((l) => !renamed.has(l));
    const seen = new Set<string>();
    for (const [label, to] of renamed) {
      const twins = TWIN_LABELS.some(([a, b]) => (a === label && b === to) || (b === label && a === to));
      if ((kept.includes(to) && to !== label && !twins) || seen.has(to)) {
        fail(cx, child(`${p}.labels`, label), `${family} would carry the label "${to}" twice`, `pick another name, or rename "${to}" too`);
      }
      seen.add(to);
    }
  }
  if (cx.issues.count !== before) return undefined;
  checkCollisions(cx, mapping);
  return cx.issues.count === before ? mapping : undefined;
}

/**
 * Two exported families whose series names meet (a counter renamed like another family, or like a
 * histogram's _count). Our own names never collide, so at least one of the two is mapped: blame it.
 */
function checkCollisions(cx: Cx, mapping: MetricsMapping): void {
  const exported = exportedFamilies(mapping);
  const owner = new Map<string, number>();
  exported.forEach((f, i) => {
    for (const s of seriesNames(f)) {
      const j = owner.get(s);
      if (j !== undefined) {
        const [blame, other] = mapping[FAMILIES[i]?.name ?? ''] !== undefined ? [i, j] : [j, i];
        const name = FAMILIES[blame]?.name ?? '';
        fail(cx, `${child('spec.metrics', name)}.name`, `"${exported[blame]?.name ?? ''}" collides with the exported family ${exported[other]?.name ?? ''} (both would write ${s})`, 'pick a name no other family exports');
        return;
      }
      owner.set(s, i);
    }
  });
}
