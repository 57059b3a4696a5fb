import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

/** The pid in a data dir's postmaster.pid (throws when there is none). */
export async function postmasterPid(dataDir: string): Promise<number> {
  const content = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
  return Number.parseInt(content.split('\n')[0] ?? '', 10);
}

/** A stopped server stays a zombie until init reaps it, which kill(pid, 0) would call alive. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Stops a server a failed test may have left on `dataDir`, whose parent is gone. */
export async function killLeftoverServer(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = await postmasterPid(dataDir);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  // Only signal a process that really is a server on this data dir.
  const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  if (cwd !== (await fs.realpath(dataDir))) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
