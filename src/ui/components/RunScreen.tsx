/**
 * The run view, laid out for the terminal: header beside steps, traffic, ReplicaSets, sparklines
 * and AnalysisRuns (or, at the end, the summary and how to replay), the why-line, the harmed
 * counter and the status line; the event log prints above it. Layout only: every piece is a
 * slice of the snapshot.
 */
import { Box } from 'ink';
import { replayLines } from '../format/replay.js';
import { runLayout } from '../layout.js';
import type { RunSnapshot } from '../state/types.js';
import { AnalysisRuns } from './AnalysisRuns.js';
import { EventLog } from './EventLog.js';
import { Harmed } from './Harmed.js';
import { Header } from './Header.js';
import { ReplayHint } from './ReplayHint.js';
import { ReplicaSets } from './ReplicaSets.js';
import { Services } from './Services.js';
import { Sparklines } from './Sparklines.js';
import { StatusLine, type KeySet } from './StatusLine.js';
import { Steps } from './Steps.js';
import { SummaryBox } from './SummaryBox.js';
import { TrafficBar } from './TrafficBar.js';
import { WhyLine } from './WhyLine.js';

export interface RunScreenProps {
  /** The run snapshot to draw. */
  readonly snapshot: RunSnapshot;
  /** Terminal width in columns. */
  readonly columns: number;
  /** Terminal height in rows (the live area stays below it). */
  readonly rows: number;
  /** Draw in colour; false for `--no-color` / `NO_COLOR`. */
  readonly color: boolean;
  /** Which keys work (shown in the status line). */
  readonly keys: KeySet;
  /** Print the event log through <Static>. @default true */
  readonly log?: boolean;
}

export function RunScreen({ snapshot: s, columns, rows, color, keys, log = true }: RunScreenProps) {
  const l = runLayout(s, columns, rows);
  const final = s.summary !== undefined;
  const steps =
    s.services.length > 0
      ? <Services services={s.services} width={l.rightWidth} />
      : <Steps steps={s.steps} maxRows={1 + l.stepsMax} width={l.rightWidth} strategy={s.header.strategy} />;
  const replicaSets = (width: number) => <ReplicaSets replicaSets={s.replicaSets} width={width} legend={width >= 100} />;
  return (
    <Box flexDirection="column" width={columns}>
      {log ? <EventLog entries={s.log} totalSteps={s.context.steps.length} color={color} width={columns} /> : null}
      <Box flexDirection={l.twoColumns ? 'row' : 'column'} columnGap={2}>
        <Header header={s.header} mode={l.header} width={l.leftWidth} />
        <Box flexDirection="column" rowGap={1}>
          {steps}
          {l.replicaSetsRight ? replicaSets(l.rightWidth) : null}
        </Box>
      </Box>
      <TrafficBar traffic={s.traffic} width={columns} />
      {l.replicaSetsRight ? null : replicaSets(columns)}
      {l.gap ? <Box height={1} /> : null}
      {final ? (
        <>
          <SummaryBox summary={s.summary} color={color} width={columns} />
          <ReplayHint lines={replayLines(s.context, s.operatorActions, s.now, s.keysPressed)} width={columns} />
        </>
      ) : (
        <>
          {l.sparklines !== 'none' ? <Sparklines series={s.series} width={columns} title={l.sparklines === 'titled'} /> : null}
          <AnalysisRuns runs={s.analysisRuns} max={l.analysisMax} metrics={l.analysisMetrics} width={columns} />
        </>
      )}
      {l.gap ? <Box height={1} /> : null}
      <WhyLine why={s.why} width={columns} lines={l.whyLines} />
      <Harmed harmed={s.harmed} width={columns} />
      <StatusLine
        now={s.now} until={s.context.until} playback={s.playback} keys={keys} finished={final} width={columns}
        title={`${s.context.scenario} · seed ${s.context.seed}`}
      />
    </Box>
  );
}
