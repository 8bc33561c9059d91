import pino from 'pino';

/** Structured JSON logs; `redact` keeps credentials out even if a header object is logged. */
export function createLogger(service: string, level = process.env.LOG_LEVEL || 'info'): pino.Logger {
  return pino({
    level,
    base: { service },
    redact: ['req.headers.authorization', 'req.headers["x-gateway-secret"]', 'req.headers["x-hub-identity"]'],
  });
}
export type { Logger } from 'pino';
