import { Module } from '@nestjs/common';
import { ExpensesModule } from '../expenses/expenses.module.js';
import { TimeModule } from '../time/time.module.js';
import { ApprovalsController } from './approvals.controller.js';

/** The service manager's queues of time and expenses to decide. */
@Module({ imports: [TimeModule, ExpensesModule], controllers: [ApprovalsController] })
export class ApprovalsModule {}
