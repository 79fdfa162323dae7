/**
 * canary.pingPong with ALB (Argo's rollout/service.go reconcilePingAndPongService, sync.go
 * promoteStable, trafficrouting/service_helper.go GetStableAndCanaryServices): after the first
 * deploy the ping Service is stable (status.canary.stablePingPong "ping"); an update points the
 * canary-role Service (pong) at the new ReplicaSet, the ALB splits the weight between ping and
 * pong, and at promotion the roles swap: pong carries the stable (100 %), ping keeps the old
 * ReplicaSet until the next update. The manifest is Argo's e2e test/e2e/functional/alb-pingpong-rollout.yaml.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialStatus, startUpdate } from '../../src/controller/status.js';
import { routesFor, serviceNames, type RoutingContext } from '../../src/run/routing.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { templateHash } from '../../src/world/pods.js';
import { decisions, runYaml } from '../helpers/run-yaml.js';

const SCENARIO = `---
apiVersion: rollout-sim/v1alpha1
kind: Scenario
metadata: {name: pingpong}
spec:
  duration: 5m
  traffic: {rps: 4}
  agent: {startup: 10s}
`;
const text = readFileSync('test/corpus/argo-e2e-alb-pingpong.yaml', 'utf8') + SCENARIO;
const v1 = templateHash('argoproj/rollouts-demo:stable');
const v2 = templateHash('argoproj/rollouts-demo:red');

describe('ALB pingPong', () => {
  it('pong selects the release at the update, the weight moves through the steps, promotion makes pong stable', () => {
    const r = loadScenarioText(text, 'pingpong.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const w = r.scenario.workloads[0];
    if (w === undefined) throw new Error('no workload');
    // service_helper.go: ALB routes through ping and pong, whatever stable/canaryService say.
    expect(serviceNames(w).map((s) => s.host)).toEqual(['ping-service', 'pong-service']);
    const events = runYaml(text);
    expect(decisions(events, ['ServiceSwitched', 'WeightChanged', 'StepCompleted', 'RolloutPromoted', 'ReplicaSetScaled'])).toEqual([
      `0s ServiceSwitched {"service":"pong-service","to":"${v2}"}`,
      `0s ReplicaSetScaled {"role":"canary","hash":"${v2}","replicas":1}`,
      '10s WeightChanged {"canary":25,"stable":75,"actual":25}',
      '10s StepCompleted {"index":0}',
      '15s StepCompleted {"index":1}',
      `15s ReplicaSetScaled {"role":"canary","hash":"${v2}","replicas":2}`,
      '25s WeightChanged {"canary":100,"stable":0,"actual":100}',
      '25s RolloutPromoted {}',
      // Promoted: pong is the stable Service now and carries everything; ping keeps v1 (scaled down).
      '25s WeightChanged {"canary":0,"stable":100,"actual":0}',
      `27s ReplicaSetScaled {"role":"stable","hash":"${v1}","replicas":0}`,
    ]);
  });

  it('the route plan sends the stable share through ping before the promotion and through pong after it', () => {
    const ctx: RoutingContext = { model: 'router', rsByHash: new Map([[v1, 0], [v2, 1]]), primaryService: 10, secondaryService: 11, cohorts: [] };
    const during = { ...startUpdate(initialStatus(v1, 2), v2, 2), canaryWeight: 25, pingPong: { stable: 'ping' as const, ping: v1, pong: v2 } };
    expect(routesFor(ctx, during)).toEqual([{ weight: 75, rs: [0], service: 10 }, { weight: 25, rs: [1], service: 11 }]);
    const promoted = { ...during, stableRS: v2, canaryWeight: 0, pingPong: { stable: 'pong' as const, ping: v1, pong: v2 } };
    expect(routesFor(ctx, promoted)).toEqual([{ weight: 100, rs: [1], service: 11 }]);
  });
});
