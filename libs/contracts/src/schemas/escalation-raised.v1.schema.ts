import {
  ESCALATION_LEVELS,
  ESCALATION_SUBJECT_KINDS,
  ESCALATION_TARGETS,
  ESCALATION_TRIGGERS,
  EscalationRaisedV1,
} from '../events/escalation-raised.v1.js';
import { frozenSchema, instant, nonEmptyString, nullable, object, oneOf, uuid } from './schema-parts.js';

export const escalationRaisedV1Schema = frozenSchema(
  object(
    {
      escalationId: uuid,
      subject: object(
        { kind: oneOf(ESCALATION_SUBJECT_KINDS), id: { ...uuid, description: 'The service request id or task id.' } },
        ['kind', 'id'],
      ),
      customerId: nonEmptyString,
      projectId: nullable({ ...uuid, description: "The subject's project, when it has one (the record key)." }),
      serialNumber: nullable({ ...nonEmptyString, description: 'The machine, when the subject has one (the record key without a project).' }),
      level: { ...oneOf(ESCALATION_LEVELS), description: 'Who is called in: owner, then service manager, then head of service.' },
      target: oneOf(ESCALATION_TARGETS),
      trigger: oneOf(ESCALATION_TRIGGERS),
      reason: { ...nonEmptyString, description: "For people, in the site's local time." },
      recipient: { ...nonEmptyString, description: 'A user id or role mailbox.' },
      raisedAt: instant,
    },
    ['escalationId', 'subject', 'customerId', 'level', 'target', 'trigger', 'reason', 'recipient', 'raisedAt'],
    {
      title: EscalationRaisedV1.type,
      description: 'Internal: a service request or task was escalated one step up the service organisation.',
    },
  ),
);
