/**
 * The write side of the metrics store as the world sees it (src/metrics implements it).
 * Declared here so the world depends on a shape, not on the store's internals.
 */
export type Labels = Readonly<Record<string, string>>;

export interface SeriesSink {
  /** Get-or-create the series with exactly these labels (incl. `__name__`). */
  seriesRef(labels: Labels): number;
  /** Appends a sample; times strictly increase per series. */
  append(ref: number, tMs: number, value: number): void;
  /** Prometheus staleness marker: the series ended at tMs. */
  markStale(ref: number, tMs: number): void;
  /**
   * A hint: series created from now on will get about `samples` samples, so their columns can be
   * sized once instead of doubling (and copying) their way there. Optional for a sink.
   */
  reserve?(samples: number): void;
}
