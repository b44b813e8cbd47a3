// The scripts the backup and restore Jobs run, against a real PostgreSQL 15: the app's table survives a backup, a
// drop and a restore; retention keeps the newest dumps; a restore without a dump fails and says so.
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BACKUP_SCRIPT, RESTORE_SCRIPT } from '../lib/postgres-backup';
import { Postgres15, postgres15Missing, startPostgres15 } from './postgres-15';

const missing = postgres15Missing();
if (missing) console.log(`backup script tests: skipped (${missing})`);
const describeWithPostgres = missing ? describe.skip : describe;

describeWithPostgres('the backup and restore scripts against PostgreSQL 15', () => {
  let postgres: Postgres15;
  let backups: string;
  const env = (extra: Record<string, string> = {}) => ({ ...postgres.env, BACKUP_DIR: backups, BACKUP_RETENTION: '2', ...extra });
  const sh = (script: string, extra: Record<string, string> = {}) => spawnSync('/bin/sh', ['-c', script], { env: env(extra), encoding: 'utf8' });
  const psql = (sql: string) => {
    const result = spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { env: env(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.trim();
  };
  const dumps = () => readdirSync(backups).sort();

  beforeAll(() => {
    postgres = startPostgres15();
  });
  afterAll(() => postgres?.stop());
  beforeEach(() => {
    backups = mkdtempSync(join(tmpdir(), 'backups-'));
  });
  afterEach(() => rmSync(backups, { recursive: true, force: true }));

  test("the app's values table comes back, row for row, after a backup, a drop and a restore", () => {
    // The course's server creates this table and inserts each index a user submits.
    psql('CREATE TABLE values (number INT); INSERT INTO values SELECT generate_series(1, 40)');
    const before = psql('SELECT string_agg(number::text, \',\' ORDER BY number) FROM values');
    const backup = sh(BACKUP_SCRIPT);
    expect(backup.status).toBe(0);
    expect(dumps()).toEqual([expect.stringMatching(/^postgres-\d{8}T\d{6}Z\.dump$/)]);
    expect(backup.stdout).toBe(`wrote ${dumps()[0]}\n`);

    psql('DROP TABLE values');
    const restore = sh(RESTORE_SCRIPT);
    expect([restore.status, restore.stderr]).toEqual([0, '']);
    expect(restore.stdout).toBe(`restoring ${dumps()[0]} into postgres\nrestored ${dumps()[0]}\n`);
    expect(psql('SELECT string_agg(number::text, \',\' ORDER BY number) FROM values')).toBe(before);

    // Restoring over the live table replaces it with the dump's rows.
    psql('INSERT INTO values VALUES (999)');
    expect(sh(RESTORE_SCRIPT, { RESTORE_FILE: dumps()[0] }).status).toBe(0);
    expect(psql('SELECT count(*) FROM values')).toBe('40');
    psql('DROP TABLE values');
  });

  test('keeps the newest BACKUP_RETENTION dumps and leaves other files alone', () => {
    for (const old of ['postgres-20240101T030000Z.dump', 'postgres-20240102T030000Z.dump', 'postgres-20240103T030000Z.dump', 'notes.txt']) {
      writeFileSync(join(backups, old), 'old');
    }
    const backup = sh(BACKUP_SCRIPT);
    expect(backup.status).toBe(0);
    const newest = dumps().find((name) => !name.startsWith('postgres-2024') && name !== 'notes.txt');
    expect(dumps()).toEqual(['notes.txt', 'postgres-20240103T030000Z.dump', newest]);
    expect(backup.stdout).toContain('removed postgres-20240102T030000Z.dump\nremoved postgres-20240101T030000Z.dump\n');
  });

  test('a failed dump leaves no file that looks like a dump, and the restore of nothing fails and says why', () => {
    const failed = sh(BACKUP_SCRIPT, { PGDATABASE: 'no_such_database' });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('no_such_database');
    expect(dumps().filter((name) => name.endsWith('.dump'))).toEqual([]);
    const restore = sh(RESTORE_SCRIPT);
    expect([restore.status, restore.stderr]).toEqual([1, `no dump of postgres in ${backups}\n`]);
  });
});
