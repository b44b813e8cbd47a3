#!/usr/bin/env node
// Regenerates imports/k8s.ts with cdk8s-cli's own generator from a local copy of the
// Kubernetes schema, for machines without internet. Online, `npm run import` does the same.
//
// Usage: node scripts/import-k8s-offline.js <path/to/_definitions.json> [k8s version, default 1.27.0]
// The schema file is the one `cdk8s import k8s@<version>` downloads:
// https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v<version>/_definitions.json
const path = require('path');
// cdk8s-cli exports no subpaths, so its files are loaded by path.
const cliDir = path.join(__dirname, '..', 'node_modules', 'cdk8s-cli');
const util = require(path.join(cliDir, 'lib', 'util'));

const [schemaPath, version = '1.27.0'] = process.argv.slice(2);
if (!schemaPath) {
  console.error('usage: node scripts/import-k8s-offline.js <path/to/_definitions.json> [version]');
  process.exit(2);
}
const localSchema = path.resolve(schemaPath);
const download = util.download;
// The generator asks util.download() for the schema URL; hand it the local file instead.
util.download = (url) => download(url.endsWith(`/v${version}/_definitions.json`) ? localSchema : url);

process.argv = [process.argv[0], 'cdk8s', 'import', `k8s@${version}`, '--language', 'typescript', '--no-check-upgrade'];
require(path.join(cliDir, 'lib', 'cli'));
