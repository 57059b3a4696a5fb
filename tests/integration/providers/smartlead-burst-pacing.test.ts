import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmartleadSimulator, type SmartleadSimulator } from '../../../infrastructure/simulators/smartlead/smartlead-simulator.js';
import { workerDatabaseUrl } from '../../support/worker-database-url.js';

/**
 * The provider rate limit holds across processes: two engine processes, each with its own pool,
 * fire 150 calls apiece at one Smartlead account at the same moment. The simulator, limited to
 * the same rate as the engine is configured for, records every arrival; no window may hold more.
 * The engine processes run with the production pacer and its default arrival-jitter allowance.
 */

const WORKER = fileURLToPath(new URL('../support/provider-burst-worker.ts', import.meta.url));
const RATE = { limit: 30, windowMs: 1_000, burst: 2 };
const CALLS_PER_PROCESS = 150;

let simulator: SmartleadSimulator;
const apiKey = `burst-${randomUUID()}`;

beforeAll(async () => {
  simulator = createSmartleadSimulator({ apiKeys: [apiKey], rateLimit: { limit: RATE.limit, windowMs: RATE.windowMs } });
  await simulator.listen();
});

afterAll(async () => {
  await simulator?.close();
});

function runEngineProcess(): Promise<{ calls: number; failed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: {
        ...process.env,
        BURST_DATABASE_URL: workerDatabaseUrl(),
        BURST_BASE_URL: simulator.apiUrl,
        BURST_API_KEY: apiKey,
        BURST_CALLS: String(CALLS_PER_PROCESS),
        BURST_LIMIT: String(RATE.limit),
        BURST_WINDOW_MS: String(RATE.windowMs),
        BURST_BURST: String(RATE.burst),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`engine process exited ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as { calls: number; failed: number });
    });
  });
}

/** The most arrivals any window of `windowMs` holds, wherever it starts. */
function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let busiest = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j += 1;
    busiest = Math.max(busiest, j - i);
  }
  return busiest;
}

describe('provider pacing across engine processes', () => {
  it('keeps a burst of 300 calls on one Smartlead account within the configured rate, measured at the simulator', async () => {
    const results = await Promise.all([runEngineProcess(), runEngineProcess()]);
    expect(results).toEqual([
      { calls: CALLS_PER_PROCESS, failed: 0 },
      { calls: CALLS_PER_PROCESS, failed: 0 },
    ]);
    const arrivals = simulator.journal.map((entry) => entry.receivedAt);
    expect(simulator.journal.filter((entry) => entry.outcome === 'rate_limited')).toEqual([]);
    expect(simulator.served()).toHaveLength(2 * CALLS_PER_PROCESS);
    expect(busiestWindow(arrivals, RATE.windowMs)).toBeLessThanOrEqual(RATE.limit);
  }, 60_000);
});
