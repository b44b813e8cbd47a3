// Prints docs/constructs.md as TypeDoc renders it now, for test/docs.test.ts, which cannot load TypeDoc (an ES module) itself.
import { constructsReference } from './constructs-reference';

constructsReference().then((text) => process.stdout.write(text), (error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
