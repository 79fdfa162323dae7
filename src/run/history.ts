/**
 * The world's history before the update. A real cluster has served traffic for a long time when
 * a Rollout's template changes, so a query with a `[5m]` range or Prometheus' 5-minute lookback
 * has data at its first measurement. The simulated world starts that much before t = 0 (the
 * engine's clock runs from a negative time), serving the stable version; times in the trace, the
 * scenario and the Summary stay what they were: t = 0 is the start of the scenario's window.
 */
export const MIN_HISTORY_MS = 5 * 60_000;

/**
 * Ms the world runs before t = 0: at least 5 minutes and the longest span any query reads back,
 * less what `release.at` already gives, rounded up to whole scrape intervals (so the scrapes fall
 * on the same instants as without history).
 * Example: scrape 15 s, release.at 0, lookback 0 → 300000; lookback 10m → 600000;
 * release.at 2m, lookback 0 → 180000; release.at 10m → 0.
 */
export function historyMs(scrapeInterval: number, releaseAt: number, queryLookbackMs: number): number {
  const missing = Math.max(MIN_HISTORY_MS, queryLookbackMs) - releaseAt;
  return missing <= 0 ? 0 : Math.ceil(missing / scrapeInterval) * scrapeInterval;
}
