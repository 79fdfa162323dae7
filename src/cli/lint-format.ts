/**
 * `simulate lint`'s three outputs: text for people (grouped by file), JSON for scripts (an array of
 * findings, keys in a fixed order) and SARIF 2.1.0 for code scanning (GitHub's upload-sarif).
 */
import type { Finding, RuleId } from '../lint/types.js';

/** What a SARIF rule says in one line; a rule missing here shows its id's words. */
const RULE_DESCRIPTIONS: Partial<Record<RuleId, string>> = {
  'condition-unknown-name': 'A success/failureCondition names something that is not result, an Argo helper or an expr builtin',
  'query-unknown-metric': 'A PromQL selector names a metric family nobody exports',
  'query-unknown-label': 'A PromQL selector requires a label its metric family does not carry',
  'query-no-series': "A PromQL selector's label value matches none of the values the cluster exports",
  'pause-without-operator': 'An indefinite pause with nothing documented to resume it',
  'promotion-without-operator': 'Blue-green autoPromotionEnabled: false with nothing documented to promote it',
};

/** Example: ruleDescription('setweight-not-increasing') === 'setweight not increasing' (when undescribed). */
export function ruleDescription(rule: RuleId): string {
  return RULE_DESCRIPTIONS[rule] ?? rule.replace(/-/g, ' ');
}

/** The files linted, and what was found in them (after suppression). */
export interface LintReport {
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressed: number;
}

/**
 * Grouped by file, compiler style, each fix indented under its finding, then a count line.
 * Example: one warning in a.yaml →
 *   'a.yaml:15:9: warning pause-without-operator: Rollout "app" pauses …\n    fix: add spec.operator …\n\n1 finding (0 errors, 1 warning) in 1 file\n'
 */
export function formatText(r: LintReport): string {
  const out: string[] = [];
  for (const file of r.files) {
    const mine = r.findings.filter((f) => f.file === file);
    if (mine.length === 0) continue;
    for (const f of mine) {
      out.push(`${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}\n`);
      if (f.suggestion !== '') out.push(`    fix: ${f.suggestion}\n`);
    }
    out.push('\n');
  }
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const notes = r.findings.filter((f) => f.severity === 'note').length;
  const warnings = r.findings.length - errors - notes;
  const n = r.findings.length;
  const files = `${r.files.length} file${r.files.length === 1 ? '' : 's'}`;
  const counts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(notes > 0 ? [plural(notes, 'note')] : [])].join(', ');
  const head = n === 0 ? `no findings in ${files}` : `${n} finding${n === 1 ? '' : 's'} (${counts}) in ${files}`;
  out.push(`${head}${r.suppressed > 0 ? `; ${r.suppressed} suppressed` : ''}\n`);
  return out.join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Example: [{file: 'a.yaml', line: 3, column: 5, severity: 'warning', rule: 'x', message, path, suggestion}, …]. */
export function formatJson(r: LintReport): string {
  const rows = r.findings.map((f) => ({ file: f.file, line: f.line, column: f.column, severity: f.severity, rule: f.rule, message: f.message, path: f.path, suggestion: f.suggestion }));
  return JSON.stringify(rows, null, 2) + '\n';
}

/**
 * SARIF 2.1.0: one run of the tool `rollout-sim`, its rules (those found, in id order), one result
 * per finding. URIs are the paths as given, with forward slashes (relative to the checkout when
 * lint ran at its root, as upload-sarif expects).
 * Example: a warning at a.yaml:15:9 → {ruleId, ruleIndex: 0, level: 'warning', message: {text},
 * locations: [{physicalLocation: {artifactLocation: {uri: 'a.yaml'}, region: {startLine: 15, startColumn: 9}}}]}.
 */
export function formatSarif(r: LintReport, version: string): string {
  const rules = [...new Set(r.findings.map((f) => f.rule))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rollout-sim',
            version,
            rules: rules.map((id) => ({ id, shortDescription: { text: ruleDescription(id) } })),
          },
        },
        results: r.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: rules.indexOf(f.rule),
          level: f.severity,
          message: { text: f.suggestion === '' ? f.message : `${f.message}. Fix: ${f.suggestion}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(f.file) }, region: { startLine: f.line, startColumn: f.column } } }],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** Example: sarifUri('.\\k8s\\app.yaml') === 'k8s/app.yaml'; sarifUri('<stdin>') === 'stdin'. */
export function sarifUri(file: string): string {
  if (file === '<stdin>') return 'stdin';
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
