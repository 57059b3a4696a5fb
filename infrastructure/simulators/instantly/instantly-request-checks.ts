import { INSTANTLY_SCHEDULE_TIMEZONES } from './instantly-schedule-timezones.js';

/**
 * The body rules Instantly enforces on campaign create and PATCH (its OpenAPI schema, validated by
 * the API before anything else), answering the first violation in the wording its validator uses
 * (`body/… must …`), or null when the body is acceptable.
 */

/** Top-level keys of a create/PATCH body; Instantly refuses any other ("additionalProperties: false"). */
export const CAMPAIGN_BODY_KEYS: ReadonlySet<string> = new Set([
  'name', 'pl_value', 'is_evergreen', 'campaign_schedule', 'sequences', 'email_gap', 'random_wait_max', 'text_only',
  'first_email_text_only', 'email_list', 'daily_limit', 'stop_on_reply', 'email_tag_list', 'link_tracking',
  'open_tracking', 'stop_on_auto_reply', 'daily_max_leads', 'prioritize_new_leads', 'auto_variant_select',
  'match_lead_esp', 'stop_for_company', 'insert_unsubscribe_header', 'allow_risky_contacts', 'disable_bounce_protect',
  'limit_emails_per_company_override', 'cc_list', 'bcc_list', 'owned_by', 'ai_sdr_id', 'provider_routing_rules',
]);

const TIME_OF_DAY = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const DELAY_UNITS = new Set(['minutes', 'hours', 'days']);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkCampaignBody(body: unknown, creating: boolean): string | null {
  if (!isRecord(body)) return 'body must be object';
  const unknown = Object.keys(body).find((key) => !CAMPAIGN_BODY_KEYS.has(key));
  if (unknown) return 'body must NOT have additional properties';
  if (creating && !('name' in body)) return "body must have required property 'name'";
  if (creating && !('campaign_schedule' in body)) return "body must have required property 'campaign_schedule'";
  if ('name' in body && typeof body['name'] !== 'string') return 'body/name must be string';
  if ('campaign_schedule' in body) {
    const problem = checkSchedule(body['campaign_schedule']);
    if (problem) return problem;
  }
  if ('sequences' in body) {
    const problem = checkSequences(body['sequences']);
    if (problem) return problem;
  }
  if ('email_list' in body && !(Array.isArray(body['email_list']) && body['email_list'].every((item) => typeof item === 'string'))) {
    return 'body/email_list must be array of strings';
  }
  return null;
}

function checkSchedule(schedule: unknown): string | null {
  const at = 'body/campaign_schedule';
  if (!isRecord(schedule)) return `${at} must be object`;
  const schedules = schedule['schedules'];
  if (!Array.isArray(schedules)) return `${at} must have required property 'schedules'`;
  if (schedules.length === 0) return `${at}/schedules must NOT have fewer than 1 items`;
  for (const [index, entry] of schedules.entries()) {
    const here = `${at}/schedules/${index}`;
    if (!isRecord(entry)) return `${here} must be object`;
    for (const required of ['name', 'timing', 'days', 'timezone']) {
      if (!(required in entry)) return `${here} must have required property '${required}'`;
    }
    const timing = entry['timing'];
    if (!isRecord(timing)) return `${here}/timing must be object`;
    for (const bound of ['from', 'to']) {
      if (typeof timing[bound] !== 'string' || !TIME_OF_DAY.test(timing[bound])) return `${here}/timing/${bound} must match pattern "${TIME_OF_DAY.source}"`;
    }
    const days = entry['days'];
    if (!isRecord(days) || Object.keys(days).length === 0) return `${here}/days must NOT have fewer than 1 properties`;
    for (const [day, value] of Object.entries(days)) {
      if (!/^[0-6]$/.test(day)) return `${here}/days must NOT have additional properties`;
      if (typeof value !== 'boolean') return `${here}/days/${day} must be boolean`;
    }
    if (typeof entry['timezone'] !== 'string' || !INSTANTLY_SCHEDULE_TIMEZONES.has(entry['timezone'])) {
      return `${here}/timezone must be equal to one of the allowed values`;
    }
  }
  return null;
}

function checkSequences(sequences: unknown): string | null {
  if (!Array.isArray(sequences)) return 'body/sequences must be array';
  for (const [index, sequence] of sequences.entries()) {
    const here = `body/sequences/${index}`;
    if (!isRecord(sequence) || !Array.isArray(sequence['steps'])) return `${here} must have required property 'steps'`;
    for (const [position, step] of sequence['steps'].entries()) {
      const at = `${here}/steps/${position}`;
      if (!isRecord(step)) return `${at} must be object`;
      for (const required of ['type', 'delay', 'variants']) {
        if (!(required in step)) return `${at} must have required property '${required}'`;
      }
      if (step['type'] !== 'email') return `${at}/type must be equal to one of the allowed values`;
      if (typeof step['delay'] !== 'number' || step['delay'] < 0) return `${at}/delay must be number`;
      if ('delay_unit' in step && !DELAY_UNITS.has(String(step['delay_unit']))) return `${at}/delay_unit must be equal to one of the allowed values`;
      if (!Array.isArray(step['variants'])) return `${at}/variants must be array`;
      for (const [variantIndex, variant] of step['variants'].entries()) {
        const there = `${at}/variants/${variantIndex}`;
        if (!isRecord(variant)) return `${there} must be object`;
        if (typeof variant['subject'] !== 'string') return `${there} must have required property 'subject'`;
        if (typeof variant['body'] !== 'string') return `${there} must have required property 'body'`;
        if ('v_disabled' in variant && typeof variant['v_disabled'] !== 'boolean') return `${there}/v_disabled must be boolean`;
      }
    }
  }
  return null;
}
