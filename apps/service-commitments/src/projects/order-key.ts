/** The aggregate lock and parking key of an ERP order (orderId is unique per source). */
export function orderKey(source: string, orderId: string): string {
  return `order:${source}:${orderId}`;
}
