/** The tiers of the example-voting-app. */
export type VotingTier = 'vote' | 'result' | 'worker' | 'redis' | 'db';

/** How a web tier's NodePort Service looks. */
export interface VotingWebService {
  readonly name: string;
  readonly port: number;
  readonly nodePort: number;
}

/** What differs between the ways the voting app is taught; the apps hard-code the Service names "redis" and "db". */
export interface VotingAppConfig {
  /** Image reference per tier. */
  readonly images: Readonly<Record<VotingTier, string>>;
  /** Name of each tier's workload (Deployment, or StatefulSet for redis and db). */
  readonly workloadNames: Readonly<Record<VotingTier, string>>;
  /** The NodePort Services of vote and result. */
  readonly webServices: Readonly<Record<'vote' | 'result', VotingWebService>>;
}

/** Docker's own samples, published only as :latest (the default). */
export const DOCKER_SAMPLES_PRESET: VotingAppConfig = {
  images: {
    vote: 'dockersamples/examplevotingapp_vote',
    result: 'dockersamples/examplevotingapp_result',
    worker: 'dockersamples/examplevotingapp_worker',
    redis: 'redis:alpine',
    db: 'postgres:15-alpine',
  },
  workloadNames: { vote: 'vote', result: 'result', worker: 'worker', redis: 'redis', db: 'db' },
  webServices: {
    vote: { name: 'vote', port: 8080, nodePort: 31000 },
    result: { name: 'result', port: 8081, nodePort: 31001 },
  },
};

/** The seed exercise of the Kubernetes course: its pinned images, object names and node ports. */
export const KODEKLOUD_PRESET: VotingAppConfig = {
  images: {
    ...DOCKER_SAMPLES_PRESET.images,
    vote: 'kodekloud/examplevotingapp_vote:v1',
    result: 'kodekloud/examplevotingapp_result:v1',
    worker: 'kodekloud/examplevotingapp_worker:v1',
  },
  workloadNames: {
    vote: 'voting-app-deploy', result: 'result-app-deploy', worker: 'worker-app-deploy', redis: 'redis-deploy', db: 'postgres-deploy',
  },
  webServices: {
    vote: { name: 'voting-service', port: 80, nodePort: 30004 },
    result: { name: 'result-service', port: 80, nodePort: 30005 },
  },
};

export const VOTING_PRESETS: Readonly<Record<string, VotingAppConfig>> = { dockersamples: DOCKER_SAMPLES_PRESET, kodekloud: KODEKLOUD_PRESET };
