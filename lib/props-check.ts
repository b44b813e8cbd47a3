import { Construct } from 'constructs';
import { imageTag } from '../gate/policy/containers';
import { dns1035Label, dns1123Label, dns1123SubdomainName, labelKey, labelValue, SyntaxCheck } from '../gate/core/syntax';
import { MAX_REPLICAS } from './defaults';

// Kubernetes 1.27 accepts env names of this form (C identifiers plus '-' and '.').
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// The path of a docker image reference: lower-case components separated by "/".
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
export const IMAGE_PATH = `${PATH_COMPONENT}(?:\\/${PATH_COMPONENT})*`;
// A docker image reference: [registry[:port]/]path[:tag][@sha256:digest].
const IMAGE_REF = new RegExp(`^(?:(?:[a-zA-Z0-9-]+\\.)*[a-zA-Z0-9-]+(?::\\d+)?\\/)?${IMAGE_PATH}(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);
const QUANTITY = /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const QUANTITY_FACTORS: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * Context key: when true, workload images must carry a pinned tag or a digest. Set it on a chart before its
 * workloads are created, e.g. `this.node.setContext(REQUIRE_PINNED_IMAGES, true)`; this project's production profile does.
 */
export const REQUIRE_PINNED_IMAGES = 'multi-k8s-cdk8s:requirePinnedImages';

/**
 * Validates the props of one construct. Every failure throws an error that names
 * the construct (kind and path), the field and the value received.
 */
export class PropsCheck {
  private readonly owner: string;

  constructor(private readonly scope: Construct, kind: string) {
    this.owner = `${kind} '${scope.node.path}'`;
  }

  public fail(field: string, value: unknown, expectation: string): never {
    throw new Error(`${this.owner}: ${field} ${expectation}, got ${JSON.stringify(value)}`);
  }

  public integer(field: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) {
      this.fail(field, value, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  public oneOf<T>(field: string, value: T, allowed: readonly T[]): T {
    if (!allowed.includes(value)) this.fail(field, value, `must be one of ${allowed.join(', ')}`);
    return value;
  }

  public port(field: string, value: number): number {
    return this.integer(field, value, 1, 65535);
  }

  public replicas(field: string, value: number): number {
    return this.integer(field, value, 0, MAX_REPLICAS);
  }

  /** Fails unless the value passes the API server's syntax check (the gate's, in gate/core/syntax.ts). */
  public syntax(field: string, value: string, check: SyntaxCheck): string {
    const problem = typeof value === 'string' ? check(value) : 'must be a string';
    if (problem) this.fail(field, value, problem);
    return value;
  }

  /** Container names: RFC 1123 labels. */
  public dnsLabel(field: string, value: string): string {
    return this.syntax(field, value, dns1123Label);
  }

  /** Service names: RFC 1035 labels, which start with a letter. */
  public serviceName(field: string, value: string): string {
    return this.syntax(field, value, dns1035Label);
  }

  /** Names of most other objects (Deployments, Secrets, PVCs, Ingresses): RFC 1123 subdomains. */
  public dnsSubdomain(field: string, value: string): string {
    return this.syntax(field, value, dns1123SubdomainName);
  }

  public labels(field: string, labels: Readonly<Record<string, string>>): Record<string, string> {
    if (Object.keys(labels).length === 0) this.fail(field, labels, 'must hold at least one label');
    for (const [key, value] of Object.entries(labels)) {
      this.syntax(`${field} key`, key, labelKey);
      this.syntax(`${field}["${key}"]`, value, labelValue);
    }
    return { ...labels };
  }

  public envName(field: string, value: string): string {
    if (typeof value !== 'string' || !ENV_NAME.test(value)) {
      this.fail(field, value, 'must be an environment variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)');
    }
    return value;
  }

  public image(field: string, value: string): string {
    if (typeof value !== 'string' || !IMAGE_REF.test(value)) {
      this.fail(field, value, 'must be an image reference such as "redis:7.2.5-alpine" or "registry:5000/team/app@sha256:<digest>"');
    }
    if (this.scope.node.tryGetContext(REQUIRE_PINNED_IMAGES) === true && !isPinned(value)) {
      this.fail(field, value, 'must carry a tag other than "latest" or a digest in production');
    }
    return value;
  }

  /** A resource quantity such as "250m", "128Mi" or "2Gi", greater than zero; returns its value in base units. */
  public quantity(field: string, value: string): number {
    const match = typeof value === 'string' ? QUANTITY.exec(value) : null;
    const amount = match ? Number(match[1]) * QUANTITY_FACTORS[match[3] ?? ''] : 0;
    if (!(amount > 0)) {
      this.fail(field, value, 'must be a positive Kubernetes quantity such as "250m", "128Mi" or "2Gi"');
    }
    return amount;
  }

  public absolutePath(field: string, value: string): string {
    if (typeof value !== 'string' || !value.startsWith('/') || value.includes('..') || /\s/.test(value)) {
      this.fail(field, value, 'must be an absolute path without ".." or white space');
    }
    return value;
  }
}

/** True when the image names a tag other than latest, or a digest. */
export function isPinned(image: string): boolean {
  const tag = imageTag(image);
  return image.includes('@') || (tag !== undefined && tag !== 'latest');
}
