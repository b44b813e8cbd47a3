import * as k8s from '../imports/k8s';
import { SINGLE_WRITER_GUARD } from './defaults';
import { imagePullPolicy, renderResources } from './pod-template';
import { PropsCheck } from './props-check';

/**
 * One run of the guard's check, a POSIX shell pipeline. `$PEERS_SERVICE` is a headless Service that
 * publishes every pod with the store's labels, ready or not and until the pod object is gone
 * (publishNotReadyAddresses); `$POD_IP` is this pod's IP. The check passes only on a DNS answer
 * that lists this pod and no other: any other pod, a lookup failure or an answer that does not
 * list this pod yet (stale) makes it fail, so the store waits rather than start beside another writer.
 * It needs glibc's `getent ahostsv4` (Debian-based images such as postgres:15.8) and awk; where
 * they are missing, the check fails and the store waits, saying so in the init container's log.
 */
export const SINGLE_WRITER_CHECK = [
  'getent ahostsv4 "$PEERS_SERVICE" | awk -v self="$POD_IP" -v peers="$PEERS_SERVICE" \'',
  '$1 == self { found = 1; next }',
  '$1 != "" { others[$1] = 1 }',
  'END {',
  '  for (ip in others) { print "waiting: another pod with these labels still runs at " ip; n++ }',
  '  if (!found) print "waiting: " peers " does not list this pod (" self ") yet, or getent ahostsv4 cannot resolve it"',
  '  exit (found && n == 0) ? 0 : 1',
  '}\'',
].join('\n');

/**
 * An init container that holds a store's pod until no other pod with its labels runs: the
 * course's postgres Deployment while it shuts down, or a second copy of the store started by
 * hand. It runs the store's own image, so it pulls nothing new.
 */
export function singleWriterGuard(check: PropsCheck, image: string, peersService: string): k8s.Container {
  const { retrySeconds, runAsUser, resources } = SINGLE_WRITER_GUARD;
  return {
    name: 'wait-for-single-writer',
    image,
    imagePullPolicy: imagePullPolicy(image),
    command: ['sh', '-c', `until ${SINGLE_WRITER_CHECK}\ndo sleep ${retrySeconds}; done\necho "no other pod with these labels runs: starting"`],
    env: [
      { name: 'PEERS_SERVICE', value: peersService },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    ],
    resources: renderResources(check, resources),
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser,
      runAsGroup: runAsUser,
      capabilities: { drop: ['ALL'] },
    },
  };
}
