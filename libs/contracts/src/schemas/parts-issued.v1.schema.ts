import { PARTS_REFERENCE_KINDS, PartsIssuedV1 } from '../events/parts-issued.v1.js';
import {
  currencyCode,
  frozenSchema,
  instant,
  list,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  quantity,
  unitPrice,
} from './schema-parts.js';

export const partsIssuedV1Schema = frozenSchema(
  object(
    {
      issueId: { ...nonEmptyString, description: 'Makes the issue idempotent.' },
      orderId: nullable({ ...nonEmptyString, description: 'Optional when the reference alone identifies the work.' }),
      reference: object({ kind: oneOf(PARTS_REFERENCE_KINDS), id: nonEmptyString }, ['kind', 'id'], {
        description: 'The ServiceLoop visit, task or project the parts were issued for.',
      }),
      issuedAt: instant,
      currency: { ...currencyCode, description: "The company's cost currency." },
      items: list(
        object(
          {
            sku: nonEmptyString,
            description: nullable(nonEmptyString),
            quantity,
            unitCost: { ...unitPrice, description: 'Decimal string, at most 4 decimal places, in the issue currency.' },
          },
          ['sku', 'quantity', 'unitCost'],
        ),
        { minItems: 1 },
      ),
    },
    ['issueId', 'reference', 'issuedAt', 'currency', 'items'],
    { title: PartsIssuedV1.type, description: "The ERP's stores issued spare parts for service work." },
  ),
);
