import { Global, Module } from '@nestjs/common';
import { AuditTrail } from '../audit/audit-trail.js';
import { FieldWorkEvents } from './field-work-events.js';
import { VisitAccess } from './visit-access.js';

/** What every capability here builds on: visit access, the audit trail, the outgoing events. */
@Global()
@Module({ providers: [VisitAccess, AuditTrail, FieldWorkEvents], exports: [VisitAccess, AuditTrail, FieldWorkEvents] })
export class FieldWorkCoreModule {}
