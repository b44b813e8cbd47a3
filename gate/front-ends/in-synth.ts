import { writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App } from 'cdk8s';
import { Finding, validateManifests, ValidateOptions } from '../index';
import { objectKey } from '../core/manifest';

/**
 * How the gate judges the project's own charts, in synth and as the cdk8s.yaml plugin: policy rules are errors,
 * and the objects must apply to every Kubernetes version the project supports.
 */
export const PROJECT_GATE_OPTIONS = { strict: true, kubernetesVersion: '1.27-1.36' } as const satisfies ValidateOptions;

/** The file cdk8s-cli reads construct paths from, in the output folder, before it runs validation plugins. */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/**
 * The gate over an app's objects before anything is written (`npm run synth`). Each finding's `file` is the
 * path of the construct that produced its object, e.g. `multi-k8s/server/deployment`.
 */
export function validateApp(app: App, options: ValidateOptions = {}): Finding[] {
  const docs = apiObjectsOf(app).map((object) => ({ file: object.node.path, object: object.toJson() }));
  return validateManifests(docs, options);
}

/**
 * `cdk8s synth` sets CDK8S_RECORD_CONSTRUCT_METADATA=true when cdk8s.yaml lists validation plugins: the CLI
 * then runs the gate as a plugin on the written files, and the app leaves it to the plugin.
 */
export function gateRunsAsPlugin(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
}

/**
 * Writes the construct path of every object for the plugin's report, in cdk8s's own format but keyed by
 * {@link objectKey}: cdk8s keys it by name alone, so a Deployment and the NetworkPolicy of the same name
 * would share one path. The plugin deletes the file once the CLI has read it, so that `dist/` holds only manifests.
 * Create the app with `recordConstructMetadata: false`, so that cdk8s does not write its own.
 */
export function writeConstructMetadata(app: App): void {
  const resources = Object.fromEntries(apiObjectsOf(app).map((object) => [objectKey(object.toJson()), { path: object.node.path }]));
  writeFileSync(join(app.outdir, CONSTRUCT_METADATA_FILE), JSON.stringify({ version: '1.0.0', resources }));
}

function apiObjectsOf(app: App): ApiObject[] {
  return app.node.findAll().filter(ApiObject.isApiObject);
}
