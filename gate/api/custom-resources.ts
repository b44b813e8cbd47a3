import { existsSync, readdirSync } from 'fs';
import { dirname, join } from 'path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { loadManifestFile } from '../core/load';
import { asList, asMap } from '../core/manifest';

/**
 * The CustomResourceDefinitions the gate validates custom resources with: every .yaml file in the
 * repository's crds/ folder (cert-manager's, for its Certificate, ClusterIssuer and Issuer).
 */
const CRD_FOLDER = 'crds';

type Schema = Record<string, any>;
const schemas = new Map<string, Schema>();
const validators = new Map<string, ValidateFunction>();
let loaded = false;
let ajv: Ajv | undefined;

/** ajv is loaded on the first custom resource only: `npm run synth` of a chart without one does not pay for it. */
function compiler(): Ajv {
  if (!ajv) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass: typeof Ajv = require('ajv').default;
    // allErrors: one pass reports every problem; verbose: errors carry their schema, for "did you mean".
    ajv = new AjvClass({ allErrors: true, strict: false, validateFormats: false, verbose: true });
  }
  return ajv;
}

/** The validator of a served version of a known custom resource, compiled on first use; undefined for other kinds. */
export function customResourceValidator(apiVersion: string, kind: string): ValidateFunction | undefined {
  if (!loaded) loadCrds();
  const key = `${apiVersion} ${kind}`;
  const schema = schemas.get(key);
  if (!schema) return undefined;
  if (!validators.has(key)) validators.set(key, compiler().compile(schema));
  return validators.get(key);
}

function loadCrds(): void {
  loaded = true;
  const folder = findUp(__dirname, CRD_FOLDER);
  if (!folder) return;
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort()) {
    for (const { object: crd } of loadManifestFile(join(folder, file))) {
      if (crd.kind !== 'CustomResourceDefinition') continue;
      const { group, names, versions } = asMap(crd.spec);
      for (const version of asList(versions).map(asMap).filter((v) => v.served === true)) {
        schemas.set(`${group}/${version.name} ${asMap(names).kind}`, strict(asMap(asMap(version.schema).openAPIV3Schema)));
      }
    }
  }
}

/** The folder `name` in `start` or the nearest parent that has one (gate/ runs from the repository or from build/gate/). */
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
