import pino from 'pino';
import { IDENTITY_HEADER, SECRET_HEADER } from '@zjjt/contract';

/** Structured JSON logs; `redact` keeps credentials out even if a header object is logged. */
export function createLogger(service: string, level = process.env.LOG_LEVEL || 'info'): pino.Logger {
  return pino({
    level,
    base: { service },
    redact: ['req.headers.authorization', `req.headers["${SECRET_HEADER}"]`, `req.headers["${IDENTITY_HEADER}"]`],
  });
}
export type { Logger } from 'pino';
