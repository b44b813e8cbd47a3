import { WAIVER_PREFIX } from '../gate/waivers';
import { isPinned } from './props-check';

/**
 * An image and, when it is not pinned, the annotation that waives the gate's latest-tag rule,
 * for images published only as :latest (the production profile refuses them anyway).
 */
export function imageWithLatestTagWaiver(image: string, reason: string): { image: string; annotations?: Record<string, string> } {
  return isPinned(image) ? { image } : { image, annotations: { [`${WAIVER_PREFIX}latest-tag`]: reason } };
}
