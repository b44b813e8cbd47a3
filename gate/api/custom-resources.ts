import { createHash } from 'crypto';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import type { Options, ValidateFunction } from 'ajv';
import { writeFileAtomically } from '../core/files';
import { loadManifestFile } from '../core/load';
import { asList, asMap } from '../core/manifest';

/**
 * The CustomResourceDefinitions the gate validates custom resources with: every .yaml file in the
 * repository's crds/ folder (cert-manager's, for its Certificate, ClusterIssuer and Issuer).
 */
const CRD_FOLDER = 'crds';
// allErrors: one pass reports every problem; verbose: errors carry their schema, for "did you mean".
const AJV_OPTIONS: Options = { allErrors: true, strict: false, validateFormats: false, verbose: true, code: { source: true } };

type Schema = Record<string, any>;
type Validators = Readonly<Record<string, ValidateFunction>>;
let validators: Validators | undefined;

/** The validator of a served version of a known custom resource; undefined for other kinds. */
export function customResourceValidator(apiVersion: string, kind: string): ValidateFunction | undefined {
  if (!validators) {
    const folder = findUp(__dirname, CRD_FOLDER);
    validators = folder ? crdValidators(folder) : {};
  }
  return validators[`${apiVersion} ${kind}`];
}

/**
 * The validators of every served version in the CRD folder, by "group/version Kind": ajv's standalone code, kept in
 * build/crd-validators/ beside the folder, under a hash of what it is made from (the CRD files, ajv's version and options, and the code
 * below that makes the schemas strict). Reading the CRDs and compiling their schemas takes most of a second, and is
 * done only when one of those changed; a chart without a custom resource never gets here.
 */
export function crdValidators(folder: string): Validators {
  const files = readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort().map((name) => join(folder, name));
  const ajvVersion: string = require('ajv/package.json').version;
  const hash = createHash('sha256').update([ajvVersion, JSON.stringify(AJV_OPTIONS), strict.toString(), celAsSchema.toString()].join('\0'));
  for (const file of files) hash.update(`\0${file}\0`).update(readFileSync(file));
  const kept = join(dirname(folder), 'build', 'crd-validators', `${hash.digest('hex')}.js`);
  if (!existsSync(kept)) writeFileAtomically(kept, standaloneCode(files));
  return require(kept);
}

/** The standalone module of one validator per served CRD version, keyed by "group/version Kind". */
function standaloneCode(files: readonly string[]): string {
  const Ajv: typeof import('ajv').default = require('ajv').default;
  const standalone: typeof import('ajv/dist/standalone').default = require('ajv/dist/standalone').default;
  const ajv = new Ajv(AJV_OPTIONS);
  const ids: Record<string, string> = {};
  for (const file of files) {
    for (const { object: crd } of loadManifestFile(file)) {
      if (crd.kind !== 'CustomResourceDefinition') continue;
      const { group, names, versions } = asMap(crd.spec);
      for (const version of asList(versions).map(asMap).filter((v) => v.served === true)) {
        const id = `${group}/${version.name} ${asMap(names).kind}`;
        ajv.addSchema(strict(asMap(asMap(version.schema).openAPIV3Schema)), id);
        ids[id] = id;
      }
    }
  }
  return standalone(ajv, ids);
}

/** The folder `name` in `start` or the nearest parent that has one (gate/ runs from the repository or from a bundle in build/bundles/). */
function findUp(start: string, name: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name, '.')) && existsSync(join(dir, 'package.json'))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The API server prunes or refuses fields a structural schema does not define (kubectl's strict
 * field validation); this makes that an error: additionalProperties false wherever an object lists
 * its properties and does not preserve unknown fields. Value-validation branches (allOf, anyOf,
 * oneOf, not) only constrain known fields and stay as they are. x-kubernetes-int-or-string
 * becomes what it means to a JSON Schema validator, and so do the CEL rules crds/ holds (see celAsSchema).
 */
function strict(schema: Schema): Schema {
  const result: Schema = { ...schema };
  if (schema['x-kubernetes-int-or-string'] === true) result.anyOf = [{ type: 'integer' }, { type: 'string' }];
  const rules = asList(schema['x-kubernetes-validations']).map((rule) => celAsSchema(String(asMap(rule).rule)));
  if (rules.length) result.allOf = [...asList(schema.allOf), ...rules.filter((rule): rule is Schema => rule !== undefined)];
  if (schema.properties) {
    result.properties = Object.fromEntries(Object.entries(asMap(schema.properties)).map(([key, value]) => [key, strict(asMap(value))]));
    if (schema.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) result.additionalProperties = false;
  }
  if (schema.items) result.items = strict(asMap(schema.items));
  if (typeof schema.additionalProperties === 'object') result.additionalProperties = strict(asMap(schema.additionalProperties));
  return result;
}

const EXACTLY_ONE_OF = /^(\s*\(has\(self\.\w+\)\s*\?\s*1\s*:\s*0\)\s*\+?)+\s*==\s*1\s*$/;

/**
 * A CEL rule (x-kubernetes-validations) as JSON Schema, for the one form crds/ uses:
 * `(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) + ... == 1`, exactly one of the fields. Any other rule is
 * not checked by the gate (undefined): the API server still evaluates it.
 */
export function celAsSchema(rule: string): Schema | undefined {
  if (!EXACTLY_ONE_OF.test(rule)) return undefined;
  return { oneOf: [...rule.matchAll(/has\(self\.(\w+)\)/g)].map(([, field]) => ({ required: [field] })) };
}
