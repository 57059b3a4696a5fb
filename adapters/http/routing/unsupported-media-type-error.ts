/** A body was sent in a format other than JSON; answered with 415 by the error envelope. */
export class UnsupportedMediaTypeError extends Error {
  readonly status = 415;
  readonly expose = true;

  constructor() {
    super('Request bodies must be JSON (Content-Type: application/json).');
    this.name = 'UnsupportedMediaTypeError';
  }
}
