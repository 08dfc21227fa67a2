import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditQueries } from './audit-queries.service.js';

/** Reading the audit trail (writing it is `AuditTrail`, in every change's transaction). */
@Module({ controllers: [AuditController], providers: [AuditQueries] })
export class AuditModule {}
