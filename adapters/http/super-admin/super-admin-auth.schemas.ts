import { z } from 'zod';

export const SuperAdminLoginRequest = z
  .strictObject({
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'SuperAdminLoginRequest' });

export const SuperAdminLoginResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_at: z.iso.datetime().describe('When the session stops being accepted.'),
  })
  .meta({ id: 'SuperAdminLoginResponse' });

export const SuperAdminMeResponse = z
  .object({
    super_admin_id: z.uuid(),
    email: z.string(),
  })
  .meta({ id: 'SuperAdminMeResponse' });
