/**
 * Vega-Lite specs rendered to SVG text in Node by Vega's headless view (no DOM, no canvas: text
 * widths are estimated, which is deterministic). Vega and Vega-Lite load here only, and this module
 * only when a report is asked for (the CLI imports it dynamically): start-up stays as it was.
 *
 * Vega numbers clip paths from a counter shared by the whole process, so the same chart rendered
 * twice would differ (`clip1`, then `clip2`), and two charts of one page could collide: every id is
 * renamed after the chart (`ids`), in order of appearance.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec as the spec builders write it (plain JSON). */
export type VlSpec = Record<string, unknown>;

/** What a render said besides the SVG: Vega-Lite's and Vega's warnings (a test keeps them empty). */
export interface Rendered {
  readonly svg: string;
  readonly warnings: readonly string[];
}

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');
let loaded: Promise<[VegaModule, VegaLiteModule]> | undefined;

/** The chart `spec` as SVG; `name` prefixes its ids (unique within a page). */
export async function renderSvg(spec: VlSpec, name: string): Promise<Rendered> {
  loaded ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vl] = await loaded;
  const warnings: string[] = [];
  const logger = quietLogger(vega, warnings);
  const compiled = vl.compile(spec as unknown as TopLevelSpec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    return { svg: ids(svg, name), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * A logger that keeps warnings and errors instead of printing them (a report is written to a file;
 * stdout and stderr stay the run's).
 */
function quietLogger(vega: VegaModule, sink: string[]) {
  let level = vega.Warn;
  const keep = (...args: readonly unknown[]): void => void sink.push(args.map(String).join(' '));
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error: (...a: readonly unknown[]) => (keep(...a), logger),
    warn: (...a: readonly unknown[]) => (keep(...a), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger as never;
}

/**
 * Every `id` of the SVG renamed `<name>-<n>` in order of appearance, with its references.
 * Example: ids('<clipPath id="clip7"/><g clip-path="url(#clip7)"/>', 'err') →
 * '<clipPath id="err-1"/><g clip-path="url(#err-1)"/>'.
 */
export function ids(svg: string, name: string): string {
  const renamed = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = m[1] as string;
    if (!renamed.has(id)) renamed.set(id, `${name}-${renamed.size + 1}`);
  }
  if (renamed.size === 0) return svg;
  return svg.replace(/\bid="([^"]+)"|url\(#([^)]+)\)|href="#([^"]+)"/g, (whole, a?: string, b?: string, c?: string) => {
    const to = renamed.get((a ?? b ?? c) as string);
    if (to === undefined) return whole;
    return a !== undefined ? `id="${to}"` : b !== undefined ? `url(#${to})` : `href="#${to}"`;
  });
}
