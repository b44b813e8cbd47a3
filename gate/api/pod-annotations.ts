// The annotations the API server reads on a pod or pod template (pkg/apis/core/validation/validation.go:
// ValidatePodSpecificAnnotations, ValidateAppArmorPodAnnotations, ValidateSeccompPodAnnotations,
// ValidateTolerationsInPodAnnotations; and, when a Pod is created, validateSeccompAnnotationsAndFieldsMatch and
// validateAppArmorAnnotationsAndFieldsMatchOnCreate).
import type { Add } from './pod-fields';
import { asList, asMap, formatPath, parseJson } from '../core/manifest';

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const TOLERATIONS = 'scheduler.alpha.kubernetes.io/tolerations';

/** The profile type an annotation value stands for, or undefined where the value is not one. */
function profileType(value: string, seccomp: boolean): string | undefined {
  if (value === 'runtime/default' || (seccomp && value === 'docker/default')) return 'RuntimeDefault';
  if (value === 'unconfined') return 'Unconfined';
  return value.startsWith('localhost/') ? 'Localhost' : undefined;
}

/**
 * `annotationsPath` is where the annotations sit (`metadata` or `spec.template.metadata`); `bare` for a Pod
 * created as it is, whose annotations must agree with its security context fields.
 */
export function podAnnotationProblems(annotations: Record<string, unknown>, annotationsPath: readonly string[], podSpec: Record<string, any>, bare: boolean, add: Add): void {
  const containers = [...asList(podSpec.containers), ...asList(podSpec.initContainers)].map(asMap);
  const where = (key: string) => formatPath([...annotationsPath, 'annotations', key]);
  for (const [key, raw] of Object.entries(annotations)) {
    const value = String(raw);
    const apparmor = key.startsWith(APPARMOR_PREFIX);
    const seccompContainer = key.startsWith(SECCOMP_CONTAINER_PREFIX);
    if (key === TOLERATIONS && !Array.isArray(parseJson(value))) add(where(key), 'must be a JSON list of tolerations');
    if (!apparmor && !seccompContainer && key !== SECCOMP_POD) continue;
    const type = profileType(value, !apparmor);
    if (!type) add(where(key), `${JSON.stringify(value)} is not a profile (runtime/default, unconfined, localhost/<profile>)`);
    const name = apparmor ? key.slice(APPARMOR_PREFIX.length) : seccompContainer ? key.slice(SECCOMP_CONTAINER_PREFIX.length) : undefined;
    const index = containers.findIndex((c) => c.name === name);
    if (name !== undefined && index < 0) add(where(key), `container ${JSON.stringify(name)} is not in the pod`);
    if (!bare || !type) continue;
    const security = name === undefined ? asMap(podSpec.securityContext) : asMap(containers[index]?.securityContext);
    const field = asMap(apparmor ? security.appArmorProfile : security.seccompProfile).type;
    if (field !== undefined && field !== type) add(where(key), `${JSON.stringify(value)} disagrees with the ${apparmor ? 'appArmorProfile' : 'seccompProfile'} field (${field}) of ${name ? `container ${JSON.stringify(name)}` : 'the pod'}`);
  }
}
