import { Kubectl } from './kubectl';
import { describe, namespaceArgs, OutputObject } from './objects';

/** The workloads whose rollout the deploy waits for. */
export function rolloutsOf(objects: readonly OutputObject[]): OutputObject[] {
  return objects.filter((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.apiVersion === 'apps/v1' && !o.retired);
}

/**
 * Waits for every rollout, all within one deadline; returns, per workload that did not finish, why: its
 * pods that are not ready, their reasons and recent events, and the command that rolls it back.
 */
export function waitForRollouts(kubectl: Kubectl, workloads: readonly OutputObject[], timeoutSeconds: number, log: (line: string) => void): string[][] {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const failures: string[][] = [];
  for (const workload of workloads) {
    const left = Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
    const { status, stderr } = kubectl.run(['rollout', 'status', `${workload.resource}/${workload.name}`, ...namespaceArgs(workload), `--timeout=${left}s`]);
    if (status === 0) {
      log(`  ${describe(workload)}: ready`);
      continue;
    }
    const reason = stderr.trim().replace(/^error: /, '') || `exit ${status}`;
    failures.push([
      `${describe(workload)} did not finish its rollout within ${timeoutSeconds} s (${reason})`,
      ...podDiagnosis(kubectl, workload),
      `  roll it back to its previous revision: ${['kubectl', 'rollout', 'undo', `${workload.kind.toLowerCase()}/${workload.name}`, ...namespaceArgs(workload)].join(' ')}`,
    ]);
  }
  return failures;
}

const RECENT_EVENTS = 5;

/** The workload's pods that are not ready: phase, failing conditions, waiting or failed containers, recent events. */
function podDiagnosis(kubectl: Kubectl, workload: OutputObject): string[] {
  const selector = Object.entries(workload.object.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = kubectl.json(['get', 'pods', ...namespaceArgs(workload), '-l', selector]).items as any[];
  if (!pods.length) return [`  no pods: ${['kubectl', 'describe', `${workload.kind.toLowerCase()}/${workload.name}`, ...namespaceArgs(workload)].join(' ')} tells why`];
  return pods.filter((pod) => !isReady(pod)).flatMap((pod) => {
    const conditions = (pod.status?.conditions ?? []).filter((c: any) => c.status !== 'True' && (c.reason || c.message)).map((c: any) => `${c.type}=${c.status} ${c.reason ?? ''}${c.message ? `: ${c.message}` : ''}`);
    const containers = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].flatMap((c: any) => {
      const state = c.state?.waiting ?? c.state?.terminated;
      if (!state?.reason || state.reason === 'Completed') return [];
      return [`container ${c.name}: ${state.reason}${state.message ? `: ${state.message}` : ''}${c.restartCount ? ` (restarted ${c.restartCount} times)` : ''}`];
    });
    return [`  pod ${pod.metadata.name}: ${pod.status?.phase ?? 'Unknown'}`, ...[...conditions, ...containers, ...recentEvents(kubectl, pod)].map((line) => `    ${line}`)];
  });
}

/** The pod's last events, the same event reported twice (by the scheduler's event series and an older event) counted once. */
function recentEvents(kubectl: Kubectl, pod: any): string[] {
  const events = (kubectl.json(['get', 'events', '--namespace', pod.metadata.namespace, '--field-selector', `involvedObject.uid=${pod.metadata.uid}`]).items as any[])
    .sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  const counts = new Map<string, number>();
  for (const e of events) {
    const line = `event ${e.type} ${e.reason}: ${e.message}`;
    const earlier = counts.get(line) ?? 0;
    counts.delete(line); // re-inserted last: the map keeps the order of each event's latest report
    counts.set(line, earlier + count(e));
  }
  return [...counts].slice(-RECENT_EVENTS).map(([line, n]) => (n > 1 ? `${line} (x${n})` : line));
}

function isReady(pod: any): boolean {
  return (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

function eventTime(event: any): string {
  return event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp ?? '';
}

function count(event: any): number {
  return event.series?.count ?? event.count ?? 1;
}
