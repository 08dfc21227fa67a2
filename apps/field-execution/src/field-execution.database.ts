import { CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, OutboxNotifyTrigger1765000000000, MessagingLookupIndexes1765300000000, OutboxEventAsJson1766200000000, CreateMessagingTables1764000000000, MESSAGING_ENTITIES } from '#messaging';
import { HttpIdempotency1765800000000, HttpIdempotencyEntity } from '#platform';
import { AuditEntryEntity } from './audit/audit-entry.entity.js';
import { ExpenseEntity } from './expenses/expense.entity.js';
import { CreateVisits1764100100000 } from './migrations/1764100100000-CreateVisits.js';
import { FieldWork1764100200000 } from './migrations/1764100200000-FieldWork.js';
import { VisitEngineerName1764100300000 } from './migrations/1764100300000-VisitEngineerName.js';
import { PartsIssuePerSource1764100400000 } from './migrations/1764100400000-PartsIssuePerSource.js';
import { ProjectCopies1765700000000 } from './migrations/1765700000000-ProjectCopies.js';
import { ProjectCopyTaskIds1766000000000 } from './migrations/1766000000000-ProjectCopyTaskIds.js';
import { VisitPeriodIndex1765200000000 } from './migrations/1765200000000-VisitPeriodIndex.js';
import { PartsConsumptionEntity } from './parts/parts-consumption.entity.js';
import { MachineCoverageEntity } from './tasks/machine-coverage.entity.js';
import { ProjectCopyEntity } from './tasks/project-copy.entity.js';
import { TaskCopyEntity } from './tasks/task-copy.entity.js';
import { TimeEntryEntity } from './time/time-entry.entity.js';
import { ChecklistTickEntity } from './visits/checklist-tick.entity.js';
import { VisitCheckInEntity } from './visits/visit-check-in.entity.js';
import { VisitNoteEntity } from './visits/visit-note.entity.js';
import { VisitEntity } from './visits/visit.entity.js';

export const FIELD_EXECUTION_ENTITIES = [
  ...MESSAGING_ENTITIES,
  VisitEntity,
  VisitCheckInEntity,
  VisitNoteEntity,
  ChecklistTickEntity,
  TaskCopyEntity,
  ProjectCopyEntity,
  MachineCoverageEntity,
  TimeEntryEntity,
  ExpenseEntity,
  PartsConsumptionEntity,
  AuditEntryEntity,
  HttpIdempotencyEntity,
];

export const FIELD_EXECUTION_MIGRATIONS = [CreateMessagingTables1764000000000, CreateVisits1764100100000, FieldWork1764100200000, VisitEngineerName1764100300000, PartsIssuePerSource1764100400000, CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, OutboxNotifyTrigger1765000000000, VisitPeriodIndex1765200000000, MessagingLookupIndexes1765300000000, ProjectCopies1765700000000, HttpIdempotency1765800000000, ProjectCopyTaskIds1766000000000, OutboxEventAsJson1766200000000];
