/**
 * `simulate lint` reads every valid Argo manifest, including the features the simulator does not
 * model (a step combining setWeight with a route, `replicaProgressThreshold`, …). A run refuses
 * those; lint sets the node aside and lints the rest, noting what it skipped. Setting aside keeps
 * every other node where it was written: a canary step becomes a zero pause (so later steps keep
 * their indices and the weights their order), any other node is removed from its mapping.
 */
import { isMap } from 'yaml';
import type { SourceDoc } from './yaml-doc.js';

/** A node to set aside: the file and line an error named, and its YAML path. */
export interface Prune {
  readonly file: string;
  readonly line: number;
  readonly path: string;
}

/** Sets aside each pruned node in the document of its file that holds its line. */
export function applyPrunes(docs: readonly SourceDoc[], prunes: readonly Prune[]): void {
  for (const p of prunes) {
    const sd = docs.find((d) => d.file === p.file && holdsLine(d, p.line));
    if (sd === undefined) continue;
    const segments = pathSegments(p.path);
    const step = stepPrefix(segments);
    if (step !== undefined) {
      if (isMap(sd.doc.getIn(step, true))) sd.doc.setIn(step, sd.doc.createNode({ pause: { duration: 0 } }));
    } else if (segments.length > 0 && sd.doc.hasIn(segments)) {
      sd.doc.deleteIn(segments);
    }
  }
}

/**
 * A YAML path as the yaml library's key list.
 * Example: pathSegments('spec.strategy.canary.steps[1].experiment') →
 * ['spec', 'strategy', 'canary', 'steps', 1, 'experiment']; pathSegments('') → [].
 */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/**
 * The path of the canary step holding a node, if any.
 * Example: stepPrefix(['spec', 'strategy', 'canary', 'steps', 1, 'experiment']) →
 * ['spec', 'strategy', 'canary', 'steps', 1].
 */
export function stepPrefix(segments: readonly (string | number)[]): (string | number)[] | undefined {
  const at = segments.indexOf('steps');
  if (at < 0 || typeof segments[at + 1] !== 'number' || segments[at - 1] !== 'canary') return undefined;
  return segments.slice(0, at + 2);
}

function holdsLine(sd: SourceDoc, line: number): boolean {
  const offset = sd.lines.lineStarts[line - 1];
  if (offset === undefined) return false;
  const [start, , end] = sd.doc.range;
  // The first line of a document may start before its range (a `---` marker, a comment).
  const first = sd.lines.linePos(start).line;
  return line >= first && offset <= end;
}
