/**
 * The proleptic Gregorian date of a day count since 1970-01-01 (UTC), by Howard Hinnant's
 * civil_from_days. Shared by PromQL's date functions and the experiment's RFC 3339 times.
 *
 * Example: civilFromDays(0) → [1970, 1, 1]; civilFromDays(-1) → [1969, 12, 31]; civilFromDays(19723) → [2024, 1, 1].
 */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doyMar = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyMar + 2) / 153);
  const d = doyMar - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
