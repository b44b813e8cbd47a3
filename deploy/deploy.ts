import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import { Env, synthesize } from '../apps/synthesize';
import { changesOf, formatChanges, SERVER_SIDE_APPLY, serverDryRun } from './changes';
import { discover } from './cluster';
import { Kubectl } from './kubectl';
import { describe, isNamespace, objectArgs, OutputObject, placeObjects } from './objects';
import { preflight } from './preflight';
import { APP_LABEL, deleteObjects, formatPrune, planPrune } from './prune';
import { rolloutsOf, waitForRollouts } from './rollout';

export interface DeployOptions {
  /** Stop after the preflight, the server dry run, the diff and the prune plan. */
  readonly dryRun: boolean;
  /** Wait for the rollouts (and only then prune). */
  readonly wait: boolean;
  /** How long all rollouts together may take. */
  readonly timeoutSeconds: number;
  /** Where namespaced objects that name no namespace go. @default the context's namespace */
  readonly namespace?: string;
  /** Print kubectl diff's full output, not only the summary. */
  readonly showDiff: boolean;
}

export class DeployFailure extends Error {}

/**
 * Synthesizes the chart the environment chooses (as `npm run synth` does, into the same folder), then, against
 * kubectl's context: preflight, server dry run, diff, apply, wait, prune. Throws a DeployFailure naming the
 * step that failed; nothing is applied before the dry run passes, and nothing is pruned before the rollouts are ready.
 */
export function deploy(env: Env, options: DeployOptions, kubectl: Kubectl, log: (line: string) => void): void {
  const { app, summary } = synthesize(env);
  log(`synth: ${summary}`);
  const apps = app.charts.map((chart) => chart.labels[APP_LABEL]);
  if (apps.some((label) => !label)) throw new Error(`every chart must set the label ${APP_LABEL}: the deploy finds the app's objects by it`);

  const cluster = discover(kubectl);
  const namespace = options.namespace ?? cluster.contextNamespace;
  log(`cluster: context ${cluster.context} (${cluster.server}), Kubernetes ${cluster.version.text}, namespace ${namespace}`);
  const all = placeObjects(app.charts.flatMap((chart) => chart.toJson()), cluster, namespace);
  // A retired Deployment is applied (at 0 replicas) only where the cluster still runs it.
  const objects = all.filter((o) => !o.retired || exists(kubectl, o));

  const problems = preflight(kubectl, cluster, objects);
  for (const p of problems) log(`preflight: ${p.level}: ${p.message}\n  fix: ${p.fix}`);
  const errors = problems.filter((p) => p.level === 'error').length;
  if (errors) throw new DeployFailure(`preflight found ${errors} problem${errors === 1 ? '' : 's'} (above); nothing was applied`);
  log('preflight: passed');
  const workdir = mkdtempSync(join(tmpdir(), 'multi-k8s-deploy-'));
  try {
    const file = join(workdir, 'objects.yaml');
    const newNamespaces = objects.filter((o) => isNamespace(o) && !cluster.namespaces.has(o.name));
    // The server cannot dry-run objects in a namespace that does not exist yet (the output creates it: see the preflight).
    const checkable = options.dryRun ? objects.filter((o) => !o.namespace || cluster.namespaces.has(o.namespace)) : objects;
    if (!options.dryRun && newNamespaces.length) {
      write(join(workdir, 'namespaces.yaml'), newNamespaces);
      kubectl.output(['apply', ...SERVER_SIDE_APPLY, '-f', join(workdir, 'namespaces.yaml')]);
      log(`apply: created namespace ${newNamespaces.map((n) => n.name).join(', ')} first, so that the server can check what goes in it`);
    }
    write(file, checkable);

    const rejected = serverDryRun(kubectl, file);
    rejected.forEach((line) => log(`dry run: ${line}`));
    if (rejected.length) throw new DeployFailure(`the API server rejects the output (above); nothing ${newNamespaces.length && !options.dryRun ? 'but the new namespaces ' : ''}was applied`);
    log(`dry run: the API server accepts all ${checkable.length} objects`);

    const changes = changesOf(kubectl, file, checkable);
    const unchecked = objects.filter((o) => !checkable.includes(o));
    formatChanges({ ...changes, created: [...changes.created, ...unchecked] }).forEach((line) => log(`diff: ${line}`));
    if (unchecked.length) log(`diff: (${unchecked.length} of them in a namespace that does not exist yet: the server checks them on the real deploy)`);
    if (options.showDiff && changes.diff) log(changes.diff.trimEnd());
    all.filter((o) => o.retired && !objects.includes(o)).forEach((o) => log(`diff: skipped ${describe(o)}: retired, and the cluster does not have it`));
    const plan = planPrune(kubectl, cluster, all, objects, apps);
    formatPrune(plan).forEach((line) => log(`prune: ${line}`));
    if (options.dryRun) {
      log('dry run: nothing was changed');
      return;
    }

    kubectl.output(['apply', ...SERVER_SIDE_APPLY, '-f', file]).split('\n').filter(Boolean).forEach((line) => log(`apply: ${line}`));
    if (!options.wait) {
      deleteObjects(kubectl, plan.remove, (line) => log(`prune:${line}`));
      if (plan.retire.length) log(`prune: kept the retired ${plan.retire.map(describe).join(', ')}: without --wait, nothing says their replacements are ready`);
      return;
    }
    const workloads = rolloutsOf(objects);
    log(`wait: ${workloads.length} rollouts, at most ${options.timeoutSeconds} s`);
    const failures = waitForRollouts(kubectl, workloads, options.timeoutSeconds, (line) => log(`wait:${line}`));
    failures.flat().forEach((line) => log(`wait: ${line}`));
    if (failures.length) throw new DeployFailure(`${failures.length} rollout${failures.length === 1 ? '' : 's'} did not finish (above); nothing was pruned`);
    deleteObjects(kubectl, [...plan.remove, ...plan.retire], (line) => log(`prune:${line}`));
    log('deploy: done');
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

function exists(kubectl: Kubectl, o: OutputObject): boolean {
  return kubectl.find(['get', ...objectArgs(o), '-o', 'name']) !== undefined;
}

function write(file: string, objects: readonly OutputObject[]): void {
  writeFileSync(file, Yaml.stringify(...objects.map((o) => o.object)));
}
