#!/usr/bin/env node
// Lists the longest functions under src/ (lines from the declaration to its closing brace), so a
// maintainer can see where the code needs splitting. Usage: node scripts/function-lengths.mjs [N]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const limit = Number(process.argv[2] ?? 15);

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

const rows = [];
for (const file of files(join(root, 'src'))) {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = src.getLineAndCharacterOfPosition(node.getStart(src)).line;
      const end = src.getLineAndCharacterOfPosition(node.getEnd()).line;
      rows.push({ lines: end - start + 1, name: nameOf(node), where: `${relative(root, file)}:${start + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
}
rows.sort((a, b) => b.lines - a.lines || a.where.localeCompare(b.where));
for (const r of rows.slice(0, limit)) console.log(`${String(r.lines).padStart(5)}  ${r.name.padEnd(32)} ${r.where}`);
