/**
 * Loads only the AnalysisTemplates / ClusterAnalysisTemplates of a file, for `simulate analyze`:
 * a template file alone, or a whole scenario file whose other documents are skipped.
 */
import type { AnalysisTemplate } from '../model/rollout.js';
import { buildAnalysisTemplate } from './analysis.js';
import { Issues } from './errors.js';
import type { LoadError } from './errors.js';
import { classify } from './kinds.js';
import { newCx } from './validate.js';
import { parseSources } from './yaml-doc.js';

export type TemplatesResult =
  | { ok: true; templates: AnalysisTemplate[]; notes: string[] }
  | { ok: false; errors: LoadError[] };

/**
 * Example: a file holding one `kind: AnalysisTemplate` → {ok: true, templates: [that template]};
 * a file with none → an error saying so.
 */
export function loadTemplatesText(text: string, file: string): TemplatesResult {
  const issues = new Issues();
  const notes: string[] = [];
  const templates: AnalysisTemplate[] = [];
  for (const sd of parseSources([{ file, text }], issues)) {
    const kind = classify(sd, issues, notes);
    if (kind !== 'AnalysisTemplate' && kind !== 'ClusterAnalysisTemplate') continue;
    const built = buildAnalysisTemplate(newCx(sd, issues, notes), kind);
    if (built !== undefined) templates.push(built.template);
  }
  if (issues.count === 0 && templates.length === 0) {
    issues.add({ file, line: 1, column: 1 }, '', 'no AnalysisTemplate or ClusterAnalysisTemplate in this file', 'analyze takes a file with at least one argoproj.io/v1alpha1 AnalysisTemplate');
  }
  return issues.count > 0 ? { ok: false, errors: issues.sorted() } : { ok: true, templates, notes };
}
