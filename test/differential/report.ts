// `npm run differential`: the gate's recall and precision on the recorded corpus, per category, and every
// entry where it disagrees with the server. The README's table is this command's output.
import { DEFAULT_KUBERNETES_VERSION } from '../../gate';
import { readRecording } from './recording';
import { formatTable, outcomes, scoreByCategory } from './score';

const recording = readRecording();
const results = outcomes(recording.verdicts, DEFAULT_KUBERNETES_VERSION);
console.log(formatTable(scoreByCategory(results), recording.server));
const disagreements = results.filter((r) => r.disagrees);
if (disagreements.length) console.log(`\n${disagreements.length} disagreements:`);
for (const { verdict, findings } of disagreements) {
  console.log(verdict.accepted ? `- accepted, gate rejects: ${verdict.id}\n    ${findings.map((f) => `${f.rule}: ${f.message}`).join('\n    ')}` : `- rejected, gate misses: ${verdict.id}\n    ${verdict.message.split('\n')[0].slice(0, 400)}`);
}
