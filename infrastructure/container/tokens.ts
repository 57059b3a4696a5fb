/**
 * Every injection token, in one place. `Symbol.for` keeps identity stable even if this module is
 * loaded twice (tsx and vitest can do that).
 */
export const TOKENS = {
  Config: Symbol.for('oex.Config'),
  Logger: Symbol.for('oex.Logger'),
  Orm: Symbol.for('oex.Orm'),
  Clock: Symbol.for('oex.Clock'),
  IdGenerator: Symbol.for('oex.IdGenerator'),
  TransactionRunner: Symbol.for('oex.TransactionRunner'),
  AuditLog: Symbol.for('oex.AuditLog'),
  AuditedTransaction: Symbol.for('oex.AuditedTransaction'),
  PasswordHasher: Symbol.for('oex.PasswordHasher'),
  SessionTokens: Symbol.for('oex.SessionTokens'),
  OrganizationRepository: Symbol.for('oex.OrganizationRepository'),
  SuperAdminRepository: Symbol.for('oex.SuperAdminRepository'),
  CreateOrganization: Symbol.for('oex.CreateOrganization'),
  ListOrganizations: Symbol.for('oex.ListOrganizations'),
  GetOrganization: Symbol.for('oex.GetOrganization'),
  UpdateOrganization: Symbol.for('oex.UpdateOrganization'),
  DeleteOrganization: Symbol.for('oex.DeleteOrganization'),
  LoginSuperAdmin: Symbol.for('oex.LoginSuperAdmin'),
  AuthenticateSuperAdmin: Symbol.for('oex.AuthenticateSuperAdmin'),
  CreateSuperAdmin: Symbol.for('oex.CreateSuperAdmin'),
  SeedFirstSuperAdmin: Symbol.for('oex.SeedFirstSuperAdmin'),
} as const;
