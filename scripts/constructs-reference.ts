// docs/constructs.md: the API reference of lib/index.ts, rendered from the JSDoc by TypeDoc and
// typedoc-plugin-markdown with the options of typedoc.json. `npm run docs` rewrites it and
// test/docs.test.ts compares it.
//
// TypeDoc builds a TypeScript program of lib/ for each rendering (seconds). The rendering is kept in
// build/constructs-reference.json with the contents' hashes of the project files that program read: while none of
// them, the options and the installed packages has changed, the kept rendering is the rendering.
import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { writeFileAtomically } from '../gate/core/files';

type Typedoc = typeof import('typedoc', { with: { 'resolution-mode': 'import' } });
// TypeDoc's declarations reach its event methods through package imports (#utils), which "module": "commonjs"
// resolution does not read: the one listener used is typed here.
type Programs = { readonly programs: readonly { getSourceFiles(): readonly { readonly fileName: string }[] }[] };
type ConverterEvents = { on(event: string, listener: (context: Programs) => void): void };

export const CONSTRUCTS_REFERENCE = 'docs/constructs.md';

const ROOT = join(__dirname, '..');
const KEPT = join(ROOT, 'build', 'constructs-reference.json');
// What TypeDoc reads besides its program's project files; the installed packages stand for node_modules.
const OPTIONS = ['typedoc.json', 'tsconfig.typedoc.json', 'tsconfig.json', 'scripts/typedoc-plugin.mjs', 'scripts/constructs-reference.ts', 'node_modules/.package-lock.json'];

interface Kept {
  /** Project file (relative to the root) -> hash of its contents. */
  readonly inputs: Record<string, string>;
  readonly text: string;
}

function hashOf(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(join(ROOT, file))).digest('hex');
  } catch {
    return 'missing';
  }
}

const hashes = (files: readonly string[]) => Object.fromEntries(files.map((file) => [file, hashOf(file)]));

function keptRendering(): string | undefined {
  let kept: Kept;
  try {
    kept = JSON.parse(readFileSync(KEPT, 'utf8'));
  } catch {
    return undefined;
  }
  const unchanged = Object.entries(kept.inputs).every(([file, hash]) => hashOf(file) === hash);
  return unchanged ? kept.text : undefined;
}

/** The reference of the current lib/; fails on any TypeDoc warning (an undocumented export, a broken link, an optional prop without @default). */
export async function constructsReference(): Promise<string> {
  const kept = keptRendering();
  if (kept !== undefined) return kept;
  const { text, programFiles } = await render();
  const projectFiles = programFiles.map((file) => relative(ROOT, file)).filter((file) => !file.startsWith('node_modules/') && !file.startsWith('..'));
  const rendering: Kept = { inputs: hashes([...OPTIONS, ...projectFiles]), text };
  writeFileAtomically(KEPT, JSON.stringify(rendering));
  return text;
}

async function render(): Promise<{ text: string; programFiles: string[] }> {
  // typedoc is an ES module: imported only when a rendering is needed.
  const { Application, Converter } = (await import('typedoc' as string)) as Typedoc;
  // Rendered to a temporary directory: TypeDoc empties its output directory, and docs/ holds other documents.
  const out = mkdtempSync(join(tmpdir(), 'constructs-reference-'));
  try {
    const app = await Application.bootstrapWithPlugins({ out });
    let programFiles: string[] = [];
    (app.converter as unknown as ConverterEvents).on(Converter.EVENT_BEGIN, (context) => {
      programFiles = context.programs.flatMap((program) => program.getSourceFiles().map((file) => file.fileName));
    });
    const project = await app.convert();
    if (project) app.validate(project);
    if (!project || app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error('TypeDoc could not document lib/ cleanly: see its messages above');
    await app.generateOutputs(project);
    return { text: readFileSync(join(out, 'constructs.md'), 'utf8'), programFiles };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
