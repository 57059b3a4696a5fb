export { FixedClock } from './fixed-clock.js';
export { ImmediateTransactionRunner, type Restore, type SnapshotableStore } from './immediate-transaction-runner.js';
export { InMemoryAuditLog } from './in-memory-audit-log.js';
export { InMemoryOrganizationRepository } from './in-memory-organization-repository.js';
export { InMemorySuperAdminRepository } from './in-memory-super-admin-repository.js';
export { SequentialIdGenerator } from './sequential-id-generator.js';
export { FAST_SCRYPT_COST, TEST_JWT_SETTINGS } from './security.js';
