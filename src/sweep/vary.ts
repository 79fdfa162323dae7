/**
 * `--vary [KIND[/NAME]:]PATH=V1,V2,…`: which value of which document a sweep varies, and the grid
 * of cells several --vary flags make. Pure text handling; vary-apply.ts edits the documents.
 *
 * PATH is a YAML path into one document of the scenario: keys joined by dots, `[i]` for a list
 * item, `[key=value]` for the list item whose `key` is `value` (a metric by its name). Without a
 * KIND prefix it is the Scenario document; `Rollout:` is the file's Rollout, `Rollout/agent:`
 * or `AnalysisTemplate/error-rate:` a named one. Each value is read as YAML (`2%`, `0.02`, `5m`,
 * `"a,b"` for a value with a comma).
 */
import { parse } from 'yaml';

export type PathSegment = { readonly key: string } | { readonly index: number } | { readonly where: string; readonly equals: string };

export interface VarySpec {
  /** As written before `=`: the cell labels and the JSON name it. */
  readonly target: string;
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly path: readonly PathSegment[];
  /** The values as written, and as YAML read them. */
  readonly texts: readonly string[];
  readonly values: readonly unknown[];
}

/** One cell's settings: for each --vary, the index of its value. */
export type Cell = readonly number[];

/**
 * Example: parseVary('AnalysisTemplate/error-rate:spec.metrics[name=error-rate].failureLimit=0,1')
 * → {target: 'AnalysisTemplate/error-rate:spec.metrics[name=error-rate].failureLimit', kind:
 * 'AnalysisTemplate', name: 'error-rate', path: [{key: 'spec'}, {key: 'metrics'}, {where: 'name',
 * equals: 'error-rate'}, {key: 'failureLimit'}], texts: ['0', '1'], values: [0, 1]}. Bad syntax
 * throws an Error whose message says what a --vary looks like.
 */
export function parseVary(text: string): VarySpec {
  const eq = topLevelIndex(text, '=');
  if (eq <= 0) throw new Error(`--vary ${text}: expected PATH=V1,V2,… (e.g. spec.release.regressions[0].to=1%,2%,5%)`);
  const target = text.slice(0, eq);
  const sel = /^([A-Z][A-Za-z]*)(?:\/([^:]+))?:(.*)$/.exec(target);
  const pathText = sel === null ? target : (sel[3] as string);
  const path = parsePath(pathText, text);
  const texts = splitValues(text.slice(eq + 1));
  if (texts.length === 0 || texts.some((t) => t.trim() === '')) throw new Error(`--vary ${text}: every value must be non-empty (V1,V2,…)`);
  const values = texts.map((t) => {
    try {
      return parse(t) as unknown;
    } catch {
      throw new Error(`--vary ${text}: the value ${t} is not valid YAML (quote it: "${t.replace(/"/g, '\\"')}")`);
    }
  });
  return { target, kind: sel?.[1], name: sel?.[2], path, texts, values };
}

/** Example: parsePath('spec.steps[1].setWeight') → [{key: 'spec'}, {key: 'steps'}, {index: 1}, {key: 'setWeight'}]. */
export function parsePath(p: string, whole = p): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /\.?([^.[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]/y;
  let at = 0;
  while (at < p.length) {
    re.lastIndex = at;
    const m = re.exec(p);
    if (m === null || (m[1] !== undefined && at === 0 && p[0] === '.')) throw new Error(`--vary ${whole}: cannot read the path at "${p.slice(at)}" (keys joined by ".", [i] for a list item, [name=x] for the item named x)`);
    if (m[1] !== undefined) out.push({ key: m[1] });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else out.push({ where: m[3] as string, equals: m[4] as string });
    at = re.lastIndex;
  }
  if (out.length === 0) throw new Error(`--vary ${whole}: the path is empty`);
  return out;
}

/** The path as text again. Example: [{key: 'a'}, {index: 0}, {where: 'name', equals: 'x'}] → 'a[0][name=x]'. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => ('key' in s ? (i === 0 ? s.key : `.${s.key}`) : 'index' in s ? `[${s.index}]` : `[${s.where}=${s.equals}]`)).join('');
}

/**
 * Every combination of the specs' values, the first --vary varying slowest. No --vary: one cell.
 * Example: two specs of 2 and 3 values → [[0,0],[0,1],[0,2],[1,0],[1,1],[1,2]].
 */
export function grid(specs: readonly VarySpec[]): Cell[] {
  let cells: number[][] = [[]];
  for (const s of specs) cells = cells.flatMap((c) => s.values.map((_, i) => [...c, i]));
  return cells;
}

/** A cell's label. Example: 'spec.release.regressions[0].to=2%, Rollout:spec.strategy.canary.steps[0].setWeight=10'; '' without --vary. */
export function cellLabel(specs: readonly VarySpec[], cell: Cell): string {
  return specs.map((s, i) => `${s.target}=${s.texts[cell[i] ?? 0] ?? ''}`).join(', ');
}

/** The index of the first `ch` outside brackets, braces and quotes; -1 when none. */
function topLevelIndex(text: string, ch: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

/** Example: splitValues('1%,"a,b",[1, 2]') → ['1%', '"a,b"', '[1, 2]']. */
function splitValues(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (let i = topLevelIndex(rest, ','); i >= 0; i = topLevelIndex(rest, ',')) {
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}
