/**
 * The scenario loader's public API: a scenario file (Argo manifests + one `kind: Scenario`
 * document) → the typed model in src/model/, or precise, positioned errors.
 */
export { formatLoadError } from './errors.js';
export type { LoadError } from './errors.js';
export { loadScenarioSources, loadScenarioText } from './load.js';
export type { LoadResult } from './load.js';
export { loadScenarioPath, readScenarioSources } from './read.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.js';
export { MAX_EXPECTED_REQUESTS } from './scenario-schema.js';
export type { Source } from './yaml-doc.js';
export { loadTemplatesText } from './templates.js';
export type { TemplatesResult } from './templates.js';
