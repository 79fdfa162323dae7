/**
 * The cluster side of experiment steps: each Experiment template's ReplicaSet in the world, named
 * as Argo names it (`<experiment>-<template>-<podTemplateHash>`, utils/experiment
 * ReplicasetNameFromExperiment), its pods running the stable or the release version per `specRef`,
 * and the trace events for its creation and scaling.
 */
import { experimentRsKey } from '../controller/experiment.js';
import type { ExperimentStep, ExperimentTemplate } from '../model/rollout.js';
import type { SimEvent } from '../model/events.js';
import { templateHash } from '../world/pods.js';
import { RELEASE_VERSION, STABLE_VERSION, type World } from '../world/world.js';

export interface ExperimentReplicaSet {
  readonly id: number;
  readonly hash: string;
  readonly rs: string;
  readonly template: ExperimentTemplate;
}

export interface ExperimentReplicaSets {
  /** By `<experiment>/<template>`. */
  readonly byKey: ReadonlyMap<string, ExperimentReplicaSet>;
  create(name: string, stepIndex: number, spec: ExperimentStep): void;
  scale(experiment: string, template: string, replicas: number): void;
}

export interface ExperimentWorld {
  readonly world: World;
  readonly now: () => number;
  readonly emit: (e: SimEvent) => void;
  readonly stableImage: string;
  readonly releaseImage: string;
  /** The pod-template hashes of the stable and the release ReplicaSets. */
  readonly stableHash: () => string;
  readonly releaseHash: () => string;
}

/**
 * The pod-template hash of an experiment template: its source ReplicaSet's template plus the
 * labels Argo adds, so it differs from the source's. Example: experimentHash('7c9f…', true) is
 * stable across runs and differs from experimentHash('7c9f…', false).
 */
export function experimentHash(sourceHash: string, sharesSelector: boolean): string {
  return templateHash(`experiment:${sourceHash}:${sharesSelector ? 'rollout-labels' : 'own-labels'}`);
}

export function createExperimentReplicaSets(x: ExperimentWorld): ExperimentReplicaSets {
  const byKey = new Map<string, ExperimentReplicaSet>();
  return {
    byKey,
    create(name, stepIndex, spec) {
      const templates: Extract<SimEvent, { type: 'ExperimentStarted' }>['templates'] = [];
      for (const t of spec.templates) {
        const stable = t.specRef === 'stable';
        const hash = experimentHash(stable ? x.stableHash() : x.releaseHash(), t.sharesSelector);
        const rs = `${name}-${t.name}-${hash}`;
        const id = x.world.createReplicaSet(hash, stable ? x.stableImage : x.releaseImage, stable ? STABLE_VERSION : RELEASE_VERSION, rs);
        byKey.set(experimentRsKey(name, t.name), { id, hash, rs, template: t });
        templates.push({ name: t.name, specRef: t.specRef, replicas: t.replicas, weight: t.weight ?? null, rs, hash });
      }
      x.emit({
        t: x.now(), type: 'ExperimentStarted', name, stepIndex, duration: spec.duration ?? null, templates,
        analyses: spec.analyses.map((a) => ({ name: a.name, templateName: a.analysis.templates[0]?.templateName ?? '', requiredForCompletion: a.requiredForCompletion })),
      });
    },
    scale(experiment, template, replicas) {
      const r = byKey.get(experimentRsKey(experiment, template));
      if (r === undefined) throw new Error(`scale: unknown experiment ReplicaSet ${experiment}/${template}`);
      x.world.scale(r.id, replicas);
      x.emit({ t: x.now(), type: 'ExperimentReplicaSetScaled', experiment, template, rs: r.rs, replicas });
    },
  };
}
