#!/usr/bin/env node
// Writes schema/scenario.schema.json from the loader's own schema (src/scenario/scenario-schema.ts),
// via the compiled module in dist/. Run `npm run build` first; test/scenario/json-schema.test.ts
// fails when the committed file is stale.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'scenario', 'json-schema.js');
if (!existsSync(compiled)) {
  console.error(`gen-schema: ${compiled} is missing; run \`npm run build\` first`);
  process.exit(1);
}
const { scenarioJsonSchemaText } = await import(pathToFileURL(compiled).href);
const out = join(root, 'schema', 'scenario.schema.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, scenarioJsonSchemaText());
console.log(`gen-schema: wrote ${out}`);
