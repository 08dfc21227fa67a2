import { HttpIdempotency1765800000000, HttpIdempotencyEntity } from '#platform';
import { CreateConsumerPositions1764100300000 } from './migrations/1764100300000-CreateConsumerPositions.js';
import { CreateReadModels1764200000000 } from './migrations/1764200000000-CreateReadModels.js';
import { AddTaskStatusSums1764300000000 } from './migrations/1764300000000-AddTaskStatusSums.js';
import { AddCustomerTaskSumsAndTaskOwner1764400000000 } from './migrations/1764400000000-AddCustomerTaskSumsAndTaskOwner.js';
import { AddInvoicesAndEscalations1764800000000 } from './migrations/1764800000000-AddInvoicesAndEscalations.js';
import { AddProjectChangedAt1765500000000 } from './migrations/1765500000000-AddProjectChangedAt.js';
import { InvoiceAnswersFromBilling1766000000000 } from './migrations/1766000000000-InvoiceAnswersFromBilling.js';
import { ConsumerPositionEntity } from './read-models/consumer-position.entity.js';
import { READ_MODEL_ENTITIES } from './read-models/read-model.entities.js';

export const ANALYTICS_ENTITIES = [ConsumerPositionEntity, ...READ_MODEL_ENTITIES, HttpIdempotencyEntity];
export const ANALYTICS_MIGRATIONS = [CreateConsumerPositions1764100300000, CreateReadModels1764200000000, AddTaskStatusSums1764300000000, AddCustomerTaskSumsAndTaskOwner1764400000000, AddInvoicesAndEscalations1764800000000, AddProjectChangedAt1765500000000, HttpIdempotency1765800000000, InvoiceAnswersFromBilling1766000000000];
