import { readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../gate';

/**
 * kube-linter's built-in checks (docs/generated/checks.md, plus job-ttl-seconds-after-finished, priority-class-name,
 * restart-policy, sorted-keys and env-value-from added since) and Polaris's core checks (pkg/config/checks).
 */
const CHECKS: Readonly<Record<string, readonly string[]>> = {
  'kube-linter': [
  'access-to-create-pods', 'access-to-secrets', 'cluster-admin-role-binding', 'dangling-horizontalpodautoscaler', 'dangling-ingress',
  'dangling-networkpolicy', 'dangling-networkpolicypeer-podselector', 'dangling-service', 'dangling-servicemonitor',
  'default-service-account', 'deprecated-service-account-field', 'dnsconfig-options', 'docker-sock', 'drop-net-raw-capability',
  'duplicate-env-var', 'env-var-secret', 'exposed-services', 'host-ipc', 'host-network', 'host-pid', 'hpa-minimum-three-replicas',
  'invalid-target-ports', 'latest-tag', 'liveness-port', 'minimum-three-replicas', 'mismatching-selector', 'no-anti-affinity',
  'no-extensions-v1beta', 'no-liveness-probe', 'no-node-affinity', 'no-read-only-root-fs', 'no-readiness-probe',
  'no-rolling-update-strategy', 'non-existent-service-account', 'non-isolated-pod', 'pdb-max-unavailable', 'pdb-min-available',
  'pdb-unhealthy-pod-eviction-policy', 'privilege-escalation-container', 'privileged-container', 'privileged-ports',
  'read-secret-from-env-var', 'readiness-port', 'required-annotation-email', 'required-label-owner', 'run-as-non-root',
  'scc-deny-privileged-container', 'sensitive-host-mounts', 'ssh-port', 'startup-port', 'unsafe-proc-mount', 'unsafe-sysctls',
  'unset-cpu-requirements', 'unset-memory-requirements', 'use-namespace', 'wildcard-in-rules', 'writable-host-mount',
  'job-ttl-seconds-after-finished', 'priority-class-name', 'restart-policy', 'sorted-keys', 'env-value-from',
  ],
  Polaris: [
  'automountServiceAccountToken', 'hostIPCSet', 'hostPIDSet', 'hostNetworkSet', 'hostPortSet', 'hostPathSet', 'hostProcess', 'procMount',
  'linuxHardening', 'missingNetworkPolicy', 'notReadOnlyRootFilesystem', 'privilegeEscalationAllowed', 'runAsRootAllowed',
  'runAsPrivileged', 'dangerousCapabilities', 'insecureCapabilities', 'tlsSettingsMissing', 'sensitiveContainerEnvVar',
  'sensitiveConfigmapContent', 'clusterrolePodExecAttach', 'rolePodExecAttach', 'clusterrolebindingPodExecAttach',
  'rolebindingClusterRolePodExecAttach', 'rolebindingRolePodExecAttach', 'clusterrolebindingClusterAdmin',
  'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole', 'cpuRequestsMissing', 'cpuLimitsMissing', 'memoryRequestsMissing',
  'memoryLimitsMissing', 'deploymentMissingReplicas', 'priorityClassNotSet', 'tagNotSpecified', 'pullPolicyNotAlways',
  'readinessProbeMissing', 'livenessProbeMissing', 'metadataAndInstanceMismatched', 'pdbDisruptionsIsZero', 'missingPodDisruptionBudget',
  'topologySpreadConstraint', 'hpaMaxAvailability', 'hpaMinAvailability', 'pdbMinAvailableGreaterThanHPAMinReplicas',
  ],
};

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const rows = [...readme.matchAll(/^\| (kube-linter|Polaris) \| `([A-Za-z0-9-]+)` \| ([^|]+) \| ([^|]*) \|$/gm)].map(([, tool, check, rules, note]) => ({
  tool,
  check,
  rules: [...rules.matchAll(/`([a-z-]+)`/g)].map(([, rule]) => rule),
  note: note.trim(),
}));

test('the README lists every kube-linter and Polaris check once, in this order', () => {
  expect(rows.map((row) => `${row.tool} ${row.check}`)).toEqual(Object.entries(CHECKS).flatMap(([tool, checks]) => checks.map((check) => `${tool} ${check}`)));
});

test('each check names rules of the gate, or says why it is left out', () => {
  const ids = new Set<string>(RULES.map((rule) => rule.id));
  for (const row of rows) {
    if (row.rules.length) expect([row.check, row.rules.filter((rule) => !ids.has(rule))]).toEqual([row.check, []]);
    else expect([row.check, row.note]).toEqual([row.check, expect.stringMatching(/^left out( as a rule)?: .{20,}/)]);
  }
});
