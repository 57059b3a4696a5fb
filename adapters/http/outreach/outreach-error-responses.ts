import { ErrorEnvelopeSchema } from '../openapi/error-envelope.schema.js';

/** Response specs every campaign route shares. */
export const campaignNotFound = { description: 'No live campaign you may see has this id.', schema: ErrorEnvelopeSchema };

/** Routes that reach the company's provider answer these when it fails. */
export const capabilityErrors = {
  502: { description: 'The capability refused the request (`capability_credentials_rejected`, `capability_failed`).', schema: ErrorEnvelopeSchema },
  503: { description: 'The capability is unavailable right now (`capability_unavailable`); retrying later completes the work.', schema: ErrorEnvelopeSchema },
};
