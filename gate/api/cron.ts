// A CronJob's schedule and time zone as the API server checks them (pkg/apis/batch/validation: validateScheduleFormat
// with robfig/cron v3's ParseStandard; validateTimeZone with Go's time.LoadLocation).

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const GO_DURATION = /^(\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))*$/;

/** What is wrong with a schedule, or undefined where the API server accepts it. */
export function scheduleProblem(schedule: string): string | undefined {
  if (/\bTZ=|CRON_TZ=/.test(schedule)) return 'must not contain TZ= or CRON_TZ= (use spec.timeZone)';
  // A descriptor is matched as written: "@hourly " is not one.
  if (schedule.startsWith('@')) {
    if (DESCRIPTORS.includes(schedule)) return undefined;
    const every = /^@every (.*)$/.exec(schedule);
    return every && GO_DURATION.test(every[1]) ? undefined : `${JSON.stringify(schedule)} is not a descriptor (${DESCRIPTORS.join(', ')}, @every <duration>)`;
  }
  const parts = schedule.trim().split(/\s+/).filter(Boolean);
  if (parts.length !== FIELDS.length) return `must have ${FIELDS.length} fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (const [i, part] of parts.entries()) {
    const problem = fieldProblem(part, FIELDS[i]);
    if (problem) return `${FIELDS[i].name} ${JSON.stringify(part)}: ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, field: Field): string | undefined {
  for (const expression of text.split(',')) {
    const [range, step, extra] = expression.split('/');
    if (extra !== undefined) return 'too many slashes';
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return 'the step must be a positive number';
    if (range === '*' || range === '?') continue;
    const [low, high, more] = range.split('-');
    if (more !== undefined) return 'too many hyphens';
    const start = valueOf(low, field);
    const end = high === undefined ? start : valueOf(high, field);
    if (start === undefined || end === undefined) return `${JSON.stringify(range)} is not a number${field.names ? ' or a name' : ''}`;
    if (start < field.min) return `${start} is below the minimum (${field.min})`;
    if (end > field.max) return `${end} is above the maximum (${field.max})`;
    if (start > end) return `the range starts after it ends (${range})`;
  }
  return undefined;
}

function valueOf(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return index >= 0 ? index + field.min : undefined;
}

const timeZoneProblems = new Map<string, string | undefined>();

/** An IANA time zone name Go can load: not "Local", spelled as the database spells it. */
export function timeZoneProblem(zone: string): string | undefined {
  // Asking Intl is slow (a formatter per name), and a corpus repeats a few names many times.
  if (!timeZoneProblems.has(zone)) timeZoneProblems.set(zone, findTimeZoneProblem(zone));
  return timeZoneProblems.get(zone);
}

function findTimeZoneProblem(zone: string): string | undefined {
  if (zone === 'Local' || zone === '') return `${JSON.stringify(zone)} must be an explicit IANA time zone such as Europe/Paris`;
  let resolved: string | undefined;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    resolved = undefined;
  }
  const spelledAsKnown = resolved !== undefined && /^[A-Za-z][-A-Za-z0-9_+]*(\/[-A-Za-z0-9_+]+)*$/.test(zone) && (resolved.toLowerCase() !== zone.toLowerCase() || resolved === zone);
  return spelledAsKnown ? undefined : `${JSON.stringify(zone)} is not a time zone of the IANA database`;
}
