import { multiK8sInputsFromEnv } from '../apps/multi-k8s/inputs';

/** The production inputs of the README's example, as CI would pass them. */
export const PRODUCTION_ENV = {
  PROFILE: 'production',
  IMAGE_TAG: '3f1c2ab9d8e7',
  IMAGE_REPOSITORY: 'registry.example.com/team',
  DOMAIN: 'k8s-multi.example.com',
  ACME_EMAIL: 'ops@example.com',
};

/** The multi-k8s config those inputs give. */
export const PRODUCTION_CONFIG = multiK8sInputsFromEnv(PRODUCTION_ENV).config;

/** Production with both stores managed outside the cluster: Postgres by DNS name, Redis by IP address. */
export const MANAGED_STORES_ENV = {
  ...PRODUCTION_ENV,
  POSTGRES_HOST: 'mydb.abc123.eu-west-1.rds.amazonaws.com',
  POSTGRES_DATABASE: 'fib',
  POSTGRES_USER: 'app',
  POSTGRES_SSLMODE: 'no-verify',
  REDIS_HOST: '10.20.0.5',
};

/** The multi-k8s config those inputs give. */
export const MANAGED_STORES_CONFIG = multiK8sInputsFromEnv(MANAGED_STORES_ENV).config;
