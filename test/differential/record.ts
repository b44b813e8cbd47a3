// Records the API server's verdict on every corpus entry into verdicts.json.gz, which `npm test` replays
// without a server. Needs a throwaway cluster (nothing is created: every apply is a server-side dry run):
//
//   KUBECONFIG=<kubeconfig> npm run differential:record
//
// It installs the cert-manager CRDs of crds/ and creates the namespaces the corpus uses, if they are missing.
// A verdict already recorded from the same server version for the same object is kept; RECORD_ALL=1 asks again.
import { spawn, spawnSync } from 'child_process';
import { join } from 'path';
import { buildCorpus, CorpusEntry } from './corpus';
import { existsSync } from 'fs';
import { readRecording, VERDICTS_FILE, Verdict, writeVerdicts } from './recording';

const KUBECTL = process.env.KUBECTL || 'kubectl';
const NAMESPACE = 'gate-differential';
const PARALLEL = 6;

function kubectl(args: readonly string[], input?: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(KUBECTL, args, { input, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

function dryRun(entry: CorpusEntry): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const namespace = typeof entry.object.metadata?.namespace === 'string' && entry.object.metadata.namespace ? entry.object.metadata.namespace : NAMESPACE;
    const child = spawn(KUBECTL, ['apply', '--dry-run=server', '-n', namespace, '-f', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ id: entry.id, category: entry.category, accepted: status === 0, message: stderr.trim(), object: entry.object }));
    child.stdin.end(JSON.stringify(entry.object));
  });
}

async function main(): Promise<void> {
  const version = JSON.parse(kubectl(['version', '-o', 'json']).stdout).serverVersion.gitVersion as string;
  const crds = kubectl(['apply', '--server-side', '-f', join(__dirname, '..', '..', 'crds', 'cert-manager-v1.21.1.yaml')]);
  if (crds.status !== 0) throw new Error(`installing the cert-manager CRDs failed: ${crds.stderr}`);
  kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
  const corpus = buildCorpus();
  const previous = existsSync(VERDICTS_FILE) && !process.env.RECORD_ALL ? readRecording() : undefined;
  const keyOf = (entry: { id: string; object: object }) => `${entry.id}\n${JSON.stringify(entry.object)}`;
  const kept = new Map((previous?.server === version ? previous.verdicts : []).map((v) => [keyOf(v), v]));
  const entries = corpus.filter((entry) => !kept.has(keyOf(entry)));
  const namespaces = new Set([NAMESPACE, ...entries.map((e) => e.object.metadata?.namespace).filter((ns) => typeof ns === 'string' && /^[a-z0-9-]+$/.test(ns))]);
  for (const namespace of namespaces) kubectl(['create', 'namespace', namespace]);
  const verdicts: Verdict[] = corpus.map((entry) => kept.get(keyOf(entry))).filter((v): v is Verdict => v !== undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const entry = entries[next++];
      verdicts.push(await dryRun(entry));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const order = new Map(corpus.map((e, i) => [e.id, i]));
  verdicts.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  writeVerdicts(version, verdicts);
  const rejected = verdicts.filter((v) => !v.accepted).length;
  console.log(`${verdicts.length} entries (${entries.length} asked, the rest kept) recorded against ${version}: ${rejected} rejected, ${verdicts.length - rejected} accepted -> ${VERDICTS_FILE}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
