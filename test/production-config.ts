import { DEV_CONFIG, MultiK8sConfig } from '../lib/multi-k8s-config';

/** The multi-k8s config in the production profile, with the course images pinned to one git SHA. */
export const SHA = '3f1c2ab';
export const PRODUCTION_CONFIG: MultiK8sConfig = {
  ...DEV_CONFIG,
  profile: 'production',
  host: 'fib.example.com',
  images: {
    ...DEV_CONFIG.images,
    client: `stephengrider/multi-client:${SHA}`,
    server: `stephengrider/multi-server:${SHA}`,
    worker: `stephengrider/multi-worker:${SHA}`,
  },
};
