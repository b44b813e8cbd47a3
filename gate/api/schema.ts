import type { ValidateFunction } from 'ajv';
import { modelFor, removedApiMessage } from './kinds';
import { customResourceValidator } from './custom-resources';
import { asMap, formatPath, Issue, Manifest } from '../core/manifest';
import { AjvError, UnknownField, validateObject } from './known-fields';

type Path = ReadonlyArray<string | number>;

/** removed-api, unknown-kind, schema and unknown-field findings for one object. */
export function schemaIssues(manifest: Manifest): Issue[] {
  const { apiVersion, kind } = manifest;
  if (!apiVersion || !kind) return [{ manifest, rule: 'schema', message: 'apiVersion and kind are required' }];
  const removed = removedApiMessage(apiVersion, kind);
  if (removed) return [{ manifest, rule: 'removed-api', message: `apiVersion: ${removed}` }];
  const model = modelFor(apiVersion, kind);
  if (!model) {
    const validate = customResourceValidator(apiVersion, kind);
    if (validate) return customResourceIssues(manifest, validate);
    return [{
      manifest,
      rule: 'unknown-kind',
      message: `kind: ${apiVersion} ${kind} is not a built-in Kubernetes kind nor a custom resource of crds/; for another custom resource, waive unknown-kind saying where its CRD comes from`,
    }];
  }
  const { errors: all, unknown } = validateObject(model.prototype.validate, manifest.object);
  const errors = all.filter((error) => !notEnforced(manifest.kind, error) && !isUnset(manifest.object, error));
  return [
    ...groupByPath(errors).map(([pointer, group]) => ({ manifest, rule: 'schema' as const, message: schemaMessage(manifest.object, pointer, group) })),
    ...unknown.map((field) => ({ manifest, rule: 'unknown-field' as const, message: unknownFieldMessage(field) })),
  ];
}

/**
 * Fields the OpenAPI schema marks required that the API server does not require: it defaults them or drops
 * the object around them (seen on a 1.36 server).
 */
const NOT_ENFORCED_REQUIRED: ReadonlyArray<{ readonly kind: string; readonly pointer: RegExp; readonly property: string }> = [
  // Defaulted to {}, which selects every pod of the namespace.
  { kind: 'NetworkPolicy', pointer: /^\/spec$/, property: 'podSelector' },
  { kind: 'PersistentVolumeClaim', pointer: /^\/spec\/dataSource(Ref)?$/, property: 'kind' },
  // A slice without endpoints: the EndpointSlice controller writes `endpoints: null` for a Service that selects no ready pod.
  { kind: 'EndpointSlice', pointer: /^$/, property: 'endpoints' },
];

/**
 * Enum fields where "" is Go's zero value of a plain string, which the server defaults as if the field were
 * absent (seen on a 1.36 server). Where the field is a pointer (pathType, volumeMode, a NetworkPolicy port's
 * protocol...), "" is a value, and an invalid one.
 */
const EMPTY_MEANS_DEFAULT: readonly RegExp[] = [
  /\/(strategy|updateStrategy)\/type$/, /\/spec(\/template\/spec|\/jobTemplate\/spec\/template\/spec)?\/restartPolicy$/, /\/imagePullPolicy$/,
  /\/containers\/\d+\/ports\/\d+\/protocol$/, /^\/spec\/ports\/\d+\/protocol$/, /\/tolerations\/\d+\/(operator|effect)$/, /\/podManagementPolicy$/,
  /\/concurrencyPolicy$/, /^\/spec\/(type|externalTrafficPolicy)$/,
];

/** JSON null means "not set" to the API server, and so does "" for the enums above: neither is an error. */
function isUnset(object: unknown, error: AjvError): boolean {
  const { value } = resolvePointer(object, error.instancePath);
  return (error.keyword === 'type' && value === null) || (error.keyword === 'enum' && value === '' && EMPTY_MEANS_DEFAULT.some((p) => p.test(error.instancePath)));
}

/** Fields of the schema that a 1.36 server drops unread, their feature gate being off by default (ContainerStopSignals). */
const DROPPED_FIELDS: readonly RegExp[] = [/\/lifecycle\/stopSignal$/];

function notEnforced(kind: string, error: AjvError): boolean {
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  if (DROPPED_FIELDS.some((pointer) => pointer.test(error.instancePath))) return true;
  return error.keyword === 'required' && NOT_ENFORCED_REQUIRED.some((e) => e.kind === kind && e.pointer.test(error.instancePath) && e.property === missing);
}

/** schema and unknown-field findings of a custom resource, checked against its CRD's schema made strict. */
function customResourceIssues(manifest: Manifest, validate: ValidateFunction): Issue[] {
  if (validate(manifest.object)) return [];
  const errors = (validate.errors ?? []) as ReadonlyArray<AjvError & { params: { additionalProperty?: string }; parentSchema?: { properties?: object } }>;
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties');
  return [
    ...groupByPath(errors.filter((e) => e.keyword !== 'additionalProperties'))
      .map(([pointer, group]) => ({ manifest, rule: 'schema' as const, message: schemaMessage(manifest.object, pointer, group) })),
    ...unknown.map((e) => {
      const field = { path: resolvePointer(manifest.object, e.instancePath).path, key: e.params.additionalProperty!, known: Object.keys(e.parentSchema?.properties ?? {}) };
      return { manifest, rule: 'unknown-field' as const, message: unknownFieldMessage(field) };
    }),
  ];
}

function unknownFieldMessage({ path, key, known }: UnknownField): string {
  const suggestion = closest(key, [...known]);
  return `${formatPath([...path, key])}: unknown field ${JSON.stringify(key)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`;
}

/** The known key within edit distance 2 of a misspelled one, if any. */
function closest(key: string, known: readonly string[]): string | undefined {
  const scored = known.map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }));
  const best = scored.sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= 2 ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function groupByPath(errors: readonly AjvError[]): Array<[string, AjvError[]]> {
  const groups = new Map<string, AjvError[]>();
  for (const error of errors) groups.set(error.instancePath, [...(groups.get(error.instancePath) ?? []), error]);
  return [...groups];
}

/** One line per field: the alternatives of a oneOf (int-or-string, quantity) are joined with "or". */
function schemaMessage(object: unknown, pointer: string, errors: readonly AjvError[]): string {
  const { path, value } = resolvePointer(object, pointer);
  const alternatives = errors.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const reasons = errors
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    .map((e) => (e.params.allowedValues ? `${e.message} (${e.params.allowedValues.join(', ')})` : (e.message ?? e.keyword)));
  const got = ['string', 'number', 'boolean'].includes(typeof value) ? ` (got ${JSON.stringify(value)})` : '';
  return `${formatPath(path) || '(root)'}: ${reasons.join(alternatives ? ' or ' : '; ')}${got}`;
}

/** Follows an ajv instancePath (a JSON pointer) into the object, keeping array indexes as numbers. */
function resolvePointer(object: unknown, pointer: string): { path: Path; value: unknown } {
  const path: Array<string | number> = [];
  let node = object;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(node) ? Number(key) : key;
    path.push(segment);
    node = Array.isArray(node) ? node[segment as number] : asMap(node)[key];
  }
  return { path, value: node };
}
