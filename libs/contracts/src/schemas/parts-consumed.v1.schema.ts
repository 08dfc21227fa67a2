import { PartsConsumedV1 } from '../events/parts-consumed.v1.js';
import { nonZeroQuantity } from './field-work.schema.js';
import { currencyCode, frozenSchema, instant, nonEmptyString, nullable, object, unitPrice, uuid } from './schema-parts.js';

export const partsConsumedV1Schema = frozenSchema(
  object(
    {
      consumptionId: uuid,
      issueId: { ...nonEmptyString, description: "The ERP's issue (or return) the item came with; each is recorded once." },
      visitId: nullable({ ...uuid, description: 'Null when the parts were issued for a task or project.' }),
      taskId: nullable(uuid),
      projectId: nullable(uuid),
      customerId: nullable(nonEmptyString),
      orderId: nullable(nonEmptyString),
      sku: nonEmptyString,
      description: nullable(nonEmptyString),
      quantity: nonZeroQuantity,
      unitCost: { ...unitPrice, description: "The ERP's unit cost in `currency`: a decimal string, at most 4 decimal places." },
      currency: { ...currencyCode, description: "The company's cost currency." },
      consumedAt: { ...instant, description: 'When the ERP issued (or took back) the parts.' },
    },
    ['consumptionId', 'issueId', 'sku', 'quantity', 'unitCost', 'currency', 'consumedAt'],
    { title: PartsConsumedV1.type, description: 'Internal: spare parts issued by the ERP, recorded against a visit, task or project.' },
  ),
);
