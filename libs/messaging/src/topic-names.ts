import { Inject, Injectable } from '@nestjs/common';
import { dlqTopicOf } from '#contracts';
import { SERVICE_CONFIG, type ServiceConfig } from '#platform';

/** Maps the contract's topic names to the broker's (a prefix isolates test suites). */
@Injectable()
export class TopicNames {
  private readonly prefix: string;
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.prefix = config.topicPrefix;
  }
  physical(topic: string): string {
    return `${this.prefix}${topic}`;
  }
  logical(physicalTopic: string): string {
    return physicalTopic.startsWith(this.prefix) ? physicalTopic.slice(this.prefix.length) : physicalTopic;
  }
  deadLetterOf(topic: string): string {
    return this.physical(dlqTopicOf(topic));
  }
}
