// What the API server rejects in the specs of workloads, budgets and claims (pkg/apis/apps/validation:
// ValidateDeploymentSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec; pkg/apis/batch/validation: validateJobSpec,
// validateCronJobSpec; pkg/apis/policy/validation: ValidatePodDisruptionBudgetSpec; pkg/apis/core/validation:
// ValidatePersistentVolumeClaimSpec).
import { Add, checkSyntax, qualified } from './pod-fields';
import { scheduleProblem, timeZoneProblem } from './cron';
import { asList, asMap, isA, Manifest } from '../core/manifest';
import { quantityValue } from '../core/quantity';
import { dns1123Label, dns1123SubdomainName, labelKey } from '../core/syntax';

const PERCENT = /^[0-9]+%$/;
const MAX_INDEXED = 100000;
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/** Non-negative int, or a percent of at most 100 (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent). */
function intOrPercentProblem(value: unknown, over100 = false): string | undefined {
  if (typeof value === 'number') return value < 0 ? 'must be greater than or equal to 0' : undefined;
  if (typeof value !== 'string') return undefined;
  if (!PERCENT.test(value)) return 'must be an integer or a percent such as "25%"';
  return !over100 && Number(value.slice(0, -1)) > 100 ? 'must not be greater than 100%' : undefined;
}

const isZero = (value: unknown): boolean => value === 0 || value === '0%';

function nonNegative(spec: Record<string, any>, fields: readonly string[], at: string, add: Add): void {
  for (const field of fields) if (typeof spec[field] === 'number' && spec[field] < 0) add(`${at}.${field}`, `${spec[field]} must be greater than or equal to 0`);
}

/** How each kind defaults its rolling update, and whether its maxSurge may exceed 100% (a Deployment's may). */
const ROLLING_UPDATES = {
  Deployment: { maxSurge: '25%', maxUnavailable: '25%', surgeOver100: true },
  DaemonSet: { maxSurge: 0, maxUnavailable: 1, surgeOver100: false },
} as const;

/** maxSurge and maxUnavailable of a rolling update: percents up to 100% (but see surgeOver100), not both 0 once defaulted. */
function rollingUpdateProblems(rolling: Record<string, any>, path: string, kind: keyof typeof ROLLING_UPDATES, add: Add): void {
  const defaults = ROLLING_UPDATES[kind];
  for (const field of ['maxSurge', 'maxUnavailable'] as const) {
    const problem = intOrPercentProblem(rolling[field], field === 'maxSurge' && defaults.surgeOver100);
    if (problem) add(`${path}.${field}`, `${JSON.stringify(rolling[field])} ${problem}`);
  }
  if (isZero(rolling.maxSurge ?? defaults.maxSurge) && isZero(rolling.maxUnavailable ?? defaults.maxUnavailable)) add(`${path}.maxUnavailable`, 'may not be 0 when maxSurge is 0: the rollout could never progress');
}

export function workloadSpecProblems(manifest: Manifest, add: Add): void {
  const spec = asMap(manifest.object.spec);
  const apps = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(manifest.kind) && manifest.apiVersion === 'apps/v1';
  if (apps) {
    nonNegative(spec, ['replicas', 'minReadySeconds', ...(manifest.kind === 'StatefulSet' ? [] : ['revisionHistoryLimit'])], 'spec', add);
    if (asMap(asMap(spec.template).spec).activeDeadlineSeconds !== undefined) add('spec.template.spec.activeDeadlineSeconds', `is not supported in a ${manifest.kind}`);
  }
  if (isA(manifest, 'apps/v1', 'Deployment')) {
    const strategy = asMap(spec.strategy);
    if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) add('spec.strategy.rollingUpdate', 'may not be specified when the strategy type is Recreate');
    if (strategy.type !== 'Recreate') rollingUpdateProblems(asMap(strategy.rollingUpdate), 'spec.strategy.rollingUpdate', 'Deployment', add);
    if (typeof spec.progressDeadlineSeconds === 'number' && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      add('spec.progressDeadlineSeconds', `${spec.progressDeadlineSeconds} must be greater than minReadySeconds (${spec.minReadySeconds ?? 0})`);
    }
  }
  if (isA(manifest, 'apps/v1', 'DaemonSet')) {
    const strategy = asMap(spec.updateStrategy);
    if (strategy.type !== 'OnDelete' && strategy.rollingUpdate !== undefined) rollingUpdateProblems(asMap(strategy.rollingUpdate), 'spec.updateStrategy.rollingUpdate', 'DaemonSet', add);
  }
  if (isA(manifest, 'apps/v1', 'StatefulSet')) statefulSetProblems(spec, add);
  if (isA(manifest, 'batch/v1', 'Job')) jobSpecProblems(spec, 'spec', add);
  if (isA(manifest, 'batch/v1', 'CronJob')) cronJobProblems(spec, add);
  if (isA(manifest, 'policy/v1', 'PodDisruptionBudget')) budgetProblems(spec, add);
  if (isA(manifest, 'v1', 'PersistentVolumeClaim')) claimSpecProblems(spec, 'spec', add);
}

function statefulSetProblems(spec: Record<string, any>, add: Add): void {
  checkSyntax(spec.serviceName, dns1123Label, 'spec.serviceName', add);
  const strategy = asMap(spec.updateStrategy);
  if (strategy.type === 'OnDelete' && strategy.rollingUpdate !== undefined) add('spec.updateStrategy.rollingUpdate', 'may not be specified when the strategy type is OnDelete');
  nonNegative(asMap(strategy.rollingUpdate), ['partition'], 'spec.updateStrategy.rollingUpdate', add);
  nonNegative(asMap(spec.ordinals), ['start'], 'spec.ordinals', add);
  for (const [field, policy] of Object.entries(asMap(spec.persistentVolumeClaimRetentionPolicy))) {
    if (policy !== 'Retain' && policy !== 'Delete' && policy !== '') add(`spec.persistentVolumeClaimRetentionPolicy.${field}`, `${JSON.stringify(policy)} must be Retain or Delete`);
  }
  asList(spec.volumeClaimTemplates).forEach((template, i) => {
    const name = asMap(asMap(template).metadata).name;
    if (typeof name === 'string' && dns1123Label(name)) add(`spec.volumeClaimTemplates[${i}].metadata.name`, `${JSON.stringify(name)} ${dns1123Label(name)}`);
    claimSpecProblems(asMap(asMap(template).spec), `spec.volumeClaimTemplates[${i}].spec`, add);
  });
}

function jobSpecProblems(spec: Record<string, any>, at: string, add: Add): void {
  nonNegative(spec, ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'], at, add);
  const indexed = spec.completionMode === 'Indexed';
  if (indexed && spec.completions === undefined) add(`${at}.completions`, 'is required when completionMode is Indexed');
  for (const field of indexed ? ['completions', 'parallelism'] : []) {
    if (typeof spec[field] === 'number' && spec[field] > MAX_INDEXED) add(`${at}.${field}`, `${spec[field]} must be at most ${MAX_INDEXED} when completionMode is Indexed`);
  }
  if (typeof spec.managedBy === 'string' && !/^[^/]+\/.+$/.test(spec.managedBy)) add(`${at}.managedBy`, `${JSON.stringify(spec.managedBy)} must be a domain-prefixed path such as example.com/controller`);
  else if (typeof spec.managedBy === 'string' && labelKey(spec.managedBy.split('/')[0] + '/x')) add(`${at}.managedBy`, `${JSON.stringify(spec.managedBy)} must be a domain-prefixed path such as example.com/controller`);
  for (const field of ['backoffLimitPerIndex', 'maxFailedIndexes', 'successPolicy']) {
    if (spec[field] !== undefined && !indexed) add(`${at}.${field}`, 'requires completionMode Indexed');
  }
  if (spec.selector !== undefined && spec.manualSelector !== true) add(`${at}.selector`, 'may only be set with manualSelector: true (the Job controller generates it)');
  const restartPolicy = asMap(asMap(spec.template).spec).restartPolicy;
  if (spec.podFailurePolicy !== undefined && restartPolicy !== 'Never') add(`${at}.template.spec.restartPolicy`, `must be Never when podFailurePolicy is set, got ${JSON.stringify(restartPolicy)}`);
  asList(asMap(spec.podFailurePolicy).rules).forEach((rule, i) => {
    const { operator, values } = asMap(asMap(rule).onExitCodes);
    if (operator === 'In' && asList(values).includes(0)) add(`${at}.podFailurePolicy.rules[${i}].onExitCodes.values`, 'must not contain 0 for the In operator');
    asList(asMap(rule).onPodConditions).forEach((condition, j) => qualified(asMap(condition).type, `${at}.podFailurePolicy.rules[${i}].onPodConditions[${j}].type`, add));
  });
}

function cronJobProblems(spec: Record<string, any>, add: Add): void {
  if (typeof spec.schedule === 'string') {
    const problem = spec.schedule === '' ? 'is required' : scheduleProblem(spec.schedule);
    if (problem) add('spec.schedule', `${JSON.stringify(spec.schedule)}: ${problem}`);
  }
  if (typeof spec.timeZone === 'string') {
    const problem = timeZoneProblem(spec.timeZone);
    if (problem) add('spec.timeZone', problem);
  }
  nonNegative(spec, ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'], 'spec', add);
  jobSpecProblems(asMap(asMap(spec.jobTemplate).spec), 'spec.jobTemplate.spec', add);
}

function budgetProblems(spec: Record<string, any>, add: Add): void {
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) add('spec', 'minAvailable and maxUnavailable cannot be both set');
  for (const field of ['minAvailable', 'maxUnavailable']) {
    const problem = intOrPercentProblem(spec[field]);
    if (problem) add(`spec.${field}`, `${JSON.stringify(spec[field])} ${problem}`);
  }
}

/** ValidatePersistentVolumeClaimSpec: access modes, a positive storage request, a storage class name. */
function claimSpecProblems(spec: Record<string, any>, at: string, add: Add): void {
  const modes = asList(spec.accessModes);
  if (modes.length === 0) add(`${at}.accessModes`, 'at least 1 access mode is required');
  for (const mode of modes) if (typeof mode === 'string' && !ACCESS_MODES.includes(mode)) add(`${at}.accessModes`, `${JSON.stringify(mode)} must be one of ${ACCESS_MODES.join(', ')}`);
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) add(`${at}.accessModes`, 'ReadWriteOncePod may not be used with other access modes');
  const storage = asMap(asMap(spec.resources).requests).storage;
  if (storage === undefined) add(`${at}.resources.requests.storage`, 'is required');
  const amount = quantityValue(storage);
  if (amount !== undefined && amount <= 0) add(`${at}.resources.requests.storage`, `${JSON.stringify(storage)} must be greater than 0`);
  if (spec.dataSource !== undefined && spec.dataSourceRef !== undefined && JSON.stringify(dataSourceOf(spec.dataSource)) !== JSON.stringify(dataSourceOf(spec.dataSourceRef))) add(`${at}.dataSource`, 'must match dataSourceRef');
  for (const field of ['storageClassName', 'volumeAttributesClassName']) checkSyntax(spec[field], dns1123SubdomainName, `${at}.${field}`, add);
}

const dataSourceOf = (source: unknown) => ({ apiGroup: asMap(source).apiGroup ?? '', kind: asMap(source).kind, name: asMap(source).name });
