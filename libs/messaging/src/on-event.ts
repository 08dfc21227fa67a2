import { EventPattern } from '@nestjs/microservices';

/**
 * Marks a consumer method as the handler of one event type. The method gets the
 * validated CloudEvent and an EventContext (`@Ctx()`) holding the transaction.
 */
export function OnEvent(type: string): MethodDecorator {
  return EventPattern(type) as MethodDecorator;
}
