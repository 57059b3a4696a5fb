/**
 * The only values Instantly accepts in `campaign_schedule.schedules[].timezone` (the enum of the
 * create-campaign body in its OpenAPI document, providers.md §4.2). It is a Windows-style list, one
 * representative zone per offset group: `America/New_York`, `Europe/London` and `UTC` are not in it,
 * and a campaign created with them is refused with 400.
 */
export const INSTANTLY_TIMEZONES: readonly string[] = [
  'Etc/GMT+12', 'Etc/GMT+11', 'Etc/GMT+10', 'America/Anchorage', 'America/Dawson', 'America/Creston',
  'America/Chihuahua', 'America/Boise', 'America/Belize', 'America/Chicago', 'America/Bahia_Banderas',
  'America/Regina', 'America/Bogota', 'America/Detroit', 'America/Indiana/Marengo', 'America/Caracas',
  'America/Asuncion', 'America/Glace_Bay', 'America/Campo_Grande', 'America/Anguilla', 'America/Santiago',
  'America/St_Johns', 'America/Sao_Paulo', 'America/Argentina/La_Rioja', 'America/Araguaina', 'America/Godthab',
  'America/Montevideo', 'America/Bahia', 'America/Noronha', 'America/Scoresbysund', 'Atlantic/Cape_Verde',
  'Africa/Casablanca', 'America/Danmarkshavn', 'Europe/Isle_of_Man', 'Atlantic/Canary', 'Africa/Abidjan',
  'Arctic/Longyearbyen', 'Europe/Belgrade', 'Africa/Ceuta', 'Europe/Sarajevo', 'Africa/Algiers', 'Africa/Windhoek',
  'Asia/Nicosia', 'Asia/Beirut', 'Africa/Cairo', 'Asia/Damascus', 'Europe/Bucharest', 'Africa/Blantyre',
  'Europe/Helsinki', 'Europe/Istanbul', 'Asia/Jerusalem', 'Africa/Tripoli', 'Asia/Amman', 'Asia/Baghdad',
  'Europe/Kaliningrad', 'Asia/Aden', 'Africa/Addis_Ababa', 'Europe/Kirov', 'Europe/Astrakhan', 'Asia/Tehran',
  'Asia/Dubai', 'Asia/Baku', 'Indian/Mahe', 'Asia/Tbilisi', 'Asia/Yerevan', 'Asia/Kabul', 'Antarctica/Mawson',
  'Asia/Yekaterinburg', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Colombo', 'Asia/Kathmandu', 'Antarctica/Vostok',
  'Asia/Dhaka', 'Asia/Rangoon', 'Antarctica/Davis', 'Asia/Novokuznetsk', 'Asia/Hong_Kong', 'Asia/Krasnoyarsk',
  'Asia/Brunei', 'Australia/Perth', 'Asia/Taipei', 'Asia/Choibalsan', 'Asia/Irkutsk', 'Asia/Dili', 'Asia/Pyongyang',
  'Australia/Adelaide', 'Australia/Darwin', 'Australia/Brisbane', 'Australia/Melbourne', 'Antarctica/DumontDUrville',
  'Australia/Currie', 'Asia/Chita', 'Antarctica/Macquarie', 'Asia/Sakhalin', 'Pacific/Auckland', 'Etc/GMT-12',
  'Pacific/Fiji', 'Asia/Anadyr', 'Asia/Kamchatka', 'Etc/GMT-13', 'Pacific/Apia',
];

const ALLOWED = new Set(INSTANTLY_TIMEZONES);

/**
 * Zones whose equivalent is a judgement call, decided here once:
 * - UTC has no entry; Africa/Abidjan is UTC+0 all year (Danmarkshavn would be too, but is obscure).
 * - US Pacific has no entry with the same rules: Instantly's "Pacific" entry is America/Dawson, which
 *   the tz database has kept at UTC−7 all year since 2020. In winter the window runs one hour
 *   earlier than in Los Angeles; it is still the zone Instantly's own UI offers for Pacific time.
 * - Arizona has no DST; America/Creston is the entry with the same rule.
 * - US Eastern, US Mountain and the UK are matched to the entry sharing their offsets and DST rules.
 */
const EQUIVALENTS: Readonly<Record<string, string>> = {
  UTC: 'Africa/Abidjan',
  'Etc/UTC': 'Africa/Abidjan',
  'Etc/GMT': 'Africa/Abidjan',
  GMT: 'Africa/Abidjan',
  'America/New_York': 'America/Detroit',
  'US/Eastern': 'America/Detroit',
  'America/Toronto': 'America/Detroit',
  'America/Los_Angeles': 'America/Dawson',
  'US/Pacific': 'America/Dawson',
  'America/Vancouver': 'America/Dawson',
  'America/Tijuana': 'America/Dawson',
  'America/Denver': 'America/Boise',
  'US/Mountain': 'America/Boise',
  'America/Phoenix': 'America/Creston',
  'US/Arizona': 'America/Creston',
  'Europe/London': 'Europe/Isle_of_Man',
  'Europe/Dublin': 'Europe/Isle_of_Man',
};

/** Mid-winter and mid-summer of a fixed year: two zones agreeing on both share offset and DST. */
const PROBES = [new Date(Date.UTC(2025, 0, 15, 12)), new Date(Date.UTC(2025, 6, 15, 12))];

/**
 * The Instantly timezone for an IANA zone: the zone itself when Instantly accepts it, the decided
 * equivalent above, or else the first allowed zone with the same UTC offsets in January and July
 * (e.g. Europe/Paris → a Central European entry). Throws for a zone with no equivalent, which is a
 * configuration error worth failing on at start-up rather than on every campaign create.
 */
export function instantlyTimezoneFor(ianaZone: string): string {
  if (ALLOWED.has(ianaZone)) return ianaZone;
  const decided = EQUIVALENTS[ianaZone];
  if (decided) return decided;
  const wanted = offsetsOf(ianaZone);
  if (wanted) {
    const match = INSTANTLY_TIMEZONES.find((zone) => sameOffsets(offsetsOf(zone), wanted));
    if (match) return match;
  }
  throw new Error(`no Instantly timezone equivalent for "${ianaZone}"`);
}

function sameOffsets(a: readonly number[] | null, b: readonly number[]): boolean {
  return a !== null && a.length === b.length && a.every((value, index) => value === b[index]);
}

function offsetsOf(zone: string): number[] | null {
  try {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    return PROBES.map((probe) => offsetMinutes(format.formatToParts(probe).find((part) => part.type === 'timeZoneName')?.value ?? ''));
  } catch {
    return null;
  }
}

/** "GMT-05:00" → -300, "GMT" → 0. */
function offsetMinutes(label: string): number {
  const match = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(label);
  if (!match) return Number.NaN;
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}
