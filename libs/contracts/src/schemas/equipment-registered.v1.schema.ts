import { EquipmentRegisteredV1, WARRANTY_BASES } from '../events/equipment-registered.v1.js';
import { calendarDate, frozenSchema, instant, nonEmptyString, nullable, object, oneOf, uuid } from './schema-parts.js';

export const equipmentRegisteredV1Schema = frozenSchema(
  object(
    {
      equipmentId: uuid,
      projectId: uuid,
      orderId: nonEmptyString,
      customerId: nonEmptyString,
      siteId: nullable({ ...nonEmptyString, description: 'Null when neither the dispatch nor the order named a site.' }),
      machineLineId: { ...nonEmptyString, description: 'The order line of the machine.' },
      sku: nonEmptyString,
      serialNumber: nonEmptyString,
      dispatchId: nonEmptyString,
      dispatchedAt: instant,
      expectedDeliveryDate: calendarDate,
      warranty: nullable(
        object(
          { startsOn: calendarDate, endsOn: calendarDate, basis: oneOf(WARRANTY_BASES) },
          ['startsOn', 'endsOn', 'basis'],
          {
            description:
              'Both days included; null when the machine line carries no warranty. ' +
              'endsOn is not before startsOn (checked by ServiceLoop, not expressible here). ' +
              'basis: dispatch plus installation grace, or the installation date.',
          },
        ),
      ),
    },
    [
      'equipmentId',
      'projectId',
      'orderId',
      'customerId',
      'machineLineId',
      'sku',
      'serialNumber',
      'dispatchId',
      'dispatchedAt',
      'expectedDeliveryDate',
    ],
    {
      title: EquipmentRegisteredV1.type,
      description: 'Internal: a dispatched machine was registered as installed-base equipment, with its warranty.',
    },
  ),
);
