// docs/constructs.md: the API reference of lib/index.ts, rendered from the JSDoc by TypeDoc and
// typedoc-plugin-markdown with the options of typedoc.json. `npm run docs` rewrites it and
// test/docs.test.ts compares it (through scripts/print-constructs-reference.ts).
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

type Typedoc = typeof import('typedoc', { with: { 'resolution-mode': 'import' } });

export const CONSTRUCTS_REFERENCE = 'docs/constructs.md';

/** The reference of the current lib/; fails on any TypeDoc warning (an undocumented export, a broken link, an optional prop without @default). */
export async function constructsReference(): Promise<string> {
  // typedoc is an ES module, which jest cannot load: imported only when called, and jest never calls this.
  const { Application } = (await import('typedoc' as string)) as Typedoc;
  // Rendered to a temporary directory: TypeDoc empties its output directory, and docs/ holds other documents.
  const out = mkdtempSync(join(tmpdir(), 'constructs-reference-'));
  try {
    const app = await Application.bootstrapWithPlugins({ out });
    const project = await app.convert();
    if (project) app.validate(project);
    if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error('TypeDoc could not document lib/ cleanly: see its messages above');
    await app.generateOutputs(project);
    return readFileSync(join(out, 'constructs.md'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
