import { Kubectl } from './kubectl';
import { describe, OutputObject } from './objects';

/** The project's server-side apply field manager: the fields it sets are owned under this name. */
export const FIELD_MANAGER = 'multi-k8s-cdk8s';
/**
 * Server-side apply that takes every field the output sets, as client-side `kubectl apply` always did: from the
 * course's `kubectl apply` (kubectl moves that ownership to the field manager) and from edits by hand.
 */
export const SERVER_SIDE_APPLY = ['--server-side', '--field-manager', FIELD_MANAGER, '--force-conflicts'];

export interface Changes {
  readonly created: readonly OutputObject[];
  readonly changed: readonly OutputObject[];
  readonly unchanged: readonly OutputObject[];
  /** kubectl diff's own output. */
  readonly diff: string;
}

/** The API server's verdict on applying the file, changing nothing: kubectl's error lines, none when it accepts every object. */
export function serverDryRun(kubectl: Kubectl, file: string): string[] {
  const { status, stdout, stderr } = kubectl.run(['apply', ...SERVER_SIDE_APPLY, '--dry-run=server', '-f', file]);
  if (status === 0) return [];
  return `${stdout}\n${stderr}`.split('\n').filter((line) => line && !line.endsWith('(server dry run)'));
}

/** What applying the file would do to each object, from `kubectl diff` (a server-side dry run compared with the live objects). */
export function changesOf(kubectl: Kubectl, file: string, objects: readonly OutputObject[]): Changes {
  const { status, stdout, stderr } = kubectl.run(['diff', ...SERVER_SIDE_APPLY, '-f', file]);
  // 0: no differences, 1: differences, anything else: kubectl or the server failed.
  if (status > 1) throw new Error(`kubectl diff failed: ${stderr.trim()}`);
  const diffed = diffedFiles(stdout);
  const created: OutputObject[] = [];
  const changed: OutputObject[] = [];
  const unchanged: OutputObject[] = [];
  for (const o of objects) {
    const state = diffed.get(diffFileName(o));
    (state === undefined ? unchanged : state === 'created' ? created : changed).push(o);
  }
  return { created, changed, unchanged, diff: stdout };
}

/** A count per kind of change, then one line per object created or changed. */
export function formatChanges(changes: Changes): string[] {
  return [
    `${changes.created.length} to create, ${changes.changed.length} to change, ${changes.unchanged.length} unchanged`,
    ...changes.created.map((o) => `  + ${describe(o)}`),
    ...changes.changed.map((o) => `  ~ ${describe(o)}`),
  ];
}

/** kubectl diff names each object's file group.version.Kind.namespace.name (no group for the core API). */
function diffFileName(o: OutputObject): string {
  return [...o.apiVersion.split('/'), o.kind, o.namespace ?? '', o.name].join('.');
}

/** The objects in kubectl diff's output, by file name: created where the live side is empty. */
function diffedFiles(diff: string): Map<string, 'created' | 'changed'> {
  const files = new Map<string, 'created' | 'changed'>();
  for (const section of diff.split(/^(?=diff -u -N )/m).filter((s) => s.startsWith('diff -u -N '))) {
    const header = section.slice(0, section.indexOf('\n'));
    const name = header.slice(header.lastIndexOf('/') + 1);
    files.set(name, /^@@ -0,0 /m.test(section) ? 'created' : 'changed');
  }
  return files;
}
