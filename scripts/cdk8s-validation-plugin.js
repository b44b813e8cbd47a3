// cdk8s-cli require()s validation plugins (cdk8s.yaml `validations:`); this hands it the gate's plugin
// class, from a bundle like every entry point of the project (scripts/run-ts.js).
module.exports = require('./run-ts').requireTs('gate/front-ends/plugin.ts');
