import { groupOf } from '../gate/core/manifest';
import { Kubectl } from './kubectl';

/** A kind the API server serves, as `kubectl api-resources` lists it. */
export interface ServedKind {
  /** The name kubectl takes for the kind, e.g. "deployments.apps" or "services". */
  readonly resource: string;
  readonly namespaced: boolean;
}

/** What the deploy reads of the cluster before it changes anything. */
export interface Cluster {
  readonly context: string;
  readonly server: string;
  /** The server's version, e.g. { minor: 36, text: "v1.36.3" }. */
  readonly version: { readonly major: number; readonly minor: number; readonly text: string };
  /** Served kinds by "group/Kind" (the core group is ""), e.g. "apps/Deployment", "/Service". */
  readonly kinds: ReadonlyMap<string, ServedKind>;
  /** Served group versions, e.g. "apps/v1", "v1". */
  readonly groupVersions: ReadonlySet<string>;
  readonly namespaces: ReadonlySet<string>;
  /** The context's namespace, where kubectl puts objects that name none. */
  readonly contextNamespace: string;
}

export function discover(kubectl: Kubectl): Cluster {
  const [context, server, contextNamespace] = kubectl
    .output(['config', 'view', '--minify', '-o', 'jsonpath={.current-context}|{.clusters[0].cluster.server}|{.contexts[0].context.namespace}'])
    .split('|');
  const { serverVersion } = JSON.parse(kubectl.output(['version', '-o', 'json']));
  return {
    context,
    server,
    version: { major: parseInt(serverVersion.major, 10), minor: parseInt(serverVersion.minor, 10), text: serverVersion.gitVersion },
    kinds: servedKinds(kubectl),
    groupVersions: new Set(kubectl.output(['api-versions']).split('\n').filter(Boolean)),
    namespaces: new Set(kubectl.output(['get', 'namespaces', '-o', 'jsonpath={.items[*].metadata.name}']).split(' ').filter(Boolean)),
    contextNamespace: contextNamespace || 'default',
  };
}

/** "group/Kind", how {@link Cluster.kinds} is keyed. */
export function kindKey(apiVersion: string, kind: string): string {
  return `${groupOf(apiVersion)}/${kind}`;
}

function servedKinds(kubectl: Kubectl): Map<string, ServedKind> {
  // An aggregated API that is down makes kubectl exit 1 after listing every other kind.
  const { stdout } = kubectl.run(['api-resources', '--no-headers']);
  const kinds = new Map<string, ServedKind>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND: only SHORTNAMES may be empty.
    const columns = line.trim().split(/\s+/);
    const [apiVersion, namespaced, kind] = columns.slice(-3);
    const group = groupOf(apiVersion);
    kinds.set(`${group}/${kind}`, { resource: group ? `${columns[0]}.${group}` : columns[0], namespaced: namespaced === 'true' });
  }
  return kinds;
}
