import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

export interface ManifestDoc {
  readonly file: string;
  readonly object: any;
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
  // YAML 1.1, as kubectl reads manifests: `yes`/`on` are booleans and `0755` is octal there.
  return parseAllDocuments(text, { version: '1.1' }).flatMap((document, i) => {
    const [error] = document.errors;
    if (error) throw new ManifestLoadError(`${file}: YAML parse error in document ${i + 1}: ${error.message.split('\n')[0].replace(/:$/, '')}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) return [];
    return expandLists(value).map((object) => {
      if (typeof object !== 'object' || object === null || Array.isArray(object)) {
        throw new ManifestLoadError(`${file}: document ${i + 1} is not a mapping (a Kubernetes object)`);
      }
      return { file, object };
    });
  });
}

function expandLists(value: any): unknown[] {
  return value?.apiVersion === 'v1' && value?.kind === 'List' && Array.isArray(value.items) ? value.items.flatMap(expandLists) : [value];
}
