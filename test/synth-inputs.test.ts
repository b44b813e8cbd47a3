// The environment variables that choose the profile: every bad value names its variable, the value and what is expected.
import { DEV_CONFIG } from '../apps/multi-k8s/config';
import { multiK8sInputsFromEnv } from '../apps/multi-k8s/inputs';
import { PRODUCTION_ENV } from './production-config';

describe('multiK8sInputsFromEnv', () => {
  test('no variable: the dev config, exactly today\'s', () => {
    expect(multiK8sInputsFromEnv({})).toEqual({
      config: DEV_CONFIG,
      summary: 'profile dev: the course images (:latest), every host, plain HTTP, Postgres backups at "0 3 * * *", 7 kept',
    });
    expect(multiK8sInputsFromEnv({ PROFILE: 'dev' }).config).toEqual(DEV_CONFIG);
  });

  test('production: the user\'s images at the tag, the domain and www, Let\'s Encrypt', () => {
    const { config, summary } = multiK8sInputsFromEnv(PRODUCTION_ENV);
    expect(config).toEqual({
      ...DEV_CONFIG,
      profile: 'production',
      images: {
        ...DEV_CONFIG.images,
        client: 'registry.example.com/team/multi-client:3f1c2ab9d8e7',
        server: 'registry.example.com/team/multi-server:3f1c2ab9d8e7',
        worker: 'registry.example.com/team/multi-worker:3f1c2ab9d8e7',
      },
      domain: 'k8s-multi.example.com',
      letsEncrypt: { email: 'ops@example.com', staging: false },
    });
    expect(summary).toBe('profile production: images registry.example.com/team/{multi-client,multi-server,multi-worker}:3f1c2ab9d8e7, '
      + 'hosts k8s-multi.example.com and www.k8s-multi.example.com, Let\'s Encrypt production for ops@example.com, Postgres backups at "0 3 * * *", 7 kept');
    expect(multiK8sInputsFromEnv({ ...PRODUCTION_ENV, ACME_SERVER: 'staging' }).config.letsEncrypt).toEqual({ email: 'ops@example.com', staging: true });
    expect(multiK8sInputsFromEnv({ ...PRODUCTION_ENV, IMAGE_REPOSITORY: 'docker.io/alice', IMAGE_TAG: 'v1.2.3' }).config.images.server).toBe('docker.io/alice/multi-server:v1.2.3');
    expect(multiK8sInputsFromEnv({ ...PRODUCTION_ENV, IMAGE_REPOSITORY: 'localhost:5000/team' }).config.images.worker).toBe('localhost:5000/team/multi-worker:3f1c2ab9d8e7');
  });

  test.each([
    [{ PROFILE: 'prod' }, 'PROFILE must be "dev" (the default) or "production", got "prod"'],
    [{ IMAGE_TAG: 'latest' }, 'IMAGE_TAG must be a Docker tag other than "latest"'],
    [{ IMAGE_TAG: 'feature/x' }, 'IMAGE_TAG must be a Docker tag other than "latest" (letters, digits, "_", "." and "-", at most 128), normally the git SHA, got "feature/x"'],
    [{ IMAGE_TAG: '' }, 'IMAGE_TAG must be set (required in production): a Docker tag'],
    [{ IMAGE_TAG: undefined }, 'IMAGE_TAG must be set (required in production)'],
    [{ IMAGE_REPOSITORY: 'Registry.example.com/Team' }, 'IMAGE_REPOSITORY must be a lower-case image repository without a tag, such as "docker.io/alice" or "registry.example.com/team", got "Registry.example.com/Team"'],
    [{ IMAGE_REPOSITORY: 'docker.io/alice:v1' }, 'IMAGE_REPOSITORY must be a lower-case image repository without a tag'],
    [{ DOMAIN: 'example' }, 'DOMAIN must be a lower-case DNS name such as "k8s-multi.example.com", got "example"'],
    [{ DOMAIN: 'https://example.com' }, 'DOMAIN must be a lower-case DNS name'],
    [{ ACME_EMAIL: 'ops@' }, 'ACME_EMAIL must be an email address with a domain, such as "ops@example.com", got "ops@"'],
    [{ ACME_EMAIL: 'ops@localhost' }, 'ACME_EMAIL must be an email address with a domain'],
    [{ ACME_SERVER: 'staging-v2' }, 'ACME_SERVER must be "staging", "production" or unset (production), got "staging-v2"'],
  ])('production refuses %j', (override, message) => {
    expect(() => multiK8sInputsFromEnv({ ...PRODUCTION_ENV, ...override })).toThrow(message);
  });

  test('every problem is reported at once', () => {
    expect(() => multiK8sInputsFromEnv({ PROFILE: 'production', DOMAIN: 'Example.com' })).toThrow([
      'the environment does not describe a valid synth:',
      '  IMAGE_TAG must be set (required in production): a Docker tag other than "latest" (letters, digits, "_", "." and "-", at most 128), normally the git SHA, got ""',
      '  IMAGE_REPOSITORY must be set (required in production): a lower-case image repository without a tag, such as "docker.io/alice" or "registry.example.com/team", got ""',
      '  DOMAIN must be a lower-case DNS name such as "k8s-multi.example.com", got "Example.com"',
      '  ACME_EMAIL must be set (required in production): an email address with a domain, such as "ops@example.com", got ""',
    ].join('\n'));
  });

  test('a production variable under the dev profile is reported, not silently used', () => {
    expect(() => multiK8sInputsFromEnv({ IMAGE_TAG: '3f1c2ab' })).toThrow(
      'IMAGE_TAG is set ("3f1c2ab") but PROFILE is dev, which does not use it: unset it, or set PROFILE=production');
  });

  test('LOCAL_IMAGES=true (skaffold): the dev config with the app images pulled only if not present', () => {
    expect(multiK8sInputsFromEnv({ LOCAL_IMAGES: 'true' })).toEqual({
      config: { ...DEV_CONFIG, localAppImages: true },
      summary: 'profile dev: the app images built into the cluster (pulled only if not present), every host, plain HTTP, Postgres backups at "0 3 * * *", 7 kept',
    });
    expect(() => multiK8sInputsFromEnv({ LOCAL_IMAGES: 'yes' })).toThrow('LOCAL_IMAGES must be "true" (skaffold builds the app images into the cluster) or "false" (the default), got "yes"');
    expect(() => multiK8sInputsFromEnv({ ...PRODUCTION_ENV, LOCAL_IMAGES: 'true' })).toThrow('LOCAL_IMAGES must be unset in production, whose images come from IMAGE_REPOSITORY, got "true"');
  });

  test('BACKUP_SCHEDULE and BACKUP_RETENTION set the Postgres backups, in either profile', () => {
    expect(multiK8sInputsFromEnv({ BACKUP_SCHEDULE: '@hourly', BACKUP_RETENTION: '48' }).config.backup).toEqual({ schedule: '@hourly', retention: 48 });
    expect(multiK8sInputsFromEnv({ ...PRODUCTION_ENV, BACKUP_SCHEDULE: '30 2 * * 0' }).config.backup).toEqual({ schedule: '30 2 * * 0', retention: 7 });
  });

  test.each([
    [{ BACKUP_SCHEDULE: '0 3 * *' }, 'BACKUP_SCHEDULE must be a cron schedule such as "0 3 * * *" or "@daily" (must have 5 fields (minute hour day-of-month month day-of-week), got 4), got "0 3 * *"'],
    [{ BACKUP_SCHEDULE: '0 25 * * *' }, 'BACKUP_SCHEDULE must be a cron schedule such as "0 3 * * *" or "@daily" (hour "25"'],
    [{ BACKUP_RETENTION: '0' }, 'BACKUP_RETENTION must be the number of dumps to keep, an integer from 1 to 1000, got "0"'],
    [{ BACKUP_RETENTION: 'seven' }, 'BACKUP_RETENTION must be the number of dumps to keep, an integer from 1 to 1000, got "seven"'],
    [{ BACKUP_RETENTION: '2.5' }, 'BACKUP_RETENTION must be the number of dumps to keep'],
  ])('refuses %j, in dev and in production', (override, message) => {
    expect(() => multiK8sInputsFromEnv(override)).toThrow(message);
    expect(() => multiK8sInputsFromEnv({ ...PRODUCTION_ENV, ...override })).toThrow(message);
  });
});
