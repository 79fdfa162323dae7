/**
 * Lint reads a repository file by file, but a Rollout and its AnalysisTemplates often live in
 * different files (rollout.yaml, analysis-template.yaml). The library is the other files: their
 * template documents resolve the file's templateNames, and nothing else of them is read.
 */
import { Issues } from './errors.js';
import { getKey, getString, parseSources } from './yaml-doc.js';
import type { Source, SourceDoc } from './yaml-doc.js';

const TEMPLATE_KINDS = ['AnalysisTemplate', 'ClusterAnalysisTemplate'];

/**
 * The templates a source defines, as `kind/name` keys (nothing for a file that does not parse).
 * Example: definedTemplates({file, text: 'kind: AnalysisTemplate\nmetadata: {name: rate}\n…'}) →
 * ['AnalysisTemplate/rate'].
 */
export function definedTemplates(src: Source): string[] {
  const quiet = new Issues();
  const docs = parseSources([src], quiet);
  return quiet.count > 0 ? [] : docs.filter(isTemplate).map(templateKey);
}

/**
 * The library's template documents that the file's own documents do not define (by kind and
 * name), each parsed in its own file so its positions stay its own. A library file that does not
 * parse lends nothing (it is linted, and reported, on its own).
 */
export function libraryTemplates(own: readonly SourceDoc[], library: readonly Source[]): SourceDoc[] {
  const defined = new Set(own.map(templateKey));
  const out: SourceDoc[] = [];
  for (const src of library) {
    const quiet = new Issues();
    const docs = parseSources([src], quiet);
    if (quiet.count > 0) continue;
    for (const sd of docs) {
      if (!isTemplate(sd) || defined.has(templateKey(sd))) continue;
      defined.add(templateKey(sd));
      out.push(sd);
    }
  }
  return out;
}

const isTemplate = (sd: SourceDoc): boolean => TEMPLATE_KINDS.includes(getString(sd, sd.root, 'kind') ?? '');

function templateKey(sd: SourceDoc): string {
  return `${getString(sd, sd.root, 'kind') ?? ''}/${getString(sd, getKey(sd, sd.root, 'metadata'), 'name') ?? ''}`;
}
