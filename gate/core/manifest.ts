import type { RuleId } from '../rules';

/** One input document with the identity fields every check needs, read defensively (the object may be schema-invalid). */
export interface Manifest {
  /** Position in the input, to report findings in input order. */
  readonly index: number;
  readonly file: string;
  /** The line its YAML document starts on, where known. */
  readonly line?: number;
  readonly object: Record<string, any>;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace, or "default" where it is absent (kubectl applies it to the context's namespace). */
  readonly namespace: string;
}

/** A finding before waivers are applied and severities attached. */
export interface Issue {
  readonly manifest: Manifest;
  readonly rule: RuleId;
  readonly message: string;
}

export function toManifest(doc: { readonly file: string; readonly object: any; readonly line?: number }, index: number): Manifest {
  // Anything but a mapping is checked as an empty object, which the schema check reports.
  const object = asMap(doc.object);
  const metadata = asMap(object.metadata);
  return {
    index,
    file: doc.file,
    line: doc.line,
    object,
    apiVersion: asString(object.apiVersion),
    kind: asString(object.kind),
    name: asString(metadata.name),
    namespace: asString(metadata.namespace) || 'default',
  };
}

export function isA(manifest: Manifest, apiVersion: string, kind: string): boolean {
  return manifest.apiVersion === apiVersion && manifest.kind === kind;
}

export function sameNamespace(a: Manifest, b: Manifest): boolean {
  return a.namespace === b.namespace;
}

/**
 * `apps/v1 Deployment vote/db`: apiVersion, kind, namespace (when set) and name, unique among the objects
 * of one apply, where the name alone is not (a Deployment and its NetworkPolicy share it).
 */
export function objectKey(object: unknown): string {
  const { apiVersion, kind, metadata } = asMap(object);
  const { namespace, name } = asMap(metadata);
  return `${apiVersion} ${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** The API group of an apiVersion: "apps" for "apps/v1", "" for the core "v1". */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/**
 * Which object of the cluster this is: group, kind, namespace and name. Two versions of one group name the
 * same object (a live Deployment read as apps/v1 is the one written as apps/v1beta2).
 */
export function objectIdentity(o: { readonly apiVersion: string; readonly kind: string; readonly namespace?: string; readonly name: string }): string {
  return `${groupOf(o.apiVersion)}/${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

/** "Kind/name", how messages refer to another object. */
export function kindAndName(manifest: Manifest): string {
  return `${manifest.kind}/${manifest.name}`;
}

export function asMap(value: unknown): Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : {};
}

export function asList(value: unknown): readonly any[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Formats a field path the way kubectl does: `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
  return segments
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/** `{app=web, tier=frontend}`, how messages show a label map. */
export function formatLabels(labels: Readonly<Record<string, unknown>>): string {
  return `{${Object.entries(labels)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ')}}`;
}

/** The value a JSON text holds, or undefined where it is not JSON (annotations and Secret values that must be). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
