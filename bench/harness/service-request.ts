/** One answer of the service, its body parsed when it is JSON. */
export interface ServiceAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface ServiceRequestOptions {
  readonly token?: string;
  /** Sent as JSON; a string is sent as it is (already serialised, e.g. to keep it out of a timing). */
  readonly body?: unknown;
  /** The statuses that count as success; anything else throws with the answer's start. Default: any 2xx. */
  readonly expect?: readonly number[];
}

/** A call to the service's API during set-up or a scenario: an unexpected status fails the bench. */
export async function serviceRequest(serviceUrl: string, method: string, path: string, options: ServiceRequestOptions = {}): Promise<ServiceAnswer> {
  const response = await fetch(`${serviceUrl}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  const succeeded = options.expect ? options.expect.includes(response.status) : response.status >= 200 && response.status <= 299;
  if (!succeeded) throw new UnexpectedAnswerError(method, path, response.status, text);
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, headers: response.headers, body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text };
}

/** The service answered a status the bench did not expect; the status and the body's start say why. */
export class UnexpectedAnswerError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'UnexpectedAnswerError';
  }
}

/** A string field of a JSON object answer; throws naming the call when it is missing. */
export function stringField(answer: ServiceAnswer, field: string): string {
  const { body } = answer;
  const value = typeof body === 'object' && body !== null && field in body ? (body as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string') throw new Error(`expected a string "${field}" in ${JSON.stringify(body).slice(0, 300)}`);
  return value;
}
