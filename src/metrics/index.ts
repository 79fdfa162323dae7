/** The metrics store and its text formats. */
export { createMetricStore, lastIndexAtOrBefore, firstIndexAtOrAfter } from './store.js';
export type { MetricStore, LabelMatcher, MatchType, SeriesView, Labels } from './store.js';
export { writeOpenMetrics, parseOpenMetrics } from './openmetrics.js';
export type { ParseResult } from './openmetrics.js';
export { loadDataset, parsePromtoolDump } from './dataset.js';
