// Which scenarios a run measures: `npm run bench -- lead-import campaign-list`, or
// BENCH_SCENARIOS=lead-import,campaign-list; all of them when neither names any.

export const SCENARIOS = ['create-organization', 'tenant-read', 'provider-call', 'lead-import', 'campaign-list', 'webhook-ingestion'] as const;

export type ScenarioName = (typeof SCENARIOS)[number];

export function selectScenarios(args: readonly string[], environment: NodeJS.ProcessEnv = process.env): ScenarioName[] {
  const fromEnvironment = (environment['BENCH_SCENARIOS'] ?? '').split(',');
  const named = (args.length > 0 ? args : fromEnvironment).map((name) => name.trim()).filter(Boolean);
  if (named.length === 0) return [...SCENARIOS];
  const unknown = named.filter((name) => !isScenario(name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  // In the canonical order, whatever order they were named in.
  return SCENARIOS.filter((scenario) => named.includes(scenario));
}

function isScenario(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}
