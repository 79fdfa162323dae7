#!/usr/bin/env node
// Writes the published JSON Schemas from their sources, via the compiled modules in dist/:
// schema/scenario.schema.json from the loader's own schema (src/scenario/scenario-schema.ts), and
// schema/trace.schema.json + schema/summary.schema.json from src/model/trace-schema.ts. Run
// `npm run build` first; test/scenario/json-schema.test.ts and test/run/trace-schema.test.ts fail
// when a committed file is stale.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = async (rel) => {
  const compiled = join(root, 'dist', rel);
  if (!existsSync(compiled)) {
    console.error(`gen-schema: ${compiled} is missing; run \`npm run build\` first`);
    process.exit(1);
  }
  return import(pathToFileURL(compiled).href);
};
const { scenarioJsonSchemaText } = await load('scenario/json-schema.js');
const { traceSchemaFiles } = await load('model/trace-schema.js');
const files = { 'scenario.schema.json': scenarioJsonSchemaText(), ...traceSchemaFiles() };
mkdirSync(join(root, 'schema'), { recursive: true });
for (const [name, text] of Object.entries(files)) {
  const out = join(root, 'schema', name);
  writeFileSync(out, text);
  console.log(`gen-schema: wrote ${out}`);
}
