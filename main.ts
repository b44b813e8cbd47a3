import { ApiObject } from 'cdk8s';
import { synthesize } from './apps/synthesize';
import { PasswordSecretRef } from './lib/password-secret-ref';

/**
 * `npm run synth` writes the multi-k8s app's dev profile; `CHART=voting-app` picks the other
 * chart, and PROFILE=production with its variables the production profile (see docs/production.md).
 */
function main(): void {
  const { app, summary, files } = synthesize(process.env);
  console.error(`synth: ${summary}`);
  console.error(files.map((file) => `wrote ${file}`).join('\n'));
  const refs = PasswordSecretRef.allIn(app);
  // A Secret can only be created in an existing namespace; --save-config lets the later apply adopt it without a warning.
  const created = new Set(app.node.findAll().filter(ApiObject.isApiObject).filter((o) => o.kind === 'Namespace').map((o) => o.name));
  const namespaces = [...new Set(refs.flatMap((ref) => (ref.namespace && created.has(ref.namespace) ? [ref.namespace] : [])))];
  const commands = [...namespaces.map((ns) => `  kubectl create namespace ${ns} --save-config`), ...refs.map((ref) => `  ${ref.createCommand}`)];
  if (commands.length) {
    console.error(`Before "kubectl apply -f ${app.outdir}", create the Secrets it reads (once per cluster):\n${commands.join('\n')}`);
  }
}

try {
  main();
} catch (error) {
  // Validation errors name the construct or variable, the field and the value; a stack trace would only hide them.
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
