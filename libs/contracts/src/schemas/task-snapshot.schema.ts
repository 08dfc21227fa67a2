import { COMMITMENT_STATUSES } from '../events/service-project-created.v1.js';
import {
  CHECKLIST_ITEM_KINDS,
  ESTIMATED_HOURS_MAX_DECIMALS,
  PRIORITIES,
  TASK_HOLD_REASONS,
  TASK_KINDS,
} from '../events/task-snapshot.js';
import { serviceProjectSiteSchema } from './service-project-created.v1.schema.js';
import {
  boolean,
  currencyCode,
  calendarDate,
  instant,
  integerAtLeast,
  list,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  positiveDecimal,
  stringList,
  uuid,
  uuidList,
  type JsonSchema,
} from './schema-parts.js';

/** `priority` of a service request and of its breakdown task. */
export const prioritySchema: JsonSchema = { ...oneOf(PRIORITIES), description: 'P1 is the most urgent (machine down), P4 the least.' };

/** The task as it stands, carried by every psa.task.* event and by a raised service request. */
export const taskSnapshotSchema: JsonSchema = object(
  {
    taskId: uuid,
    commitmentId: nullable({ ...uuid, description: 'The commitment it delivers; null for a breakdown task of a service request.' }),
    serviceRequestId: nullable({ ...uuid, description: 'The service request it answers; null for commitment work.' }),
    projectId: nullable({ ...uuid, description: 'Null for a service request on a machine without a ServiceLoop project.' }),
    orderId: nullable(nonEmptyString),
    customerId: nonEmptyString,
    customerName: nonEmptyString,
    site: serviceProjectSiteSchema,
    serialNumber: nullable({ ...nonEmptyString, description: 'The machine worked on, once one is bound to the task.' }),
    sku: nullable({ ...nonEmptyString, description: 'The service SKU sold; null for a breakdown.' }),
    kind: oneOf(TASK_KINDS),
    name: nonEmptyString,
    status: oneOf(COMMITMENT_STATUSES),
    requiredSkills: stringList({ unique: true }),
    estimatedHours: { ...positiveDecimal(ESTIMATED_HOURS_MAX_DECIMALS), description: 'Hours per engineer: decimal string (never a JSON number), greater than 0, at most 2 decimal places.' },
    engineers: { ...integerAtLeast(1), description: 'How many engineers the visit needs at once.' },
    earliestStart: nullable({ ...calendarDate, description: 'Not to be scheduled before this date (site time).' }),
    dueDate: nullable({ ...calendarDate, description: 'Promised to the customer by this date (site time).' }),
    dueAt: nullable({ ...instant, description: 'For a breakdown: the SLA resolution target.' }),
    priority: nullable({ ...prioritySchema, description: "For a breakdown: the service request's priority." }),
    dependsOnTaskIds: { ...uuidList({ unique: true }), description: 'Tasks that must be done first.' },
    checklist: list(
      object({ item: nonEmptyString, kind: oneOf(CHECKLIST_ITEM_KINDS), required: boolean }, ['item', 'kind', 'required']),
    ),
    holdReason: nullable({ ...nonEmptyString, description: `While on hold: why (today one of ${TASK_HOLD_REASONS.join(', ')}).` }),
    templateTaskKey: nullable({ ...nonEmptyString, description: "The service template's task key; fixed-fee milestones name it." }),
    orderCurrency: nullable({ ...currencyCode, description: "The order's ISO 4217 currency, for expenses in another currency." }),
    owner: nullable({ ...nonEmptyString, description: 'Who in the service team owns the task (a user name); null when nobody does yet. Added later: optional.' }),
  },
  [
    'taskId',
    'customerId',
    'customerName',
    'kind',
    'name',
    'status',
    'requiredSkills',
    'estimatedHours',
    'engineers',
    'dependsOnTaskIds',
    'checklist',
  ],
  { description: 'The task as it stands after the change the event reports.' },
);
