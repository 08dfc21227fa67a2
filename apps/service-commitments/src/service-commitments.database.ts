import { CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, OutboxNotifyTrigger1765000000000, MessagingLookupIndexes1765300000000, OutboxEventAsJson1766200000000, CreateMessagingTables1764000000000, MESSAGING_ENTITIES } from '#messaging';
import { HttpIdempotency1765800000000, HttpIdempotencyEntity } from '#platform';
import { ServiceTemplateEntity } from './catalogue/service-template.entity.js';
import { CommitmentEntity } from './projects/commitment.entity.js';
import { OrderLineEntity } from './projects/order-line.entity.js';
import { ServiceProjectEntity } from './projects/service-project.entity.js';
import { TaskEntity } from './projects/task.entity.js';
import { ReviewItemEntity } from './projects/review-item.entity.js';
import { InstalledEquipmentEntity } from './equipment/installed-equipment.entity.js';
import { DispatchEntity } from './equipment/dispatch.entity.js';
import { AmcContractEntity } from './amc/amc-contract.entity.js';
import { ServiceRequestEntity } from './service-requests/service-request.entity.js';
import { EscalationEntity } from './escalations/escalation.entity.js';
import { NotificationEntity } from './escalations/notification.entity.js';
import { CommitmentBillingLineEntity } from './billing-status/commitment-billing-line.entity.js';
import { CreateServiceProjects1764000000100 } from './migrations/1764000000100-CreateServiceProjects.js';
import { SeedDemoCatalogue1764000000200 } from './migrations/1764000000200-SeedDemoCatalogue.js';
import { EquipmentAmcAndTaskLifecycle1764000000300 } from './migrations/1764000000300-EquipmentAmcAndTaskLifecycle.js';
import { ServiceRequestsAndEscalations1764000000400 } from './migrations/1764000000400-ServiceRequestsAndEscalations.js';
import { CommitmentBillingLines1764000000500 } from './migrations/1764000000500-CommitmentBillingLines.js';
import { TaskActivity1764700000000 } from './migrations/1764700000000-TaskActivity.js';
import { TaskActivityEntity } from './tasks/task-activity.entity.js';
import { CustomerDefaultSiteEntity, CustomerSiteEntity } from './customers/customer-site.entity.js';
import { CustomerSites1764800000000 } from './migrations/1764800000000-CustomerSites.js';
import { LookupIndexes1765200000000 } from './migrations/1765200000000-LookupIndexes.js';
import { StaffListIndexes1765300000000 } from './migrations/1765300000000-StaffListIndexes.js';
import { NextSlaCheck1765400000000 } from './migrations/1765400000000-NextSlaCheck.js';

export const SERVICE_COMMITMENTS_ENTITIES = [
  ...MESSAGING_ENTITIES,
  ServiceTemplateEntity,
  ServiceProjectEntity,
  OrderLineEntity,
  CommitmentEntity,
  TaskEntity,
  ReviewItemEntity,
  InstalledEquipmentEntity,
  DispatchEntity,
  AmcContractEntity,
  ServiceRequestEntity,
  CommitmentBillingLineEntity,
  EscalationEntity,
  NotificationEntity,
  TaskActivityEntity,
  CustomerSiteEntity,
  CustomerDefaultSiteEntity,
  HttpIdempotencyEntity,
];

export const SERVICE_COMMITMENTS_MIGRATIONS = [
  CreateMessagingTables1764000000000,
  CreateServiceProjects1764000000100,
  SeedDemoCatalogue1764000000200,
  EquipmentAmcAndTaskLifecycle1764000000300,
  ServiceRequestsAndEscalations1764000000400,
  CommitmentBillingLines1764000000500,
  CreateDeadLetterReplays1764500000000,
  DeadLetterPublishedAt1764600000000,
  TaskActivity1764700000000,
  CustomerSites1764800000000,
  MessagingRetentionIndexes1764900000000,
  OutboxNotifyTrigger1765000000000,
  LookupIndexes1765200000000,
  MessagingLookupIndexes1765300000000,
  StaffListIndexes1765300000000,
  NextSlaCheck1765400000000,
  HttpIdempotency1765800000000,
  OutboxEventAsJson1766200000000,
];
