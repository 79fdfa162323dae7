/**
 * A sweep's worker thread (an entry of its own in the bundle, rolldown.config.mjs): loads each
 * cell's scenario once from the texts it was given, then runs the tasks it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../../model/scenario.js';
import { WorkLimitError } from '../../model/work-limit.js';
import { loadCell } from '../../sweep/load-cell.js';
import { seedOf, taskAt } from '../../sweep/plan.js';
import { encodeRecord } from '../../sweep/record.js';
import { runSeed } from '../../sweep/run-seed.js';
import type { WorkerInit, WorkerReply } from './protocol.js';

const init = workerData as WorkerInit;
const scenarios = new Map<number, Scenario>();
const port = parentPort;

port?.on('message', (task: number) => {
  let reply: WorkerReply;
  try {
    const { cell, seedIndex } = taskAt(init.plan, task);
    const planCell = init.plan.cells[cell];
    if (planCell === undefined) throw new Error(`no cell ${cell}`);
    let scenario = scenarios.get(cell);
    if (scenario === undefined) {
      scenario = loadCell(init.sources, init.plan, planCell);
      scenarios.set(cell, scenario);
    }
    const record = runSeed(scenario, planCell.workload, seedOf(init.plan.baseSeed, seedIndex), init.plan.horizon);
    reply = { task, record: encodeRecord(record) };
  } catch (e) {
    reply = e instanceof WorkLimitError ? { error: e.message, limit: { task } } : { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
