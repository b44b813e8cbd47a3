import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesize } from '../apps/synthesize';
import { kindKey } from '../deploy/cluster';
import { main, parseArgs } from '../deploy/cli';
import { KEPT_KINDS, PRUNED_KINDS } from '../deploy/prune';
import { MANAGED_STORES_ENV, PRODUCTION_ENV } from './production-config';

const OUTPUTS: Record<string, Record<string, string>> = {
  'multi-k8s dev': {},
  'multi-k8s production': PRODUCTION_ENV,
  'multi-k8s production, managed stores': MANAGED_STORES_ENV,
  'voting-app dockersamples': { CHART: 'voting-app' },
  'voting-app kodekloud': { CHART: 'voting-app', VOTING_PRESET: 'kodekloud' },
};

test.each(Object.entries(OUTPUTS))('every kind of the %s output is one the deploy prunes or deliberately keeps', (_, inputs) => {
  const { app } = synthesize({ ...inputs, CDK8S_OUTDIR: mkdtempSync(join(tmpdir(), 'deploy-kinds-')) });
  const kinds = new Set(app.charts.flatMap((chart) => chart.toJson()).map((o) => kindKey(o.apiVersion, o.kind)));
  expect([...kinds].filter((kind) => !PRUNED_KINDS.includes(kind) && !KEPT_KINDS.includes(kind))).toEqual([]);
});

test('claims, namespaces and Secrets are never pruned', () => {
  expect(KEPT_KINDS).toEqual(['/PersistentVolumeClaim', '/Namespace', '/Secret']);
  expect(PRUNED_KINDS.filter((kind) => KEPT_KINDS.includes(kind))).toEqual([]);
});

describe('npm run deploy flags', () => {
  test('defaults: apply, wait 5 minutes, the context namespace', () => {
    expect(parseArgs([])).toEqual({ options: { dryRun: false, wait: true, timeoutSeconds: 300, namespace: undefined, showDiff: false }, context: undefined, help: false });
  });

  test('every flag, spaced or with =', () => {
    expect(parseArgs(['--dry-run', '--no-wait', '--diff', '--timeout=90s', '-n', 'shop', '--context', 'gke'])).toEqual({
      options: { dryRun: true, wait: false, timeoutSeconds: 90, namespace: 'shop', showDiff: true },
      context: 'gke',
      help: false,
    });
    expect(parseArgs(['--timeout', '2m'])).toMatchObject({ options: { timeoutSeconds: 120 } });
    expect(parseArgs(['--timeout', '1h'])).toMatchObject({ options: { timeoutSeconds: 3600 } });
    expect(parseArgs(['--timeout', '45'])).toMatchObject({ options: { timeoutSeconds: 45 } });
  });

  test.each([
    [['--timeout', '0'], '--timeout must be a positive duration such as 90s, 5m or 1h, got "0"'],
    [['--timeout', '5 minutes'], '--timeout must be a positive duration such as 90s, 5m or 1h, got "5 minutes"'],
    [['--timeout'], '--timeout must be a positive duration such as 90s, 5m or 1h, got undefined'],
    [['--namespace'], '--namespace needs a namespace'],
    [['--context='], '--context needs a context name'],
    [['--prune'], 'unknown argument "--prune"'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(parseArgs(argv)).toBe(message);
    const lines: string[] = [];
    expect(main(argv, {}, (line) => lines.push(line))).toBe(2);
    expect(lines[0]).toMatch(new RegExp(`^error: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\nusage: npm run deploy`));
  });

  test('a bad synth input fails before kubectl runs, naming the variable', () => {
    const lines: string[] = [];
    expect(main(['--dry-run'], { CHART: 'nope', KUBECTL: '/nonexistent/kubectl' }, (line) => lines.push(line))).toBe(1);
    expect(lines).toEqual(['deploy failed: error: CHART must be one of multi-k8s, voting-app, got "nope"']);
  });

  test('without kubectl, one line says what to install', () => {
    const lines: string[] = [];
    expect(main(['--dry-run'], { KUBECTL: '/nonexistent/kubectl', CDK8S_OUTDIR: mkdtempSync(join(tmpdir(), 'deploy-')) }, (line) => lines.push(line))).toBe(1);
    expect(lines.at(-1)).toBe('deploy failed: cannot run /nonexistent/kubectl: spawnSync /nonexistent/kubectl ENOENT (install kubectl, or set KUBECTL to its path)');
  });
});
