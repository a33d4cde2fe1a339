/** Why a RADIUS packet or attribute could not be decoded; `offset` is into the whole packet. */
export const DECODE_ERROR_CODES = [
  'too-short',
  'too-long',
  'length-mismatch',
  'attribute-truncated',
  'attribute-length',
  'bad-value',
  'vsa-malformed',
  'extended-malformed',
] as const;
export type DecodeErrorCode = (typeof DECODE_ERROR_CODES)[number];

export class DecodeError extends Error {
  constructor(
    readonly code: DecodeErrorCode,
    readonly offset: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** Raised when a value given by a person (CLI, lab file) cannot be encoded; message names the attribute. */
export class EncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodeError';
  }
}
