import { instant, nonEmptyString, nullable, object, uuid, type JsonSchema } from './schema-parts.js';

/** Where the engineer's device was, in WGS 84 degrees. */
export const geoLocationSchema: JsonSchema = nullable(
  object(
    {
      lat: { type: 'number', minimum: -90, maximum: 90, description: 'Latitude in degrees.' },
      lon: { type: 'number', minimum: -180, maximum: 180, description: 'Longitude in degrees.' },
    },
    ['lat', 'lon'],
    { description: 'Where the device was, when it shared its location.' },
  ),
);

/** The customer's acceptance of the work. */
export const visitSignOffSchema: JsonSchema = object({ name: nonEmptyString, signedAt: instant }, ['name', 'signedAt'], {
  description: "The customer's acceptance: who signed, and when.",
});

/** The visit and task every psa.field-work event about a visit carries. */
export const fieldWorkVisitProperties: Record<string, JsonSchema> = {
  visitId: { ...uuid, description: "field-execution's visit: one per engineer per booking." },
  taskId: { ...uuid, description: "service-commitments' task the visit works on." },
  projectId: nullable({ ...uuid, description: 'Null for a breakdown on a machine without a ServiceLoop project.' }),
  customerId: nonEmptyString,
  engineerId: { ...uuid, description: "scheduling's engineer who did the work." },
};

export const FIELD_WORK_VISIT_REQUIRED = ['visitId', 'taskId', 'customerId', 'engineerId'] as const;

/** A non-zero number: negative for a return. */
export const nonZeroQuantity: JsonSchema = {
  type: 'number',
  not: { const: 0 },
  description: 'A non-zero number; negative for a return that reverses an earlier issue.',
};
