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
