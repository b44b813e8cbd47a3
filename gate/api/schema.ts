import type { ValidateFunction } from 'ajv';
import { modelFor, removedApiMessage } from './kinds';
import { customResourceValidator } from './custom-resources';
import { asMap, formatPath, Issue, Manifest } from '../core/manifest';

type Path = ReadonlyArray<string | number>;

/** An ajv error as kubernetes-models reports it (messages already translated by ajv-i18n). */
interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: { readonly allowedValues?: readonly unknown[] };
}

/** What the validator did with one object node of the input. */
interface VisitedNode {
  readonly path: Path;
  readonly target: Record<string, unknown>;
  /** Keys the validator read: the properties its schema defines. */
  readonly read: Set<PropertyKey>;
  /** The validator enumerated the keys: the schema is a map (additionalProperties), any key is allowed. */
  enumerated: boolean;
}

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
  const { errors: all, nodes } = validateTraced(model.prototype.validate, manifest.object);
  const errors = all.filter((error) => !notEnforced(manifest.kind, error) && !isUnset(manifest.object, error));
  return [
    ...groupByPath(errors).map(([pointer, group]) => ({ manifest, rule: 'schema' as const, message: schemaMessage(manifest.object, pointer, group) })),
    ...nodes.flatMap((node) => unknownFields(node).map((message) => ({ manifest, rule: 'unknown-field' as const, message }))),
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
      const key = e.params.additionalProperty!;
      const suggestion = closest(key, Object.keys(e.parentSchema?.properties ?? {}));
      const path = formatPath([...resolvePointer(manifest.object, e.instancePath).path, key]);
      return { manifest, rule: 'unknown-field' as const, message: `${path}: unknown field ${JSON.stringify(key)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}` };
    }),
  ];
}

/**
 * kubernetes-models' validators do not reject unknown properties (the Kubernetes schemas have no
 * additionalProperties: false), and the package ships them only as compiled ajv code, not as JSON schemas.
 * So the validator runs on a Proxy of the object that records which keys it reads: the compiled code looks up
 * every property its schema defines, and enumerates the keys only of maps. Any other key is unknown.
 */
function validateTraced(validate: (this: unknown) => void, object: Record<string, unknown>): { errors: readonly AjvError[]; nodes: VisitedNode[] } {
  const nodes: VisitedNode[] = [];
  const trace = (target: Record<string, unknown>, path: Path): object => {
    const node: VisitedNode = { path, target, read: new Set(), enumerated: false };
    nodes.push(node);
    const children = new Map<PropertyKey, object>();
    return new Proxy(target, {
      get(t, key, receiver) {
        node.read.add(key);
        const value = Reflect.get(t, key, receiver);
        if (value === null || typeof value !== 'object' || typeof key === 'symbol') return value;
        if (!children.has(key)) children.set(key, trace(value, [...path, Array.isArray(t) ? Number(key) : key]));
        return children.get(key);
      },
      ownKeys(t) {
        node.enumerated = true;
        return Reflect.ownKeys(t);
      },
    });
  };
  try {
    validate.call(trace(object, []));
    return { errors: [], nodes };
  } catch (error) {
    const errors = (error as { errors?: readonly AjvError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return { errors, nodes };
  }
}

function unknownFields(node: VisitedNode): string[] {
  // A node whose validator read no key at all is free-form (e.g. RawExtension): nothing is unknown there.
  if (Array.isArray(node.target) || node.enumerated || node.read.size === 0) return [];
  const known = [...node.read].filter((key): key is string => typeof key === 'string');
  return Object.keys(node.target)
    // An undefined value is never serialized, so only a caller's in-memory object can have one: not a field.
    .filter((key) => !node.read.has(key) && node.target[key] !== undefined)
    .map((key) => {
      const suggestion = closest(key, known);
      return `${formatPath([...node.path, key])}: unknown field ${JSON.stringify(key)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`;
    });
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
