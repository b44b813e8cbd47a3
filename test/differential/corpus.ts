// The differential corpus: every base unchanged, then each mutation applied to its bases and, where the
// mutated fields exist there, to an object of the project's own output of the same kind, then the sweeps.
import { Testing } from 'cdk8s';
import { MultiK8sChart } from '../../apps/multi-k8s/chart';
import { VotingAppChart } from '../../apps/voting-app/chart';
import { PRODUCTION_CONFIG } from '../production-config';
import { BASES } from './bases';
import { getPath, resolvePath, setPath } from './mutate';
import { Category, Mutation, MUTATIONS, POD_KINDS } from './mutations';
import { sweeps } from './sweeps';

export interface CorpusEntry {
  /** `<base>: <what>`, unique. */
  readonly id: string;
  readonly category: Category | 'valid bases';
  readonly object: Record<string, any>;
}

/** The project's outputs (dev, production, voting app), by `project <Kind>/<name>`. */
export function projectObjects(): Record<string, Record<string, any>> {
  const charts = [new MultiK8sChart(Testing.app(), 'multi-k8s'), new MultiK8sChart(Testing.app(), 'multi-k8s', PRODUCTION_CONFIG), new VotingAppChart(Testing.app(), 'voting-app')];
  const objects: Record<string, Record<string, any>> = {};
  // Not the Namespaces: the recording creates them for the objects in them, so applying one would update it, not create it.
  for (const object of charts.flatMap((chart) => Testing.synth(chart)).filter((o) => o.kind !== 'Namespace')) objects[`project ${object.kind}/${object.metadata.name}`] ??= object;
  return objects;
}

/**
 * The project objects a recording was made with (its `project <Kind>/<name>: unchanged` entries), in its order:
 * the test rebuilds the corpus from them, so that an object the charts gained since (a new tier's) waits for the
 * next recording instead of requiring a cluster now.
 */
export function recordedProjectObjects(verdicts: readonly { id: string; category: string; object: Record<string, any> }[]): Record<string, Record<string, any>> {
  const unchanged = ': unchanged';
  return Object.fromEntries(verdicts.filter((v) => v.category === 'valid bases' && v.id.startsWith('project ') && v.id.endsWith(unchanged))
    .map((v) => [v.id.slice(0, -unchanged.length), v.object]));
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The object with the mutation's edits, or undefined where a field it edits is not there to change. */
function mutate(mutation: Mutation, base: Record<string, any>, strict: boolean): Record<string, any> | undefined {
  const object = clone(base);
  for (const [path, value] of mutation.edits) {
    const resolved = resolvePath(path, base.kind);
    if (strict && getPath(object, resolved.slice(0, -1)) === undefined) return undefined;
    setPath(object, resolved, value);
  }
  return JSON.stringify(object) === JSON.stringify(base) ? undefined : object;
}

/** The corpus, mutating and sweeping these project objects (by default the charts' output now, which the recorder asks about). */
export function buildCorpus(project: Record<string, Record<string, any>> = projectObjects()): CorpusEntry[] {
  const projectKeys = Object.keys(project);
  const entries: CorpusEntry[] = [
    ...Object.entries(BASES).map(([name, object]) => ({ id: `${name}: unchanged`, category: 'valid bases' as const, object })),
    ...projectKeys.map((key) => ({ id: `${key}: unchanged`, category: 'valid bases' as const, object: project[key] })),
  ];
  const used = new Map<string, number>();
  const nextProjectObject = (kinds: readonly string[]): string | undefined => {
    const candidates = projectKeys.filter((key) => kinds.includes(project[key].kind));
    if (candidates.length === 0) return undefined;
    const turn = used.get(kinds.join()) ?? 0;
    used.set(kinds.join(), turn + 1);
    return candidates[turn % candidates.length];
  };
  MUTATIONS.forEach((mutation, i) => {
    const bases = mutation.on[0] === 'pod' ? ['Deployment', POD_KINDS[i % POD_KINDS.length]] : mutation.on;
    for (const name of bases) {
      const object = mutate(mutation, BASES[name], false);
      if (object) entries.push({ id: `${name}: ${mutation.what}`, category: mutation.category, object });
    }
    const kinds = mutation.on[0] === 'pod' ? ['Deployment', 'StatefulSet'] : [...new Set(bases.map((name) => BASES[name].kind))];
    const key = nextProjectObject(kinds);
    const object = key && mutate(mutation, project[key], true);
    if (key && object) entries.push({ id: `${key}: ${mutation.what}`, category: mutation.category, object });
  });
  // The project's own objects are swept too, one of each kind: their init containers, exec probes and annotations
  // are shapes the typical objects lack.
  const projectSamples = Object.fromEntries(Object.entries(project).filter(([, o], i, all) => all.findIndex(([, other]) => other.kind === o.kind) === i));
  entries.push(...[...sweeps(), ...sweeps(projectSamples)].map((sweep) => ({ id: `${sweep.base}: ${sweep.what}`, category: sweep.category, object: sweep.object })));
  return entries;
}
