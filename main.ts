import { synthesize } from './apps/synthesize';

/**
 * `npm run synth` writes the multi-k8s app's dev profile; `CHART=voting-app` picks the other
 * chart, and PROFILE=production with its variables the production profile (see docs/production.md).
 */
function main(): void {
  const { app, summary, files, secretCommands } = synthesize(process.env);
  console.error(`synth: ${summary}`);
  console.error(files.map((file) => `wrote ${file}`).join('\n'));
  if (secretCommands.length) {
    console.error(`Before "kubectl apply -f ${app.outdir}", create the Secrets it reads (once per cluster):\n${secretCommands.map((c) => `  ${c}`).join('\n')}`);
  }
}

try {
  main();
} catch (error) {
  // Validation errors name the construct or variable, the field and the value; a stack trace would only hide them.
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
// Everything is written. Node would otherwise exit only once V8's background optimizing compiles of the synth's
// functions finish, which no code will use; unless stderr is still writing (an asynchronous pipe, as on macOS).
if (process.stderr.writableLength === 0) process.exit();
