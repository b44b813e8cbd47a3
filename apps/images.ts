import { WAIVER_PREFIX } from '../gate/core/waivers';
import { isPinned } from '../lib/props-check';

/**
 * Capabilities the official images need after `drop: [ALL]`: their entrypoints start as root,
 * chown their data directories and switch to their own user; ports below 1024 need one more.
 */
export const IMAGE_CAPABILITIES = {
  nginx: ['CHOWN', 'SETGID', 'SETUID'],
  redis: ['CHOWN', 'SETGID', 'SETUID'],
  postgres: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
  lowPort: ['NET_BIND_SERVICE'],
};

/**
 * The gate's waivers that workloads of these images carry, with the reason: what the images need that
 * the gate's policy forbids by default.
 */
export const IMAGE_WAIVERS = {
  nginx: {
    'run-as-root': 'the nginx master process starts as root and runs its workers as the nginx user',
    'writable-root-filesystem': 'nginx writes its pid file and temporary files under /var',
  },
  redis: {
    'run-as-root': 'the redis entrypoint starts as root, chowns /data and re-executes redis as the redis user',
    'writable-root-filesystem': 'redis writes its dump to /data in the container filesystem',
  },
  postgres: {
    'run-as-root': 'the postgres entrypoint starts as root, chowns the data directory and re-executes postgres as the postgres user',
    'writable-root-filesystem': 'postgres writes its socket and lock file to /var/run/postgresql',
  },
  /** The course's and docker's application images set no USER and are not known to run as another user. */
  app: {
    'run-as-root': 'the image sets no USER and is not known to run as any other user',
    'writable-root-filesystem': 'the image is not known to run on a read-only filesystem',
  },
  lowPort: { 'privileged-port': 'the image listens on port 80, which it binds with NET_BIND_SERVICE' },
};

/**
 * An image and, when it is not pinned, the annotation that waives the gate's latest-tag rule,
 * for images published only as :latest (the production profile refuses them anyway).
 */
export function imageWithLatestTagWaiver(image: string, reason: string): { image: string; annotations?: Record<string, string> } {
  return isPinned(image) ? { image } : { image, annotations: { [`${WAIVER_PREFIX}latest-tag`]: reason } };
}
