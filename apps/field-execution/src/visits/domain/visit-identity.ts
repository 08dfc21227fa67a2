import { createHash } from 'node:crypto';

/** Namespace of field-execution's name-based visit ids (RFC 9562 UUIDv5). */
const VISIT_NAMESPACE = '6f1c2b7e-9a34-4d0e-8b5a-3c2d1e0f9a77';

/**
 * The id of one engineer's visit under a booking: a UUIDv5 of booking and engineer.
 * The same booking always yields the same visits, so a redelivered or replayed
 * booking cannot create a second visit, and whoever knows the booking and the
 * engineer (scheduling, the ERP) can name the visit before field-execution has read it.
 */
export function visitIdFor(bookingId: string, engineerId: string): string {
  const namespace = Buffer.from(VISIT_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`${bookingId.toLowerCase()}/${engineerId.toLowerCase()}`).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
