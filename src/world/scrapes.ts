/**
 * Prometheus scraping the pods: every `scrapeInterval` until the scenario ends, each pod's series
 * are written to the store. Scrapes run last at their instant (OBSERVE), after the requests and
 * the control plane, so a scrape sees everything that happened up to and at its time.
 */
import { OBSERVE, type Engine } from '../engine/engine.js';
import type { Scenario } from '../model/scenario.js';
import type { Cluster } from './cluster.js';
import type { SeriesSink } from './series-sink.js';

export class Scrapes {
  private readonly scrapeKind: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly engine: Engine,
    private readonly cluster: Cluster,
    private readonly sink: SeriesSink,
  ) {
    this.scrapeKind = engine.register(this.onScrape);
  }

  /** Schedules the first scrape, one interval in (none when that is past the scenario's end). */
  start(): void {
    const { scrapeInterval, duration } = this.scenario;
    if (scrapeInterval <= duration) this.engine.schedule(scrapeInterval, OBSERVE, this.scrapeKind, 0);
  }

  private readonly onScrape = (): void => {
    const { scrapeInterval, duration } = this.scenario;
    // A series created at this scrape gets one sample here and at every scrape left.
    this.sink.reserve?.(Math.floor((duration - this.engine.now) / scrapeInterval) + 1);
    this.cluster.scrape(this.sink, this.engine.now);
    if (this.engine.now + scrapeInterval <= duration) this.engine.schedule(scrapeInterval, OBSERVE, this.scrapeKind, 0);
  };
}
