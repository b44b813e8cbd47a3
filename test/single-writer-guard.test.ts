// The store's single-writer guard, run for real: its check under sh, with getent replaced by a fake.
import { spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SINGLE_WRITER_CHECK } from '../lib/single-writer-guard';
import { StatefulStore } from '../lib/stateful-store';
import { findObject, Manifest, synthIn } from './synth';

const bin = mkdtempSync(join(tmpdir(), 'fake-getent-'));
// getent prints what the test gives it and fails, as the real one does, when it finds nothing.
writeFileSync(join(bin, 'getent'), '#!/bin/sh\n[ "$1 $2" = "ahostsv4 postgres-pods" ] || exit 2\nprintf "%s" "$FAKE_ANSWER"\n[ -n "$FAKE_ANSWER" ]\n');
chmodSync(join(bin, 'getent'), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** What glibc's `getent ahostsv4` prints: each address three times (stream, datagram, raw). */
const answer = (...ips: string[]) => ips.flatMap((ip, i) => [`${ip}      STREAM ${i === 0 ? 'postgres-pods' : ''}`, `${ip}      DGRAM`, `${ip}      RAW`]).join('\n') + '\n';

function runCheck(fakeAnswer: string): { passed: boolean; log: string } {
  const result = spawnSync('sh', ['-c', SINGLE_WRITER_CHECK], {
    env: { PATH: `${bin}:${process.env.PATH}`, PEERS_SERVICE: 'postgres-pods', POD_IP: '10.244.0.7', FAKE_ANSWER: fakeAnswer },
    encoding: 'utf8',
  });
  return { passed: result.status === 0, log: result.stdout.trim() };
}

describe('the single-writer check', () => {
  test('passes when the peers Service lists this pod and no other', () => {
    expect(runCheck(answer('10.244.0.7'))).toEqual({ passed: true, log: '' });
  });

  test('waits while another pod with the labels (the course postgres, even shutting down) is listed', () => {
    expect(runCheck(answer('10.244.0.7', '10.244.0.3'))).toEqual({ passed: false, log: 'waiting: another pod with these labels still runs at 10.244.0.3' });
  });

  test('waits on an answer that does not list this pod yet (stale), and on a failed lookup', () => {
    const notListed = 'waiting: postgres-pods does not list this pod (10.244.0.7) yet, or getent ahostsv4 cannot resolve it';
    expect(runCheck(answer('10.244.0.3'))).toEqual({ passed: false, log: `waiting: another pod with these labels still runs at 10.244.0.3\n${notListed}` });
    expect(runCheck('')).toEqual({ passed: false, log: notListed });
  });
});

describe('StatefulStore with a volume', () => {
  const volume = { claimName: 'data', size: '1Gi', mountPath: '/var/lib/postgresql/data' };
  const manifests: Manifest[] = synthIn((scope) => new StatefulStore(scope, 'postgres', { image: 'postgres:15.8', port: 5432, volume }));

  test('runs the guard first, with its own image, as nobody, with nothing but DNS', () => {
    const [guard] = findObject(manifests, 'StatefulSet', 'postgres').spec.template.spec.initContainers;
    expect(guard).toMatchObject({
      name: 'wait-for-single-writer',
      image: 'postgres:15.8',
      imagePullPolicy: 'IfNotPresent',
      env: [{ name: 'PEERS_SERVICE', value: 'postgres-pods' }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
      securityContext: {
        allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, capabilities: { drop: ['ALL'] },
      },
    });
    expect(guard.command).toEqual(['sh', '-c', `until ${SINGLE_WRITER_CHECK}\ndo sleep 5; done\necho "no other pod with these labels runs: starting"`]);
    expect(findObject(manifests, 'NetworkPolicy', 'postgres').spec.egress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
  });

  test('publishes every pod with its labels, ready or not, in a headless peers Service', () => {
    expect(findObject(manifests, 'Service', 'postgres-pods').spec).toEqual({
      type: 'ClusterIP', clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'postgres' }, ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }],
    });
  });

  test('a name that cannot make the peers Service name fails, naming the field and value', () => {
    expect(() => synthIn((scope) => new StatefulStore(scope, 'db', { name: '9db', image: 'postgres:15.8', port: 5432, volume }))).toThrow(
      "StatefulStore 'test/db': name names the peers Service \"9db-pods\" (the store has a volume), which must be a DNS-1035 label");
  });

  test('without a volume there is nothing to guard: no init container, no peers Service, no policy', () => {
    const plain = synthIn((scope) => new StatefulStore(scope, 'redis', { image: 'redis:7.2.5-alpine', port: 6379 }));
    expect(plain.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(['Service/redis', 'StatefulSet/redis']);
  });
});
