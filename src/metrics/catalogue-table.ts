/**
 * The README's table of exported families, generated from the catalogue (a test keeps the README
 * equal to it, so the two never drift).
 *
 * Example row: | `up` | gauge | prometheus | *target* | 1 at every scrape of a live pod; … |
 */
import { FAMILIES, TARGET_LABELS, type Family } from './catalogue.js';

/** Labels as the README shows them: the five target labels abbreviated to *target*. */
function labelCell(f: Family): string {
  const target = TARGET_LABELS.every((l) => f.labels.includes(l));
  const own = f.labels.filter((l) => !target || !(TARGET_LABELS as readonly string[]).includes(l)).map((l) => `\`${l}\``);
  return [...(target ? ['*target*'] : []), ...own].join(', ');
}

/** The markdown table, one row per family in catalogue order. */
export function catalogueTable(): string {
  const rows = FAMILIES.map((f) => {
    const name = f.type === 'histogram' ? `\`${f.name}_{bucket,sum,count}\`` : `\`${f.name}\``;
    return `| ${name} | ${f.type} | ${f.exporter} | ${labelCell(f)} | ${f.help} |`;
  });
  return ['| Family | Type | Exported by | Labels | Values |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
