/**
 * Load errors: what went wrong, where (file, 1-based line and column, YAML path), and what to do
 * about it. The loader collects every error it can find, then sorts them by position.
 */

export interface LoadError {
  file: string;
  line: number;
  column: number;
  /** YAML path inside the document, e.g. `spec.strategy.canary.steps[2].setWeight`; '' = whole file. */
  path: string;
  message: string;
  suggestion?: string;
}

/** A position in one source file (1-based line and column). */
export interface Pos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One line per error, compiler style; a suggestion follows in parentheses, or on indented lines
 * when it spans several.
 *
 * Example: formatLoadError({file: 'scenarios/x.yaml', line: 12, column: 7, path: 'spec.traffic.cohrts',
 * message: 'unknown field "cohrts"', suggestion: 'did you mean "cohorts"?'}) ===
 * 'scenarios/x.yaml:12:7: spec.traffic.cohrts: unknown field "cohrts" (did you mean "cohorts"?)'
 */
export function formatLoadError(e: LoadError): string {
  const head = `${e.file}:${e.line}:${e.column}: ${e.path === '' ? '' : e.path + ': '}${e.message}`;
  if (e.suggestion === undefined || e.suggestion === '') return head;
  if (!e.suggestion.includes('\n')) return `${head} (${e.suggestion})`;
  return `${head}\n${e.suggestion.split('\n').map((l) => '    ' + l).join('\n')}`;
}

/**
 * Collects errors from every stage. Files are ordered as they were given (a directory's files
 * are sorted by name), so sorting by (file order, line, column) reads top to bottom.
 */
export class Issues {
  private readonly list: LoadError[] = [];
  private readonly fileOrder = new Map<string, number>();

  /** Registers a file so its errors sort after those of files registered earlier. */
  addFile(file: string): void {
    if (!this.fileOrder.has(file)) this.fileOrder.set(file, this.fileOrder.size);
  }

  add(pos: Pos, path: string, message: string, suggestion?: string): void {
    const e: LoadError = { file: pos.file, line: pos.line, column: pos.column, path, message };
    if (suggestion !== undefined) e.suggestion = suggestion;
    this.list.push(e);
  }

  get count(): number {
    return this.list.length;
  }

  /** The errors sorted by position, exact duplicates removed. */
  sorted(): LoadError[] {
    const order = (f: string): number => this.fileOrder.get(f) ?? this.fileOrder.size;
    const seen = new Set<string>();
    return [...this.list]
      .sort((a, b) => order(a.file) - order(b.file) || a.line - b.line || a.column - b.column)
      .filter((e) => {
        const key = `${e.file}\0${e.line}\0${e.column}\0${e.path}\0${e.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment: insert, delete,
 * substitute or swap two neighbours; each costs 1), because swapped letters are the commonest
 * typo. Case-insensitive so that `SetWeight` is a capital letter away from `setWeight`.
 *
 * Example: editDistance('cohrts', 'cohorts') === 1; editDistance('rnu', 'run') === 1;
 * editDistance('setweight', 'setWeight') === 0.
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let before: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      cur.push(d);
    }
    before = prev;
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: at most 2 edits
 * and fewer edits than half the word's length (so `to` never "means" `at`). Ties go to the
 * earlier candidate. A candidate equal to the word except for case always matches.
 *
 * Example: closest('cohrts', ['seed', 'cohorts']) === 'cohorts'; closest('xyz', ['seed']) === undefined.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  if (bestDistance === 0) return best;
  const limit = Math.min(2, Math.ceil(Math.max(word.length, best.length) / 2) - 1);
  return bestDistance <= limit ? best : undefined;
}

/**
 * `did you mean "x"?` for the closest candidate, else undefined.
 *
 * Example: didYouMean('cohrts', ['cohorts']) === 'did you mean "cohorts"?'
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const c = closest(word, candidates);
  return c === undefined ? undefined : `did you mean "${c}"?`;
}

/**
 * A quoted, comma-separated list for messages.
 *
 * Example: quoteList(['a', 'b']) === '"a", "b"'
 */
export function quoteList(items: Iterable<string>): string {
  return [...items].map((s) => `"${s}"`).join(', ');
}
