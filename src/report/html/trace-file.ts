/**
 * A saved trace (`--output jsonl`) read back into runs: one JSON event a line, each run starting
 * with its SimulationStarted and ending with its Summary (`compare` writes its strategies one after
 * the other). Pure: the CLI reads the file, this checks what it needs and says where it is wrong.
 */
import { SCHEMA_VERSION, type SimEvent } from '../../model/events.js';

export type TraceRead = { readonly ok: true; readonly runs: SimEvent[][] } | { readonly ok: false; readonly line: number; readonly message: string };

/**
 * The runs of a trace text. Blank lines are skipped; a line that is not an event, an event before
 * the first SimulationStarted, or a run without its Summary is an error naming the line.
 * Example: '{"t":0,"type":"SimulationStarted",…}\n…{"t":3600000,"type":"Summary",…}\n' → {ok: true, runs: [[…]]};
 * 'hello' → {ok: false, line: 1, message: 'not JSON: …'}.
 */
export function readTrace(text: string): TraceRead {
  const runs: SimEvent[][] = [];
  const lines = text.split('\n');
  let current: SimEvent[] | undefined;
  let startLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      return { ok: false, line: i + 1, message: `not JSON: ${(e as Error).message}` };
    }
    if (!isEvent(value)) return { ok: false, line: i + 1, message: 'not a trace event (each line is an object with a numeric "t" and a string "type")' };
    if (value.type === 'SimulationStarted') {
      if (current !== undefined) return unfinished(startLine);
      if (value.schemaVersion !== SCHEMA_VERSION) return { ok: false, line: i + 1, message: `trace schema version ${String(value.schemaVersion)}, and this rollout-sim reads version ${SCHEMA_VERSION}: write the trace again with this version` };
      if (!Array.isArray(value.steps) || !Array.isArray(value.metrics)) return { ok: false, line: i + 1, message: 'a SimulationStarted without its steps and metrics lists (see schema/trace.schema.json)' };
      current = [];
      startLine = i + 1;
      runs.push(current);
    } else if (current === undefined) {
      return { ok: false, line: i + 1, message: `a ${value.type} event before any SimulationStarted: the trace must start with one (write it with --output jsonl)` };
    }
    if (value.type === 'Summary' && (typeof value.versions !== 'object' || value.versions === null)) return { ok: false, line: i + 1, message: 'a Summary without its versions (see schema/summary.schema.json)' };
    current.push(value);
    if (value.type === 'Summary') current = undefined;
  }
  if (current !== undefined) return unfinished(startLine);
  if (runs.length === 0) return { ok: false, line: 1, message: 'no events: the trace is empty' };
  return { ok: true, runs };
}

function unfinished(line: number): TraceRead {
  return { ok: false, line, message: 'the run that starts here has no Summary: the trace was cut short (an interrupted run writes none)' };
}

function isEvent(v: unknown): v is SimEvent {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o['t'] === 'number' && typeof o['type'] === 'string';
}
