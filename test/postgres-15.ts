// A throwaway PostgreSQL 15 server for the tests of the backup scripts: Debian's postgresql-15 package,
// installed with apt-get where it is missing and the tests run as root; otherwise the tests skip and say why.
import { spawnSync, SpawnSyncOptions } from 'child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

const BIN = '/usr/lib/postgresql/15/bin';
const PORT = 54329;
const INITDB_ARGS = ['--auth=trust', '--username=postgres', '--no-sync'];
// initdb takes a second: the data directory it makes is kept here, with the initdb version and arguments that made it.
const TEMPLATE = join(__dirname, '..', 'build', 'postgres-15-template');

export interface Postgres15 {
  /** The environment pg_dump, pg_restore and psql connect with (a Unix socket, user postgres, no password). */
  readonly env: NodeJS.ProcessEnv;
  readonly bin: string;
  stop(): void;
}

function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

/** Why PostgreSQL 15 cannot run here, or undefined once its binaries are installed. */
export function postgres15Missing(): string | undefined {
  if (existsSync(join(BIN, 'initdb'))) return undefined;
  if (process.getuid?.() !== 0) return `${BIN} is missing and installing Debian's postgresql-15 needs root (apt-get install postgresql-15)`;
  const install = run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql-15'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!install.ok || !existsSync(join(BIN, 'initdb'))) return `apt-get install postgresql-15 failed: ${install.output.trim().split('\n').slice(-2).join(' ')}`;
  return undefined;
}

type Run = (command: string, args: string[]) => { ok: boolean; output: string };

function step(what: string, result: { ok: boolean; output: string }): void {
  if (!result.ok) throw new Error(`${what} failed:\n${result.output}`);
}

/** What initdb makes, copied from the data directory kept in build/ when the same initdb made it. */
function makeDataDirectory(data: string, asPostgres: Run): void {
  const madeBy = `${run(join(BIN, 'initdb'), ['--version']).output.trim()} ${INITDB_ARGS.join(' ')}`;
  const keptMadeBy = existsSync(`${TEMPLATE}.made-by`) ? readFileSync(`${TEMPLATE}.made-by`, 'utf8') : undefined;
  if (existsSync(TEMPLATE) && keptMadeBy === madeBy) {
    // cp -a keeps the owner (postgres, as root) and the modes PostgreSQL insists on.
    step('copying the kept data directory', run('cp', ['-a', TEMPLATE, data]));
    return;
  }
  step('initdb', asPostgres(join(BIN, 'initdb'), [...INITDB_ARGS, '-D', data]));
  for (const stale of [TEMPLATE, `${TEMPLATE}.tmp`]) rmSync(stale, { recursive: true, force: true });
  mkdirSync(dirname(TEMPLATE), { recursive: true });
  step('keeping the data directory', run('cp', ['-a', data, `${TEMPLATE}.tmp`]));
  renameSync(`${TEMPLATE}.tmp`, TEMPLATE);
  writeFileSync(`${TEMPLATE}.made-by`, madeBy);
}

/** A server on a fresh data directory; PostgreSQL refuses to run as root, so as root it runs as the package's postgres user. */
export function startPostgres15(): Postgres15 {
  const dir = mkdtempSync(join(tmpdir(), 'pg15-'));
  const asPostgres: Run = (command, args) => (process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args));
  if (process.getuid?.() === 0) {
    const id = run('id', ['-u', 'postgres']).output.trim();
    chownSync(dir, Number(id), Number(run('id', ['-g', 'postgres']).output.trim()));
  }
  const data = join(dir, 'data');
  makeDataDirectory(data, asPostgres);
  step('pg_ctl start', asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-k ${dir} -p ${PORT} -c listen_addresses= -c fsync=off`, 'start']));
  return {
    bin: BIN,
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, PGHOST: dir, PGPORT: String(PORT), PGUSER: 'postgres', PGDATABASE: 'postgres' },
    stop: () => {
      asPostgres(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
