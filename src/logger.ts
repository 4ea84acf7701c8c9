import { pino, type DestinationStream, type Logger } from 'pino'

/**
 * Logs never carry children's data: cookies, authorisation headers and form bodies are redacted,
 * and handlers log identifiers, never names.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.body',
  'res.headers["set-cookie"]',
  'body',
  'password',
  '*.password',
  'headers.cookie',
  'headers.authorization',
]

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination)
}

export type { Logger }
