/**
 * YAML syntax errors in plain words. The yaml library finds the error but words it in its own
 * jargon ("Implicit keys need to be on a single line"), often a line or more away from the
 * mistake (an unclosed quote is reported at the end of the file). Here the mistake is located
 * again, from what did parse before it: the block structure (which column each open map or list
 * lines its items up at) gives "indented more/less than its siblings" and the YAML path, and the
 * library's concrete syntax tree finds an unclosed quote or bracket where it opens.
 */
import { Parser } from 'yaml';
import type { YAMLError } from 'yaml';
import { chainBefore, hasKeyAt, itemPath, keyPath, lineOf, lineStart, lineText, parsePrefix, yamlText } from './yaml-lines.js';
import type { Open, YamlText } from './yaml-lines.js';
import { child, index } from './yaml-path.js';

/** A syntax error located and worded for a person: `offset` is a character offset in the text. */
export interface SyntaxProblem {
  readonly offset: number;
  readonly path: string;
  readonly message: string;
  readonly suggestion?: string;
}

/**
 * Words and locates the first syntax error of a document.
 *
 * Example: for "spec:\n  replicas: 2\n    selector: x\n" (the library's error: "Nested mappings are
 * not allowed in compact mappings" at line 2) gives {offset: 24 (line 3, column 5), path:
 * 'spec.selector', message: 'this line is indented more than its siblings', suggestion: 'line it up
 * with "replicas" on line 2, column 3, or end the line above with ":" to nest it there'}.
 */
export function diagnoseSyntax(text: string, error: YAMLError, docStart: number): SyntaxProblem {
  const t = yamlText(text);
  const at = error.pos[0];
  const errLine = lineOf(t, at);
  if (error.code === 'TAB_AS_INDENT') return tabProblem(t, at);
  const helm = helmTemplate(t, docStart, at);
  if (helm !== undefined) return helm;
  // The CST costs a second parse: only worth it where a quote or bracket could be open.
  const unclosed = /["'[{]/.test(t.text.slice(docStart, at + 1)) ? unclosedToken(t, docStart, at) : undefined;
  if (unclosed !== undefined) return unclosed;
  const dashed = dashWithoutSpace(t, errLine);
  if (dashed !== undefined) return dashed;
  // The library may report a mistake on the line before it (a value it took for a multi-line key).
  for (let l = errLine; l < Math.min(errLine + 3, t.lines.length); l++) {
    const p = lineProblem(t, l, l === errLine);
    if (p !== undefined) return p;
  }
  const chain = chainBefore(t, errLine);
  return { offset: at, path: chain.openKey?.path ?? chain.opens.at(-1)?.path ?? '', message: `the YAML cannot be read here: ${plainLibraryMessage(error.message)}` };
}

function tabProblem(t: YamlText, at: number): SyntaxProblem {
  const l = lineOf(t, at);
  const content = lineText(t, l).trim();
  const chain = chainBefore(t, l);
  const isItem = /^-(\s|$)/.test(content);
  // The tab hides the intended depth: name the place after the line above.
  const inner = [...chain.opens].reverse().find((o) => o.kind === (isItem ? 'seq' : 'map'));
  let path = inner === undefined ? '' : itemPath(inner, content, isItem);
  if (chain.openKey !== undefined) path = isItem ? index(chain.openKey.path, 0) : keyPath(chain.openKey.path, content);
  return { offset: at, path, message: 'a tab character cannot indent YAML; use spaces', suggestion: 'replace the tab with spaces; most editors can insert spaces for the Tab key' };
}

/**
 * The problem on line `l` (0-based), if its indentation or shape cannot fit the block structure
 * above it. `reported`: the library's error is on this line (it took the line for a key).
 */
function lineProblem(t: YamlText, l: number, reported: boolean): SyntaxProblem | undefined {
  const raw = lineText(t, l);
  const content = raw.trimStart();
  if (content === '' || content.startsWith('#') || content.startsWith('---') || content.startsWith('...')) return undefined;
  const col = raw.length - content.length + 1;
  const offset = lineStart(t, l) + col - 1;
  const isItem = /^-(\s|$)/.test(content);
  const chain = chainBefore(t, l);
  if (chain.openKey !== undefined && col > chain.openKey.col) {
    // The first line of a block just opened: its indentation is free.
    return reported && !isItem && !hasColon(content) ? missingColon(offset, content, chain.openKey.path) : undefined;
  }
  if (chain.openKey !== undefined && isItem && col === chain.openKey.col) return undefined; // `steps:` then `- …` at the key's column
  const kind = isItem ? 'seq' : 'map';
  const same = chain.opens.filter((o) => o.kind === kind);
  if (same.some((o) => o.col === col)) {
    const o = [...same].reverse().find((x) => x.col === col) as Open;
    return !isItem && !hasColon(content) ? missingColon(offset, content, o.path) : undefined;
  }
  if (isItem && same.length === 0) {
    const m = chain.opens.at(-1);
    if (m === undefined) return undefined;
    return { offset, path: m.path, message: 'a list item ("- ") where a key is expected', suggestion: `${m.path === '' ? 'the document' : m.path} holds keys here (${m.last}); a list goes under a key that ends with ":"` };
  }
  // The nearest column wins; on a tie the inner block (the likelier intent).
  let near: Open | undefined;
  for (const o of same) if (near === undefined || Math.abs(o.col - col) <= Math.abs(near.col - col)) near = o;
  if (near === undefined) return undefined;
  const more = col > near.col;
  return {
    offset,
    path: itemPath(near, content, isItem),
    message: `this line is indented ${more ? 'more' : 'less'} than its siblings`,
    suggestion: `line it up with ${near.last}, column ${near.col}${more && chain.openKey === undefined ? ', or end the line above with ":" to nest it there' : ''}`,
  };
}

/** What a Helm chart's unrendered template is called (lint skips such a file with a note). */
export const HELM_TEMPLATE = 'a Helm template ("{{ … }}") is not YAML';

/** A Helm chart's template (`image: {{ .Values.image }}`) is not YAML until rendered: say so at its first `{{`. */
function helmTemplate(t: YamlText, docStart: number, at: number): SyntaxProblem | undefined {
  const m = /\{\{[^\n]*\}\}/.exec(t.text.slice(docStart, at + 1));
  if (m === null) return undefined;
  const offset = docStart + m.index;
  const l = lineOf(t, offset);
  const chain = chainBefore(t, l);
  const content = lineText(t, l).trim();
  const inner = [...chain.opens].reverse().find((o) => o.kind === 'map');
  const path = chain.openKey !== undefined ? keyPath(chain.openKey.path, content) : inner === undefined ? '' : keyPath(inner.path, content);
  return { offset, path, message: HELM_TEMPLATE, suggestion: 'render the chart first (helm template NAME CHART > rendered.yaml) and simulate the rendered manifests' };
}

/** `-setWeight: 20` is a key named "-setWeight", and the next `- pause` breaks the block: say why. */
function dashWithoutSpace(t: YamlText, errLine: number): SyntaxProblem | undefined {
  let tries = 0;
  for (let l = 0; l <= errLine && l < t.lines.length && tries < 20; l++) {
    const raw = lineText(t, l);
    const m = /^(\s*)-([A-Za-z_"'{[][^:]*:)/.exec(raw);
    if (m === null) continue;
    tries += 1;
    // Only where the parsed part really has that key (not a line inside a block scalar or a string).
    const prefix = parsePrefix(t, l + 1);
    if (!hasKeyAt(prefix.doc, lineStart(t, l) + (m[1]?.length ?? 0))) continue;
    const chain = chainBefore(t, l);
    const col = (m[1]?.length ?? 0) + 1;
    const seqs = chain.opens.filter((o) => o.kind === 'seq');
    const seq = [...seqs].reverse().find((o) => o.col === col) ?? seqs.at(-1);
    const path = chain.openKey !== undefined && col > chain.openKey.col ? index(chain.openKey.path, 0) : seq === undefined ? (chain.openKey?.path ?? '') : index(seq.path, seq.count);
    return { offset: lineStart(t, l) + (m[1]?.length ?? 0), path, message: 'a list item needs a space after "-"', suggestion: `write "- ${raw.trim().slice(1)}"` };
  }
  return undefined;
}

function missingColon(offset: number, content: string, parent: string): SyntaxProblem {
  const body = content.replace(/\s+#.*$/, '').trimEnd();
  const word = /^\S+/.exec(body)?.[0] ?? body;
  const rest = body.slice(word.length).trim();
  if (word.length > 60) return { offset: offset + word.length, path: parent, message: 'a key is missing its ":"' };
  return { offset: offset + word.length, path: child(parent, word), message: 'a key is missing its ":"', suggestion: `write "${word}:${rest === '' ? '' : ' ' + rest}"` };
}

/** A `key:` outside quotes and comments. Example: hasColon('a: 1') === true; hasColon('"a: b" # c: d') === false. */
function hasColon(content: string): boolean {
  // Quoted text blanked first: one pass each, linear (no alternation that could backtrack).
  const bare = content.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""');
  return /:(\s|$)/.test(bare.split(/(^|\s)#/)[0] ?? '');
}

interface CstToken {
  type?: string;
  offset?: number;
  source?: string;
  start?: unknown;
  end?: unknown;
}

/** An unclosed quoted string or flow collection that starts at or before `at`, found in the CST. */
function unclosedToken(t: YamlText, docStart: number, at: number): SyntaxProblem | undefined {
  const errLine = lineOf(t, at);
  let found: { offset: number; what: 'dq' | 'sq' | 'seq' | 'map'; end?: number } | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > 200) return;
    if (Array.isArray(node)) return node.forEach((x) => visit(x, depth + 1));
    const tok = node as CstToken;
    const off = tok.offset ?? -1;
    // The innermost wins: in `{rps: [1, 2}` the `}` closed nothing, the "]" is what is missing.
    if (off >= docStart && off <= at && (found === undefined || off > found.offset)) {
      const src = tok.source ?? '';
      // A string that "closes" on the line of the error, lines after it opened, took a later quote
      // for its end (`query: …{code="500"}`): its own closing quote is what is missing.
      const runsOn = /\n\s*[-\w.]+:(\s|$)/.test(src) && lineOf(t, off + src.length) >= errLine - 1;
      if (tok.type === 'double-quoted-scalar' && (runsOn || !/^"(?:[^"\\]|\\[\s\S])*"$/.test(src))) found = { offset: off, what: 'dq', end: off + src.length };
      if (tok.type === 'single-quoted-scalar' && (runsOn || !/^'(?:[^']|'')*'$/.test(src))) found = { offset: off, what: 'sq', end: off + src.length };
      if (tok.type === 'flow-collection') {
        const open = (tok.start as CstToken | undefined)?.source;
        const ends = Array.isArray(tok.end) ? (tok.end as CstToken[]) : [];
        if (!ends.some((e) => e.type === (open === '{' ? 'flow-map-end' : 'flow-seq-end'))) found = { offset: off, what: open === '{' ? 'map' : 'seq' };
      }
    }
    for (const v of Object.values(tok)) if (typeof v === 'object') visit(v, depth + 1);
  };
  for (const tok of new Parser().parse(t.text)) visit(tok, 0);
  if (found === undefined) return undefined;
  const l = lineOf(t, found.offset);
  const endLine = found.end === undefined ? l : lineOf(t, Math.min(found.end, t.text.length) - 1);
  const runsTo = found.end !== undefined && endLine > l && found.end < t.text.length ? `: as written it runs on to line ${endLine + 1}` : '';
  const chain = chainBefore(t, l);
  const before = t.text.slice(lineStart(t, l), found.offset).trim();
  const item = /^-(\s|$)/.test(before);
  const inner = [...chain.opens].reverse().find((o) => (item ? o.kind === 'seq' : o.kind === 'map'));
  const base = chain.openKey?.path ?? (item && inner !== undefined ? index(inner.path, inner.count) : inner?.path ?? '');
  // A line of thousands of characters is no hand-written YAML: its path stops at the line.
  const path = before.length > 2000 ? base : flowPath(base, item ? before.replace(/^-\s*/, '') : before);
  switch (found.what) {
    case 'dq': return { offset: found.offset, path, message: 'unclosed quote: this "…" string has no closing "', suggestion: runsTo === '' ? `end the string with " on line ${l + 1}; a " inside it is written \\"` : `end the string with " on line ${l + 1}${runsTo}` };
    case 'sq': return { offset: found.offset, path, message: "unclosed quote: this '…' string has no closing '", suggestion: runsTo === '' ? `end the string with ' on line ${l + 1}; a ' inside it is written ''` : `end the string with ' on line ${l + 1}${runsTo}` };
    case 'seq': return { offset: found.offset, path, message: 'unclosed "[": this list has no closing "]"', suggestion: 'end the list with "]"' };
    case 'map': return { offset: found.offset, path, message: 'unclosed "{": this map has no closing "}"', suggestion: 'end the map with "}"' };
  }
}

/**
 * The path at the end of a line's text, through flow collections opened on it.
 * Example: flowPath('spec', 'traffic: {rps:') === 'spec.traffic.rps';
 * flowPath('', 'args: [a, {name: b, value:') === 'args[1].value'.
 */
export function flowPath(base: string, line: string): string {
  const segs: { key?: string; i?: number }[] = [{}];
  for (const m of line.matchAll(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|([^\s{}[\],:"'][^{}[\],:]*?)\s*:(?=\s|$)|[{}[\],]/g)) {
    const top = segs[segs.length - 1] as { key?: string; i?: number };
    const t = m[0];
    if (m[1] !== undefined) top.key = m[1];
    else if (t === '{') segs.push({});
    else if (t === '[') segs.push({ i: 0 });
    else if ((t === '}' || t === ']') && segs.length > 1) segs.pop();
    else if (t === ',') {
      top.key = undefined;
      if (top.i !== undefined) top.i += 1;
    }
  }
  let path = base;
  segs.forEach((sg, d) => {
    if (sg.i !== undefined && d < segs.length - 1) path = index(path, sg.i);
    if (sg.key !== undefined) path = child(path, sg.key);
  });
  return path;
}

/** The yaml library's wording, first line, without its own position suffix. */
function plainLibraryMessage(m: string): string {
  const first = (m.split('\n')[0] ?? m).replace(/ at line \d+, column \d+:?$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

