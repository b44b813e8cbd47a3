// Child process of the benchmark: synthesizes a chart of N WebTiers and reports, as JSON on
// stdout, the time to build and synthesize it (module loading excluded) and the peak memory.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { App, Chart } from 'cdk8s';
import { WebTier } from '../lib/web-tier';

const count = Number(process.argv[2]);
const outdir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
const start = performance.now();
const app = new App({ outdir });
const chart = new Chart(app, 'scale', { disableResourceNameHashes: true });
for (let i = 0; i < count; i++) {
  new WebTier(chart, `tier-${i}`, { image: 'nginx:1.25.3', port: 8080, env: { TIER: String(i) } });
}
app.synth();
const synthMs = performance.now() - start;
rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ count, synthMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
