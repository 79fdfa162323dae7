/**
 * The lognormal service time a `latency: {median, p99}` describes, as plain numbers: the world
 * draws from it, and the loader sizes default traffic by its mean.
 */

/** z-score of the 99th percentile of a standard normal. */
export const Z99 = 2.3263478740408408;

/** Lognormal shape: ln(p99 / median) / z99. Example: {median: 900, p99: 4000} → ≈ 0.641. */
export function lognormalSigma(latency: { readonly median: number; readonly p99: number }): number {
  return Math.log(latency.p99 / latency.median) / Z99;
}

/** Mean in ms, median × exp(sigma² / 2). Example: {median: 900, p99: 4000} → ≈ 1106. */
export function lognormalMeanMs(latency: { readonly median: number; readonly p99: number }): number {
  const sigma = lognormalSigma(latency);
  return latency.median * Math.exp((sigma * sigma) / 2);
}
