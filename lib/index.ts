/**
 * The reusable cdk8s constructs of this project, for any cdk8s 2 app (with cdk8s-plus-27):
 * {@link WebTier}, {@link Worker} and {@link StatefulStore} each run one container and say, through
 * {@link Workload}, which traffic their pods may send and receive; {@link NginxIngress} routes paths to
 * WebTiers, {@link LetsEncryptCertificate} gets their certificate, {@link PasswordSecretRef} hands a
 * workload a Secret created out of band, {@link ExternalStore} puts a store outside the cluster behind a
 * Service name, and {@link denyAllTraffic} refuses whatever is not allowed.
 *
 * Import them from `lib/index.ts`. This reference is generated from their JSDoc by `npm run docs`:
 * edit the JSDoc in lib/, not docs/constructs.md.
 * @module
 */
export { Workload } from './workload';
export { WebTier, type WebTierProps, ServiceType } from './web-tier';
export { Worker, type WorkerProps } from './worker';
export { StatefulStore, type StatefulStoreProps, type StoreVolume } from './stateful-store';
export { ExternalStore, type ExternalStoreProps, EXTERNAL_STORE_MANAGER } from './external-store';
export { PasswordSecretRef, type PasswordSecretRefProps } from './password-secret-ref';
export { BACKUP_SCRIPT, PostgresBackup, type PostgresBackupProps, RESTORE_SCRIPT } from './postgres-backup';
export { NginxIngress, type NginxIngressProps, type IngressRoute, type IngressTls } from './nginx-ingress';
export { LetsEncryptCertificate, type LetsEncryptCertificateProps, isAcmeEmail } from './lets-encrypt-certificate';
export type { WorkloadProps, GateWaivers } from './pod-template';
export type { ScalingProps, Autoscaling } from './scaled-deployment';
export { anyAddress, denyAllTraffic, kubeDns, KUBE_DNS_PORTS } from './network-isolation';
export { type ContainerResources, DEFAULT_CPU_UTILIZATION, DEFAULT_RESOURCES, INGRESS_NGINX_NAMESPACE } from './defaults';
export { REQUIRE_PINNED_IMAGES } from './props-check';
