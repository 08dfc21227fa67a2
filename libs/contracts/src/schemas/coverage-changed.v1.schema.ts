import {
  COVERAGE_KINDS,
  COVERAGE_SCOPES,
  COVERAGE_STATUSES,
  CoverageChangedV1,
} from '../events/coverage-changed.v1.js';
import {
  calendarDate,
  frozenSchema,
  instant,
  integerAtLeast,
  nonEmptyString,
  nullable,
  object,
  oneOf,
  uuid,
} from './schema-parts.js';

export const coverageChangedV1Schema = frozenSchema(
  object(
    {
      serialNumber: nonEmptyString,
      customerId: nonEmptyString,
      projectId: nullable(uuid),
      coverage: object(
        {
          kind: oneOf(COVERAGE_KINDS),
          contractId: nullable({ ...uuid, description: 'The AMC contract; null for a warranty.' }),
          commitmentId: nullable({ ...uuid, description: 'The commitment that sold it; null for a warranty.' }),
          startsOn: nullable({ ...calendarDate, description: 'Null while the start is not known yet.' }),
          endsOn: nullable({ ...calendarDate, description: 'Last covered day.' }),
          scope: nullable(oneOf(COVERAGE_SCOPES)),
          visitQuota: nullable({ ...integerAtLeast(0), description: 'Preventive visits included per term (an AMC).' }),
          status: oneOf(COVERAGE_STATUSES),
        },
        ['kind', 'status'],
        { description: 'endsOn is not before startsOn (checked by ServiceLoop, not expressible here).' },
      ),
      reason: { ...nonEmptyString, description: 'Why, in words for people.' },
      changedAt: instant,
    },
    ['serialNumber', 'customerId', 'coverage', 'reason', 'changedAt'],
    {
      title: CoverageChangedV1.type,
      description: "Internal: a machine's warranty or AMC started, moved, expired or was cancelled.",
    },
  ),
);
