import { applyDecorators, UseFilters } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { RethrowEventErrors } from '#platform';

/**
 * Marks a consumer method as the handler of one event type. The method gets the
 * validated CloudEvent and an EventContext (`@Ctx()`) holding the transaction.
 * Its errors reach the transport unchanged, which decides retry or dead-letter.
 */
export function OnEvent(type: string): MethodDecorator {
  return applyDecorators(EventPattern(type) as MethodDecorator, UseFilters(new RethrowEventErrors())) as MethodDecorator;
}

/** The handler pattern of a type's batch handler. */
export function batchPatternOf(type: string): string {
  return `${type}#batch`;
}

/**
 * Marks a consumer method that applies many consecutive events of one type at
 * once (`@Payload()` is the array, `@Ctx()` an EventBatchContext). The type
 * still needs its `@OnEvent` handler: single events, retries after a failed
 * batch and released parked events go there. Both must have the same effect.
 */
export function OnEventBatch(type: string): MethodDecorator {
  return applyDecorators(EventPattern(batchPatternOf(type)) as MethodDecorator, UseFilters(new RethrowEventErrors())) as MethodDecorator;
}
