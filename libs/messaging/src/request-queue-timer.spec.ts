import { kafkajsRequestQueue, quietIdleRequestQueues, scheduleCheckWhenPending } from './request-queue-timer.js';

/** kafkajs's own request queue, as a broker connection makes it. */
function requestQueue(): {
  pending: { send(): void; expectResponse: boolean; correlationId: number }[];
  throttledUntil: number;
  throttleCheckTimeoutId: unknown;
  inflight: Map<number, unknown>;
  scheduleCheckPendingRequests(): void;
  checkPendingRequests(): void;
} {
  const RequestQueue = kafkajsRequestQueue() as unknown as new (options: object) => ReturnType<typeof requestQueue>;
  const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  return new RequestQueue({ maxInFlightRequests: null, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 'test', broker: '127.0.0.1:9092', logger });
}

/** A request kafkajs holds back until the queue checks it: `sent` says whether it went out. */
function waitingRequest(correlationId: number) {
  const request = { sent: false, expectResponse: true, correlationId, send: () => void (request.sent = true) };
  return request;
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("kafkajs's request queue checks for waiting requests only when one waits", () => {
  beforeAll(() => quietIdleRequestQueues());

  it('is applied to the request queue class kafkajs connections use', () => {
    expect(kafkajsRequestQueue().prototype.scheduleCheckPendingRequests).toBe(scheduleCheckWhenPending);
    quietIdleRequestQueues(); // a second call changes nothing
    expect(kafkajsRequestQueue().prototype.scheduleCheckPendingRequests).toBe(scheduleCheckWhenPending);
  });

  it('with nothing waiting, a response (which checks the queue) leaves no timer behind', () => {
    const queue = requestQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('a waiting request is checked and sent after the short interval when the broker throttles nothing', async () => {
    const queue = requestQueue();
    const request = waitingRequest(1);
    queue.pending.push(request);
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).not.toBeNull();
    expect(request.sent).toBe(false);
    await eventually(() => request.sent, 'the waiting request to be sent');
    expect(queue.pending).toHaveLength(0);
    // Sent, nothing waits: no timer is left running.
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('a request waiting out a broker throttle is sent when the throttle ends, not before', async () => {
    const queue = requestQueue();
    queue.throttledUntil = Date.now() + 150;
    const request = waitingRequest(2);
    queue.pending.push(request);
    queue.scheduleCheckPendingRequests();
    await new Promise((r) => setTimeout(r, 50));
    expect(request.sent).toBe(false);
    await eventually(() => request.sent, 'the throttled request to be sent');
    expect(Date.now()).toBeGreaterThanOrEqual(queue.throttledUntil);
  });

  it('one check at a time: scheduling again while a check is due keeps the first', () => {
    const queue = requestQueue();
    queue.pending.push(waitingRequest(3));
    queue.scheduleCheckPendingRequests();
    const first = queue.throttleCheckTimeoutId;
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBe(first);
    clearTimeout(first as ReturnType<typeof setTimeout>);
  });
});
