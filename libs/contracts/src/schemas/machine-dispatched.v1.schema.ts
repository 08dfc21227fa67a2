import { MachineDispatchedV1 } from '../events/machine-dispatched.v1.js';
import {
  calendarDate,
  frozenSchema,
  instant,
  list,
  nonEmptyString,
  nullable,
  object,
  quantity,
  stringList,
} from './schema-parts.js';

export const machineDispatchedV1Schema = frozenSchema(
  object(
    {
      dispatchId: { ...nonEmptyString, description: 'Makes each (partial) dispatch idempotent.' },
      orderId: nonEmptyString,
      dispatchedAt: instant,
      expectedDeliveryDate: nullable({
        ...calendarDate,
        description: "Absent: the service template's lead time after dispatchedAt.",
      }),
      siteId: nullable({ ...nonEmptyString, description: "Absent: the order's site." }),
      lines: list(
        object(
          {
            lineId: nonEmptyString,
            sku: nonEmptyString,
            quantity: { ...quantity, description: 'Units in this dispatch only.' },
            serialNumbers: nullable({
              ...stringList({ unique: true }),
              description:
                'Service unit i of a service line for this line belongs to the i-th serial number dispatched for it.',
            }),
          },
          ['lineId', 'sku', 'quantity'],
        ),
        { minItems: 1 },
      ),
    },
    ['dispatchId', 'orderId', 'dispatchedAt', 'lines'],
    { title: MachineDispatchedV1.type, description: 'Machines of an order left the plant.' },
  ),
);
