// Replays the API server's recorded verdicts (verdicts.json.gz, from `npm run differential:record` against a real
// cluster) through the gate's API rules: every rejection must be caught, and no accepted object rejected.
import { DEFAULT_KUBERNETES_VERSION } from '../../gate';
import { buildCorpus } from './corpus';
import { readRecording } from './recording';
import { outcomes, scoreByCategory } from './score';

const recording = readRecording();
const results = outcomes(recording.verdicts, DEFAULT_KUBERNETES_VERSION);

test('the recording is of the Kubernetes version the gate targets by default', () => {
  expect(recording.server).toMatch(new RegExp(`^v${DEFAULT_KUBERNETES_VERSION.replace('.', '\\.')}\\.`));
});

test('the recording covers the corpus the generator builds now (else re-record: npm run differential:record)', () => {
  expect(recording.verdicts.map((v) => v.id)).toEqual(buildCorpus().map((e) => e.id));
});

test('every unchanged base is accepted by the server and by the gate', () => {
  const bases = results.filter((r) => r.verdict.category === 'valid bases');
  expect(bases.filter((r) => !r.verdict.accepted || r.findings.length > 0).map((r) => r.verdict.id)).toEqual([]);
});

test('the corpus exercises both verdicts in every category', () => {
  for (const row of scoreByCategory(results).filter((r) => r.category !== 'valid bases')) {
    expect([row.category, row.rejected > 0, row.accepted > 0]).toEqual([row.category, true, true]);
  }
});

test('no object the server accepts is rejected by the gate (precision 100 %)', () => {
  const falseRejections = results.filter((r) => r.verdict.accepted && r.disagrees);
  expect(falseRejections.map((r) => `${r.verdict.id}: ${r.findings.map((f) => f.message).join('; ')}`)).toEqual([]);
});

test('every object the server rejects is rejected by the gate (recall 100 %)', () => {
  const misses = results.filter((r) => !r.verdict.accepted && r.disagrees);
  expect(misses.map((r) => `${r.verdict.id}: ${r.verdict.message.split('\n')[0]}`)).toEqual([]);
});
