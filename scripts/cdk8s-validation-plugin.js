// cdk8s-cli require()s validation plugins (cdk8s.yaml `validations:`); this hands it the gate's plugin
// class, transpiled like every other source of the project (scripts/run-ts.js).
module.exports = require('./run-ts').requireTs('gate/front-ends/plugin.ts');
