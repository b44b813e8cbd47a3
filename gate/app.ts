import { ApiObject, App } from 'cdk8s';
import { Finding, validateManifests, ValidateOptions } from './index';

/**
 * The gate over an app's objects before anything is written (`npm run synth`). Each finding's `file` is the
 * path of the construct that produced its object, e.g. `multi-k8s/server/deployment`.
 */
export function validateApp(app: App, options: ValidateOptions = {}): Finding[] {
  const docs = app.node.findAll().filter(ApiObject.isApiObject).map((object) => ({ file: object.node.path, object: object.toJson() }));
  return validateManifests(docs, options);
}

/**
 * `cdk8s synth` sets CDK8S_RECORD_CONSTRUCT_METADATA=true when cdk8s.yaml lists validation plugins: the CLI
 * then runs the gate as a plugin on the written files, and the app leaves it to the plugin.
 */
export function gateRunsAsPlugin(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
}
