import { Global, Module } from '@nestjs/common';
import { EntryApprovals } from '../approvals/entry-approvals.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { FieldWorkEvents } from './field-work-events.js';
import { VisitAccess } from './visit-access.js';

/** What every capability here builds on: visit access, the audit trail, the outgoing events, entry approvals. */
@Global()
@Module({ providers: [VisitAccess, AuditTrail, FieldWorkEvents, EntryApprovals], exports: [VisitAccess, AuditTrail, FieldWorkEvents, EntryApprovals] })
export class FieldWorkCoreModule {}
