// Replays the API server's recorded verdicts (verdicts.json.gz, from `npm run differential:record` against a real
// cluster) through the gate's API rules: every rejection must be caught, and no accepted object rejected.
import { DEFAULT_KUBERNETES_VERSION } from '../../gate';
import { buildCorpus, projectObjects, recordedProjectObjects } from './corpus';
import { readRecording, Recording } from './recording';
import { Outcome, outcomes, scoreByCategory } from './score';

let recording: Recording;
let results: Outcome[];

// In beforeAll, not at import: jest then counts this work in the file's duration and runs the file early.
beforeAll(() => {
  recording = readRecording();
  results = outcomes(recording.verdicts, DEFAULT_KUBERNETES_VERSION);
});

test('the recording is of the Kubernetes version the gate targets by default', () => {
  expect(recording.server).toMatch(new RegExp(`^v${DEFAULT_KUBERNETES_VERSION.replace('.', '\\.')}\\.`));
});

test('the recording covers the corpus the generator builds now from the project objects it holds (else re-record: npm run differential:record)', () => {
  expect(recording.verdicts.map((v) => v.id)).toEqual(buildCorpus(recordedProjectObjects(recording.verdicts)).map((e) => e.id));
});

test('every project object the recording holds is still in the charts\' output, by kind and name (else re-record); objects added since join at the next recording', () => {
  const now = projectObjects();
  expect(Object.keys(recordedProjectObjects(recording.verdicts)).filter((key) => !(key in now))).toEqual([]);
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
