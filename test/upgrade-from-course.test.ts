// What `kubectl apply -f dist` does to a cluster that runs the course's hand-written k8s/ folder:
// every course object is replaced by the output's object of the same kind and name.
import * as path from 'path';
import { Testing } from 'cdk8s';
import { loadManifestDir } from '../gate';
import { matchesLabelMap } from '../gate/core/selectors';
import { MultiK8sChart } from '../apps/multi-k8s/chart';
import { findObject, Manifest } from './synth';

const COURSE = loadManifestDir(path.join(__dirname, 'fixtures', 'course-k8s')).docs.map((doc) => doc.object as Manifest);
const OUTPUT = Testing.synth(new MultiK8sChart(Testing.app(), 'multi-k8s')) as Manifest[];
const key = (m: Manifest) => `${m.kind}/${m.metadata.name}`;
const CLAIM = 'database-persistent-volume-claim';
const mountsClaim = (workload: Manifest) => (workload.spec.template.spec.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === CLAIM);

describe('kubectl apply -f dist over the course objects', () => {
  test('takes over every course object by kind and name, so none keeps running unmanaged', () => {
    const output = new Set(OUTPUT.map(key));
    expect(COURSE.map(key).filter((k) => !output.has(k))).toEqual([]);
  });

  test('keeps the identity of what must not change: Deployment selectors (immutable) and the claim', () => {
    for (const course of COURSE.filter((m) => m.kind === 'Deployment')) {
      expect([key(course), findObject(OUTPUT, 'Deployment', course.metadata.name).spec.selector]).toEqual([key(course), course.spec.selector]);
    }
    const claim = COURSE.find((m) => key(m) === `PersistentVolumeClaim/${CLAIM}`)!;
    expect(findObject(OUTPUT, 'PersistentVolumeClaim', CLAIM).spec).toEqual(claim.spec);
  });

  test('scales the course postgres and redis Deployments to 0, and their template no longer mounts the claim', () => {
    for (const name of ['postgres-deployment', 'redis-deployment']) {
      const retired = findObject(OUTPUT, 'Deployment', name);
      expect([name, retired.spec.replicas, mountsClaim(retired)]).toEqual([name, 0, false]);
    }
  });

  test('afterwards only the postgres StatefulSet (one pod, never two at once) runs pods that mount the claim', () => {
    const running = OUTPUT.filter((m) => m.spec?.template && m.spec.replicas !== 0 && mountsClaim(m));
    expect(running.map((m) => [key(m), m.spec.replicas, m.spec.podManagementPolicy])).toEqual([['StatefulSet/postgres-statefulset', 1, 'OrderedReady']]);
  });

  test('the new postgres waits while a course postgres pod still runs: its guard sees every pod with the course labels', () => {
    const coursePostgres = COURSE.find((m) => key(m) === 'Deployment/postgres-deployment')!;
    const statefulSet = findObject(OUTPUT, 'StatefulSet', 'postgres-statefulset');
    const [guard] = statefulSet.spec.template.spec.initContainers;
    const peersService = findObject(OUTPUT, 'Service', guard.env.find((e: any) => e.name === 'PEERS_SERVICE').value);
    expect(peersService.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(matchesLabelMap(peersService.spec.selector, coursePostgres.spec.template.metadata.labels)).toBe(true);
    expect(matchesLabelMap(peersService.spec.selector, statefulSet.spec.template.metadata.labels)).toBe(true);
  });

  test('a retired Deployment scaled up again by hand would wait behind the same guard, and mount no claim', () => {
    const retired = findObject(OUTPUT, 'Deployment', 'postgres-deployment');
    const statefulSet = findObject(OUTPUT, 'StatefulSet', 'postgres-statefulset');
    expect(retired.spec.template.spec.initContainers).toEqual(statefulSet.spec.template.spec.initContainers);
    expect(retired.spec.template.spec.containers[0].volumeMounts).toBeUndefined();
  });
});
