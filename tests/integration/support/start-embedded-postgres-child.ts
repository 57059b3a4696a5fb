// Child process for the orphan test in embedded-postgres.test.ts: it starts a
// server, reports READY and then waits to be SIGKILLed, which leaves the server
// running without its parent.
import { startEmbeddedPostgres } from '../../../infrastructure/database/embedded-postgres.js';

const [dataDir, port] = process.argv.slice(2);
if (dataDir === undefined || port === undefined) {
  process.stderr.write('usage: start-embedded-postgres-child.ts <dataDir> <port>\n');
  process.exit(2);
}

const server = await startEmbeddedPostgres({ dataDir, port: Number(port) });
process.stdout.write(`READY ${server.url}\n`);
setInterval(() => undefined, 60_000);
