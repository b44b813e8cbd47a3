import { Chart, Testing } from 'cdk8s';
import { PasswordSecretRef } from '../lib/password-secret-ref';
import { synthIn } from './synth';

describe('PasswordSecretRef', () => {
  test('emits no object and turns into a secretKeyRef env entry', () => {
    let envVar;
    const manifests = synthIn((scope) => {
      envVar = new PasswordSecretRef(scope, 'pgpassword', { secretName: 'pgpassword', key: 'PGPASSWORD' }).envVar('POSTGRES_PASSWORD');
    });
    expect(manifests).toEqual([]);
    expect(envVar).toEqual({ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'pgpassword', key: 'PGPASSWORD' } } });
  });

  test('prints the kubectl command that creates the Secret, in the chart namespace if any', () => {
    const app = Testing.app();
    const plain = new PasswordSecretRef(new Chart(app, 'a'), 'pw', { secretName: 'pgpassword', key: 'PGPASSWORD' });
    const namespaced = new PasswordSecretRef(new Chart(app, 'b', { namespace: 'vote' }), 'pw', { secretName: 'db-password', key: 'POSTGRES_PASSWORD' });
    expect(plain.createCommand).toBe('kubectl create secret generic pgpassword --from-literal PGPASSWORD=<password>');
    expect(namespaced.createCommand).toBe('kubectl create secret generic db-password --namespace vote --from-literal POSTGRES_PASSWORD=<password>');
    expect(PasswordSecretRef.allIn(app)).toEqual([plain, namespaced]);
  });

  test('shows valueHint in place of the value, for a value the images hard-code', () => {
    const fixed = new PasswordSecretRef(new Chart(Testing.app(), 'c'), 'pw', { secretName: 'db-password', key: 'POSTGRES_PASSWORD', valueHint: 'postgres' });
    expect(fixed.createCommand).toBe('kubectl create secret generic db-password --from-literal POSTGRES_PASSWORD=postgres');
  });

  test.each([
    [{ secretName: 'PgPassword', key: 'PGPASSWORD' }, "PasswordSecretRef 'test/pw': secretName must be a DNS-1123 subdomain", '"PgPassword"'],
    [{ secretName: 'pgpassword', key: 'PG PASSWORD' }, "PasswordSecretRef 'test/pw': key must be a Secret key", '"PG PASSWORD"'],
    [{ secretName: 'pgpassword', key: '' }, "PasswordSecretRef 'test/pw': key must be a Secret key", 'got ""'],
    [{ secretName: 'pgpassword', key: 'PGPASSWORD', valueHint: 'two words' }, "PasswordSecretRef 'test/pw': valueHint must be one word", '"two words"'],
  ])('refuses %j', (props, message, value) => {
    const create = () => synthIn((scope) => new PasswordSecretRef(scope, 'pw', props));
    expect(create).toThrow(message);
    expect(create).toThrow(value);
  });
});
