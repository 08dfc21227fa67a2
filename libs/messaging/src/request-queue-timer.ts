/**
 * kafkajs 2.2.4 keeps a timer running on every broker connection for as long as
 * the connection lives, even with nothing to send (kafkajs issues #1556 and
 * #1704; the fix, pull request #1667, was never released). Its request queue
 * checks for requests held back by the broker's throttling after each response;
 * with none held back it schedules the next check at a negative delay, which
 * Node runs after 1 ms, and that check schedules the next: about a thousand
 * callbacks a second per connection. Each service holds a dozen connections or
 * more (a consumer per topic, the relay's producer, the dead-letter producer,
 * the admin client), so an idle service spent some 40-80 ms of CPU a second on
 * these timers, and a busy one spent as much while it worked.
 *
 * The check is scheduled here only when a request is waiting, as kafkajs's own
 * comment says it should be: a request that cannot be sent at once is queued and
 * schedules its check then (`push`), and a response or a timeout checks the queue
 * itself. Waiting requests keep their timing: at the end of the broker's throttle,
 * or in 10 ms.
 */
import RequestQueue from 'kafkajs/src/network/requestQueue/index.js';

/** How soon waiting requests are checked when the broker asked for no throttle (kafkajs's own interval). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
}

type RequestQueueClass = { prototype: { scheduleCheckPendingRequests(this: RequestQueueState): void } };

/** The method that replaces kafkajs's `RequestQueue.prototype.scheduleCheckPendingRequests`. */
export function scheduleCheckWhenPending(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const throttledForMs = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    throttledForMs > 0 ? throttledForMs : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

/** kafkajs's request queue class: the one its connections use (one module instance, as kafkajs requires it). */
export function kafkajsRequestQueue(): RequestQueueClass {
  return RequestQueue as unknown as RequestQueueClass;
}

/**
 * Makes every kafkajs request queue in this process schedule its check only when
 * a request is waiting (the prototype is patched once; queues made before it
 * stop spinning at their next check). Throws if kafkajs no longer has the method
 * (after an upgrade: look whether the fix is in, then drop this).
 */
export function quietIdleRequestQueues(): void {
  const { prototype } = kafkajsRequestQueue();
  if (prototype.scheduleCheckPendingRequests === scheduleCheckWhenPending) return;
  if (typeof prototype.scheduleCheckPendingRequests !== 'function') {
    throw new Error('kafkajs RequestQueue has no scheduleCheckPendingRequests: check libs/messaging/src/request-queue-timer.ts against this kafkajs');
  }
  prototype.scheduleCheckPendingRequests = scheduleCheckWhenPending;
}
