import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Foundation } from './0001-foundation.js';
import { Migration0002Tenancy } from './0002-tenancy.js';
import { Migration0003Providers } from './0003-providers.js';
import { Migration0004EmailOutreach } from './0004-email-outreach.js';
import { Migration0005WebhookIngestion } from './0005-webhook-ingestion.js';
import { Migration0006SenderAccountStatusReason } from './0006-sender-account-status-reason.js';

/**
 * Every migration, in order. Listed explicitly because glob discovery breaks under vitest and
 * bundlers; the names are what the migrations table records, so they never change.
 */
export const migrations: MigrationObject[] = [
  { name: '0001-foundation', class: Migration0001Foundation },
  { name: '0002-tenancy', class: Migration0002Tenancy },
  { name: '0003-providers', class: Migration0003Providers },
  { name: '0004-email-outreach', class: Migration0004EmailOutreach },
  { name: '0005-webhook-ingestion', class: Migration0005WebhookIngestion },
  { name: '0006-sender-account-status-reason', class: Migration0006SenderAccountStatusReason },
];
