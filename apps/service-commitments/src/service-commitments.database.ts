import { CreateMessagingTables1764000000000, MESSAGING_ENTITIES } from '#messaging';
import { ServiceTemplateEntity } from './catalogue/service-template.entity.js';
import { CommitmentEntity } from './projects/commitment.entity.js';
import { OrderLineEntity } from './projects/order-line.entity.js';
import { ServiceProjectEntity } from './projects/service-project.entity.js';
import { TaskEntity } from './projects/task.entity.js';
import { CreateServiceProjects1764000000100 } from './migrations/1764000000100-CreateServiceProjects.js';
import { SeedDemoCatalogue1764000000200 } from './migrations/1764000000200-SeedDemoCatalogue.js';

export const SERVICE_COMMITMENTS_ENTITIES = [
  ...MESSAGING_ENTITIES,
  ServiceTemplateEntity,
  ServiceProjectEntity,
  OrderLineEntity,
  CommitmentEntity,
  TaskEntity,
];

export const SERVICE_COMMITMENTS_MIGRATIONS = [
  CreateMessagingTables1764000000000,
  CreateServiceProjects1764000000100,
  SeedDemoCatalogue1764000000200,
];
