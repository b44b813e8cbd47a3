import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

export interface ManifestDoc {
  readonly file: string;
  readonly object: any;
  /** The line its YAML document starts on, where it was read from YAML. */
  readonly line?: number;
}

export interface LoadedManifests {
  /** Every .yaml/.yml file read, including those without objects. */
  readonly files: readonly string[];
  readonly docs: readonly ManifestDoc[];
}

/** The input cannot be read as Kubernetes YAML at all: a usage error, not a finding. */
export class ManifestLoadError extends Error {}

/** Reads every .yaml/.yml file under dir, recursively, in a stable order. File names are reported as dir/relative-path. */
export function loadManifestDir(dir: string): LoadedManifests {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    throw new ManifestLoadError(`cannot read directory ${dir}: ${(error as Error).message}`);
  }
  const files = entries
    .filter((entry) => /\.ya?ml$/i.test(entry))
    .map((entry) => path.join(dir, entry))
    .filter((file) => fs.statSync(file).isFile())
    .sort();
  return { files, docs: files.flatMap(loadManifestFile) };
}

/** Every object in one YAML file: documents in order, empty ones skipped, `kind: List` expanded into its items. */
export function loadManifestFile(file: string): ManifestDoc[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ManifestLoadError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseManifests(text, file);
}

/** Every object in a YAML text (a file's, or standard input's), reported under `name`. */
export function parseManifests(text: string, name: string): ManifestDoc[] {
  // YAML 1.1, as kubectl reads manifests: `yes`/`on` are booleans and `0755` is octal there.
  return parseAllDocuments(text, { version: '1.1' }).flatMap((document, i) => {
    const [error] = document.errors;
    if (error) throw new ManifestLoadError(`${name}: YAML parse error in document ${i + 1}: ${error.message.split('\n')[0].replace(/:$/, '')}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return [];
    const start = document.contents?.range?.[0] ?? document.range[0];
    const line = text.slice(0, start).split('\n').length;
    return expandLists(value).map((object) => {
      if (typeof object !== 'object' || object === null || Array.isArray(object)) {
        throw new ManifestLoadError(`${name}: document ${i + 1} is not a mapping (a Kubernetes object)`);
      }
      return { file: name, object, line };
    });
  });
}

/** Files, folders (every .yaml/.yml below) and `-` (the given standard input), in the order given. */
export function loadManifestPaths(paths: readonly string[], readStdin: () => string): LoadedManifests {
  const loaded = paths.map((entry): LoadedManifests => {
    if (entry === '-') return { files: ['-'], docs: parseManifests(readStdin(), '-') };
    let isDirectory: boolean;
    try {
      isDirectory = fs.statSync(entry).isDirectory();
    } catch (error) {
      throw new ManifestLoadError(`cannot read ${entry}: ${(error as Error).message}`);
    }
    return isDirectory ? loadManifestDir(entry) : { files: [entry], docs: loadManifestFile(entry) };
  });
  return { files: loaded.flatMap((l) => l.files), docs: loaded.flatMap((l) => l.docs) };
}

function expandLists(value: any): unknown[] {
  return value?.apiVersion === 'v1' && value?.kind === 'List' && Array.isArray(value.items) ? value.items.flatMap(expandLists) : [value];
}
