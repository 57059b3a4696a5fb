import { parseArgs } from 'node:util';
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import type { CreateSuperAdmin } from '../../application/identity/create-super-admin.js';
import { createApplication } from '../server/create-application.js';
import { TOKENS as T } from '../container/tokens.js';
import { migrateToLatest } from '../database/migrations.js';
import { runCli } from './run-cli.js';

const USAGE = `Usage: npm run admin:create -- --email <email> (--password <password> | --password-stdin)

--password-stdin reads the password from standard input, keeping it out of shell history and ps.`;

const Arguments = z.object({
  email: z.email({ error: 'a valid --email is required' }),
  password: z.string().min(1, { error: 'a --password or --password-stdin is required' }),
});

/** `npm run admin:create`: bootstraps a super-admin (there is no HTTP route to create one). */
await runCli(async ({ config, logger, database }) => {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const password = values['password-stdin'] ? (await text(process.stdin)).replace(/\r?\n$/, '') : values.password;
  const parsed = Arguments.safeParse({ email: values.email, password });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => issue.message).join('; ')}\n\n${USAGE}`);

  // A newcomer may create the admin before ever starting the server: bring the schema up first.
  await migrateToLatest(database.orm);
  const { container } = await createApplication(config, logger, database.orm);
  const superAdmin = await container.get<CreateSuperAdmin>(T.CreateSuperAdmin).execute({
    context: { actor: { type: 'system' }, requestId: 'cli-admin-create' },
    ...parsed.data,
  });
  console.log(`Super-admin created: ${superAdmin.id}`);
});
