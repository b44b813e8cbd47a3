// The Kubernetes versions the gate's API rules know: a check that changed within them applies to the minor
// versions that reject the object, and its finding says which ones.

/** Minor versions of Kubernetes 1.x, inclusive. */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** What the API rules were checked against: 1.27 (cdk8s-plus-27's API) to 1.36. */
export const KNOWN_VERSIONS: VersionRange = { min: 27, max: 36 };

/** The version of the clusters the gate's users run: the newest it knows. */
export const DEFAULT_KUBERNETES_VERSION = '1.36';

const VERSION = /^(?:v?1\.(\d+))(?:\.\d+)?$/;

/** "1.36", "v1.36.3" or a range "1.27-1.36"; throws, saying what is accepted, otherwise. */
export function parseVersionRange(text: string): VersionRange {
  const [low, high = low] = text.split('-').map((part) => VERSION.exec(part.trim()));
  const range = low && high ? { min: Number(low[1]), max: Number(high[1]) } : undefined;
  if (!range || text.split('-').length > 2 || range.min > range.max || range.min < KNOWN_VERSIONS.min || range.max > KNOWN_VERSIONS.max) {
    throw new Error(`kubernetesVersion must be a version or a range of versions from 1.${KNOWN_VERSIONS.min} to 1.${KNOWN_VERSIONS.max}, such as "1.36" or "1.27-1.36"; got ${JSON.stringify(text)}`);
  }
  return range;
}

/**
 * Whether a check that holds only in some versions (`from` and/or `until`, inclusive) applies to the range:
 * undefined where it applies to none of them, "" where to all, else a note for the finding naming the versions.
 */
export function appliesIn(range: VersionRange, versions: { readonly from?: number; readonly until?: number }): string | undefined {
  const min = Math.max(range.min, versions.from ?? range.min);
  const max = Math.min(range.max, versions.until ?? range.max);
  if (min > max) return undefined;
  if (min === range.min && max === range.max) return '';
  const others = versions.until !== undefined ? `1.${versions.until + 1} and later accept it` : `1.${versions.from! - 1} and earlier accept it`;
  return ` (Kubernetes ${min === max ? `1.${min}` : `1.${min}-1.${max}`} only; ${others})`;
}
