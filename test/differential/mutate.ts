// The small language the mutations are written in: dotted paths with [n] indexes, where `$pod` stands for
// the pod spec of whatever workload kind is mutated and `$c` for its first container.

const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  Pod: 'spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

/** The concrete path of a mutation's path in an object of this kind. */
export function resolvePath(path: string, kind: string): Array<string | number> {
  const pod = POD_SPEC_PATHS[kind] ?? 'spec.template.spec';
  const expanded = path.replace(/^\$c\b/, '$pod.containers[0]').replace(/^\$pod\b/, pod);
  return expanded.split('.').flatMap((part) => {
    const match = /^([^[]*)((\[\d+\])*)$/.exec(part);
    if (!match) return [part];
    const indexes = [...match[2].matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    return [...(match[1] ? [match[1]] : []), ...indexes];
  });
}

/** Sets (or, for undefined, deletes) the value at a path, creating the maps and lists on the way. */
export function setPath(object: Record<string, any>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node: any = object;
  path.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key];
  });
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
}

export function getPath(object: Record<string, any>, path: ReadonlyArray<string | number>): any {
  return path.reduce<any>((node, key) => (node === undefined || node === null ? undefined : node[key]), object);
}
