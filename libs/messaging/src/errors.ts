import type { DlqReasonCode } from '#contracts';

/**
 * A permanent failure of one event: retrying cannot help, so the record goes to
 * its dead-letter topic with this code and reason and the partition moves on.
 */
export class PermanentEventError extends Error {
  constructor(readonly code: DlqReasonCode, reason: string) {
    super(reason);
    this.name = 'PermanentEventError';
  }
}
