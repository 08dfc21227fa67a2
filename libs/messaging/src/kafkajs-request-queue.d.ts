/** kafkajs's request queue (not part of its public API): see request-queue-timer.ts. */
declare module 'kafkajs/src/network/requestQueue/index.js' {
  const RequestQueue: { prototype: { scheduleCheckPendingRequests(): void } };
  export default RequestQueue;
}
