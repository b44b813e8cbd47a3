// `npm run bench`: how long synth and the tests take, as the median of several runs.
// BENCH_RUNS sets the number of runs (default 5; the template default and npm test run at most 3 times, and say so).
import { spawnSync } from 'child_process';
import { rmSync, utimesSync } from 'fs';
import { cpus, totalmem } from 'os';
import { performance } from 'perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALE = [1, 10, 100, 1000];
const EDITED_SOURCE = 'lib/web-tier.ts';
const benchEnv = { ...process.env, CDK8S_OUTDIR: 'build/bench-dist' };

function run(command: string, args: string[]): number {
  const start = performance.now();
  const result = spawnSync(command, args, { env: benchEnv, encoding: 'utf8' });
  const elapsed = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timeMedian(label: string, command: string, args: string[], runs = RUNS, before = () => {}): number {
  const seconds = median(Array.from({ length: runs }, () => {
    before();
    return run(command, args);
  }));
  console.log(`${label.padEnd(58)} ${seconds.toFixed(3)} s${runs === RUNS ? '' : `   (median of ${runs})`}`);
  return seconds;
}

/**
 * The floor and the app synth run alternately, one of each per round, so that a slow spell of the machine weighs on
 * both alike rather than on one of them; each line is the median of its own runs. A first round is not counted: on a
 * fresh clone, the first app synth bundles (the rows after measure that).
 */
function pairedMedians(a: [string, string, string[]], b: [string, string, string[]]): [number, number] {
  const rounds = Array.from({ length: RUNS + 1 }, () => [run(a[1], a[2]), run(b[1], b[2])]).slice(1);
  return [a, b].map(([label], i) => {
    const seconds = median(rounds.map((round) => round[i]));
    console.log(`${label.padEnd(58)} ${seconds.toFixed(3)} s`);
    return seconds;
  }) as [number, number];
}

console.log(`machine: ${cpus().length} x ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; median of ${RUNS} runs\n`);
const [floor, app] = pairedMedians(
  ['floor: node -e "require(\'cdk8s\')"', 'node', ['-e', "require('cdk8s')"]],
  ['app synth, gate included: node scripts/run-ts.js main.ts', 'node', ['scripts/run-ts.js', 'main.ts']],
);
// An edited source or a newer scripts/run-ts.js makes the bundle stale: it is built again, and its code cache too.
const edited = timeMedian('app synth right after an edit (bundles again)', 'node', ['scripts/run-ts.js', 'main.ts'], RUNS,
  () => utimesSync(EDITED_SOURCE, new Date(), new Date()));
const fresh = timeMedian('app synth on a fresh clone (bundles, no code cache yet)', 'node', ['scripts/run-ts.js', 'main.ts'], RUNS,
  () => rmSync('build/bundles', { recursive: true, force: true }));
const full = timeMedian('full: npm run synth', 'npm', ['run', '-s', 'synth']);
const cli = timeMedian('cdk8s-cli: npx cdk8s synth (same app, CLI start-up added)', 'npx', ['cdk8s', 'synth', '--check-upgrade', 'false', '--output', 'build/bench-dist']);
const template = timeMedian('template default: npx ts-node main.ts (type-checks)', 'npx', ['ts-node', 'main.ts'], Math.min(RUNS, 3));
console.log(`\napp synth / floor                     ${(app / floor).toFixed(2)}x   (target <= 1.5x)`);
console.log(`app synth after an edit / floor       ${(edited / floor).toFixed(2)}x`);
console.log(`app synth on a fresh clone / floor    ${(fresh / floor).toFixed(2)}x`);
console.log(`npm run synth / template default      ${(full / template).toFixed(2)}x   (target <= 0.2x)`);
console.log(`cdk8s synth / template default        ${(cli / template).toFixed(2)}x\n`);
// The gate over 1,000 objects: its rules in process, and `npm run validate` as a user runs it on a folder
// (node start-up, loading the validators, parsing the YAML, every rule).
const gateRuns = Array.from({ length: RUNS }, () => {
  const result = spawnSync('node', ['scripts/run-ts.js', 'bench/gate-objects.ts', '1000', 'build/bench-gate'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`gate benchmark failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as { objects: number; readMs: number; validateMs: number };
});
const gateObjects = gateRuns[0].objects;
console.log(`${`gate: every rule over ${gateObjects} objects, in process`.padEnd(58)} ${(median(gateRuns.map((r) => r.validateMs)) / 1000).toFixed(3)} s   (target < 1 s)`);
console.log(`${`gate: reading the ${gateObjects} objects' YAML`.padEnd(58)} ${(median(gateRuns.map((r) => r.readMs)) / 1000).toFixed(3)} s`);
timeMedian(`gate: npm run validate over the ${gateObjects} objects (wall)`, 'node', ['scripts/run-ts.js', 'gate/front-ends/cli.ts', 'build/bench-gate']);
console.log('');
timeMedian('npm test (tsc -b beside jest)', 'npm', ['test', '--silent'], Math.min(RUNS, 3));
console.log('npm test target: <= 10 s');

console.log('\nscale: a chart of N WebTiers (build + synth in process; wall includes node start-up and bundling)');
console.log('     N   wall s  synth ms  ms per WebTier  peak MiB');
const perTier = new Map<number, number>();
for (const count of SCALE) {
  const samples = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    const result = spawnSync('node', ['scripts/run-ts.js', 'bench/scale-chart.ts', String(count)], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`scale run N=${count} failed:\n${result.stderr}`);
    return { wall: (performance.now() - start) / 1000, ...JSON.parse(result.stdout) as { synthMs: number; maxRssMiB: number } };
  });
  const synthMs = median(samples.map((s) => s.synthMs));
  perTier.set(count, synthMs / count);
  console.log(`${String(count).padStart(6)} ${median(samples.map((s) => s.wall)).toFixed(3).padStart(8)} ${synthMs.toFixed(1).padStart(9)}`
    + ` ${(synthMs / count).toFixed(3).padStart(15)} ${median(samples.map((s) => s.maxRssMiB)).toFixed(0).padStart(9)}`);
}
console.log(`\nms per WebTier at N=1000 / at N=100   ${(perTier.get(1000)! / perTier.get(100)!).toFixed(2)}x   (target <= 2x)`);
