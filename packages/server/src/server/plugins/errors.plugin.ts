import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { ERROR_STATUS, KommunechatError, type ErrorBody, type ErrorCode } from '@kommunechat/protocol';

const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported_media_type',
    'The request body must be JSON (Content-Type: application/json).',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', 'The request body is empty but must be a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'The request body is not valid JSON.'],
  FST_ERR_BAD_STATUS_CODE: ['internal_error', 'Something went wrong on our side.'],
};

const GENERIC: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/**
 * One place maps errors to `{"error": {"code", "message"}}`. 4xx say what was wrong (never quoting the input,
 * which can contain personal data); 5xx are generic and logged with their request id.
 */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      let code: ErrorCode;
      let message: string;
      if (err instanceof KommunechatError) {
        code = err.code;
        message = err.message;
      } else if (err.validation) {
        code = 'validation_failed';
        message = `Invalid request: ${err.validationContext ?? 'input'} ${err.validation.map((v) => `${v.instancePath || ''} ${v.message ?? ''}`.trim()).join('; ')}`;
      } else if (err.code && FASTIFY_CODES[err.code]) {
        [code, message] = FASTIFY_CODES[err.code]!;
      } else if (err.code === 'FST_ERR_RATE_LIMIT' || err.statusCode === 429) {
        code = 'rate_limited';
        message = 'Too many requests; please wait a moment and try again.';
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        code = GENERIC[err.statusCode] ?? 'bad_request';
        message = 'The request could not be processed.';
      } else {
        code = 'internal_error';
        message = 'Something went wrong on our side. Please try again later.';
      }
      const status = ERROR_STATUS[code];
      if (status >= 500) req.log.error({ err, event: 'request_failed' });
      else req.log.info({ event: 'request_rejected', code });
      const { headers } = err as FastifyError & { headers?: Record<string, string> };
      if (headers && status === 429) reply.headers(headers);
      void reply.code(status).send(errorBody(code, message));
    });
    app.setNotFoundHandler((req, reply) => {
      void reply.code(404).send(errorBody('not_found', 'No such resource.'));
    });
  },
  { name: 'kommunechat-errors' },
);
