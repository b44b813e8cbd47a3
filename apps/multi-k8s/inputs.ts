import { scheduleProblem } from '../../gate/api/cron';
import { parseIp } from '../../gate/api/ip';
import { dns1123Subdomain } from '../../gate/core/syntax';
import { cidrProblem, hostProblem } from '../../lib/external-store';
import { isAcmeEmail } from '../../lib/lets-encrypt-certificate';
import { BackupConfig, DEV_CONFIG, ManagedPostgresConfig, ManagedStoreConfig, MultiK8sConfig } from './config';
import { IMAGE_PATH } from '../../lib/props-check';

/** The environment variables of the Postgres backups, read in either profile. */
export const BACKUP_VARIABLES = ['BACKUP_SCHEDULE', 'BACKUP_RETENTION'] as const;

/** The environment variables that move Postgres and Redis out of the cluster (production only). */
export const MANAGED_STORE_VARIABLES = [
  'POSTGRES_HOST', 'POSTGRES_PORT', 'POSTGRES_DATABASE', 'POSTGRES_USER', 'POSTGRES_SSLMODE', 'POSTGRES_CIDRS', 'REDIS_HOST', 'REDIS_PORT', 'REDIS_CIDRS',
] as const;

/** The environment variables that choose and feed the production profile. */
export const PRODUCTION_VARIABLES = ['IMAGE_TAG', 'IMAGE_REPOSITORY', 'DOMAIN', 'ACME_EMAIL', 'ACME_SERVER', ...MANAGED_STORE_VARIABLES] as const;

// The PGSSLMODE values node-postgres (the course's server) reads; it ignores any other.
const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'];
// An unquoted Postgres identifier (database and role names the server's env can carry without quoting).
const PG_IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/;

// What `docker tag` accepts as a tag.
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
// A registry host (optionally with a port) and path, or a Docker Hub user, without a tag: lower case, as Docker requires.
const REPOSITORY = new RegExp(`^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(?::\\d{1,5})?\\/)?${IMAGE_PATH}$`);
const DOMAIN = dns1123Subdomain(249); // leaves room for "www."
/** The course's three images, built from the user's app repository. */
const APP_IMAGES = { client: 'multi-client', server: 'multi-server', worker: 'multi-worker' } as const;

export interface SynthInputs {
  readonly config: MultiK8sConfig;
  /** One line for the synth log: the profile and the inputs it used. */
  readonly summary: string;
}

/**
 * The multi-k8s config chosen by the environment: `PROFILE` (dev, the default, or production);
 * for dev, `LOCAL_IMAGES=true` when skaffold builds the app images into the cluster; for
 * production, the variables in PRODUCTION_VARIABLES. Every problem is collected and
 * thrown as one error that names each variable, its value and what is expected.
 */
export function multiK8sInputsFromEnv(env: Readonly<Record<string, string | undefined>>): SynthInputs {
  const problems: string[] = [];
  const fail = (name: string, expected: string) => problems.push(`${name} must be ${expected}, got ${JSON.stringify(env[name] ?? '')}`);
  const profile = env.PROFILE || 'dev';
  if (profile !== 'dev' && profile !== 'production') {
    fail('PROFILE', '"dev" (the default) or "production"');
    throw inputError(problems);
  }
  const backup = backupFromEnv(env, fail);
  if (profile === 'dev') {
    for (const name of PRODUCTION_VARIABLES.filter((n) => env[n])) {
      problems.push(`${name} is set (${JSON.stringify(env[name])}) but PROFILE is dev, which does not use it: unset it, or set PROFILE=production`);
    }
    const local = env.LOCAL_IMAGES || 'false';
    if (local !== 'true' && local !== 'false') fail('LOCAL_IMAGES', '"true" (skaffold builds the app images into the cluster) or "false" (the default)');
    if (problems.length) throw inputError(problems);
    const images = local === 'false' ? 'the course images (:latest)' : 'the app images built into the cluster (pulled only if not present)';
    return {
      config: { ...DEV_CONFIG, backup, ...(local === 'true' ? { localAppImages: true } : {}) },
      summary: `profile dev: ${images}, every host, plain HTTP, ${backupSummary(backup)}`,
    };
  }
  if (env.LOCAL_IMAGES) fail('LOCAL_IMAGES', 'unset in production, whose images come from IMAGE_REPOSITORY');

  const required = (name: string, expected: string, test: (value: string) => boolean): string => {
    const value = env[name];
    if (!value) fail(name, `set (required in production): ${expected}`);
    else if (!test(value)) fail(name, expected);
    return value ?? '';
  };
  const tag = required('IMAGE_TAG', 'a Docker tag other than "latest" (letters, digits, "_", "." and "-", at most 128), normally the git SHA',
    (value) => DOCKER_TAG.test(value) && value !== 'latest');
  const repository = required('IMAGE_REPOSITORY', 'a lower-case image repository without a tag, such as "docker.io/alice" or "registry.example.com/team"',
    (value) => REPOSITORY.test(value));
  const domain = required('DOMAIN', 'a lower-case DNS name such as "k8s-multi.example.com"', (value) => !DOMAIN(value) && value.includes('.'));
  const email = required('ACME_EMAIL', 'an email address with a domain, such as "ops@example.com"', isAcmeEmail);
  const server = env.ACME_SERVER || 'production';
  if (server !== 'production' && server !== 'staging') fail('ACME_SERVER', '"staging", "production" or unset (production)');
  const managedPostgres = managedPostgresFromEnv(env, fail);
  const managedRedis = managedStoreFromEnv(env, 'REDIS', 6379, fail);
  if (managedPostgres) {
    for (const name of BACKUP_VARIABLES.filter((n) => env[n])) {
      problems.push(`${name} is set (${JSON.stringify(env[name])}) but POSTGRES_HOST moves Postgres out of the cluster, where its provider takes the backups: unset it`);
    }
  }
  if (problems.length) throw inputError(problems);

  const image = (name: string) => `${repository}/${name}:${tag}`;
  return {
    config: {
      ...DEV_CONFIG,
      profile: 'production',
      images: { ...DEV_CONFIG.images, client: image(APP_IMAGES.client), server: image(APP_IMAGES.server), worker: image(APP_IMAGES.worker) },
      domain,
      letsEncrypt: { email, staging: server === 'staging' },
      backup: managedPostgres ? undefined : backup,
      ...(managedPostgres ? { managedPostgres } : {}),
      ...(managedRedis ? { managedRedis } : {}),
    },
    summary: `profile production: images ${repository}/{${Object.values(APP_IMAGES).join(',')}}:${tag}, `
      + `hosts ${domain} and www.${domain}, Let's Encrypt ${server} for ${email}, `
      + (managedPostgres ? `Postgres at ${managedPostgres.host}:${managedPostgres.port}` : backupSummary(backup))
      + (managedRedis ? `, Redis at ${managedRedis.host}:${managedRedis.port}` : ''),
  };
}

/** BACKUP_SCHEDULE and BACKUP_RETENTION over the config's defaults; a bad value is reported through `fail`. */
function backupFromEnv(env: Readonly<Record<string, string | undefined>>, fail: Fail): BackupConfig {
  const defaults = DEV_CONFIG.backup!;
  const schedule = env.BACKUP_SCHEDULE || defaults.schedule;
  const problem = scheduleProblem(schedule);
  if (problem) fail('BACKUP_SCHEDULE', `a cron schedule such as "0 3 * * *" or "@daily" (${problem})`);
  const retention = env.BACKUP_RETENTION ? Number(env.BACKUP_RETENTION) : defaults.retention;
  if (!/^\d+$/.test(env.BACKUP_RETENTION ?? '1') || retention < 1 || retention > 1000) fail('BACKUP_RETENTION', 'the number of dumps to keep, an integer from 1 to 1000');
  return { schedule, retention };
}

type Fail = (name: string, expected: string) => void;

/** <PREFIX>_HOST, _PORT and _CIDRS: where a store outside the cluster is; undefined without a host, whose companions are then refused. */
function managedStoreFromEnv(env: Readonly<Record<string, string | undefined>>, prefix: 'POSTGRES' | 'REDIS', defaultPort: number, fail: Fail,
  companions: readonly string[] = []): ManagedStoreConfig | undefined {
  const host = env[`${prefix}_HOST`];
  if (!host) {
    for (const name of [`${prefix}_PORT`, `${prefix}_CIDRS`, ...companions].filter((n) => env[n])) fail(name, `unset unless ${prefix}_HOST is set`);
    return undefined;
  }
  const hostIssue = hostProblem(host);
  if (hostIssue) fail(`${prefix}_HOST`, `a DNS name such as "mydb.abc123.eu-west-1.rds.amazonaws.com" or an IP address such as "10.20.0.5" (it ${hostIssue})`);
  const portText = env[`${prefix}_PORT`];
  const port = portText ? Number(portText) : defaultPort;
  if (portText && !(/^\d+$/.test(portText) && port >= 1 && port <= 65535)) fail(`${prefix}_PORT`, `a port number from 1 to 65535 (default ${defaultPort})`);
  const cidrsText = env[`${prefix}_CIDRS`];
  const allowedCidrs = cidrsText ? cidrsText.split(',').map((cidr) => cidr.trim()) : undefined;
  const cidrIssue = allowedCidrs?.map(cidrProblem).find(Boolean);
  if (cidrIssue) fail(`${prefix}_CIDRS`, `comma-separated CIDRs such as "10.20.0.0/16,10.30.0.0/16" (each ${cidrIssue})`);
  if (allowedCidrs && !hostIssue && parseIp(host)) fail(`${prefix}_CIDRS`, `unset when ${prefix}_HOST is an IP address, which the NetworkPolicies allow alone`);
  return { host, port, ...(allowedCidrs ? { allowedCidrs } : {}) };
}

function managedPostgresFromEnv(env: Readonly<Record<string, string | undefined>>, fail: Fail): ManagedPostgresConfig | undefined {
  const store = managedStoreFromEnv(env, 'POSTGRES', 5432, fail, ['POSTGRES_DATABASE', 'POSTGRES_USER', 'POSTGRES_SSLMODE']);
  if (!store) return undefined;
  const database = env.POSTGRES_DATABASE || 'postgres';
  if (!PG_IDENTIFIER.test(database)) fail('POSTGRES_DATABASE', 'a lower-case Postgres name such as "fib" (letters, digits and "_", at most 63; default postgres)');
  const user = env.POSTGRES_USER || 'postgres';
  if (!PG_IDENTIFIER.test(user)) fail('POSTGRES_USER', 'a lower-case Postgres role such as "app" (letters, digits and "_", at most 63; default postgres)');
  const sslMode = env.POSTGRES_SSLMODE || undefined;
  if (sslMode && !SSL_MODES.includes(sslMode)) fail('POSTGRES_SSLMODE', `one of ${SSL_MODES.join(', ')}, or unset (no TLS)`);
  return { ...store, database, user, ...(sslMode ? { sslMode } : {}) };
}

function backupSummary({ schedule, retention }: BackupConfig): string {
  return `Postgres backups at "${schedule}", ${retention} kept`;
}

function inputError(problems: readonly string[]): Error {
  return new Error(`the environment does not describe a valid synth:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
