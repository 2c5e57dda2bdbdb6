/**
 * Stable error codes. Every error that leaves the server is `{"error": {"code", "message"}}` with one of these
 * codes; the HTTP status is derived from the code in one place.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** An error with a stable code; its message must never contain citizen text or an IP address. */
export class KommunechatError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KommunechatError';
    this.code = code;
  }
  get statusCode(): number {
    return ERROR_STATUS[this.code];
  }
}
