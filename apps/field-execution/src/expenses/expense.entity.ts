import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApprovableEntry } from '../approvals/approvable-entry.js';
import { VisitEntity } from '../visits/visit.entity.js';

/**
 * Money an engineer spent for a visit (travel, tools, subcontractor, other), in
 * the currency paid, with the rate to the order's currency when they differ.
 * Decided like time entries: locked once approved or rejected, corrected by a new entry.
 */
@Entity({ name: 'expense' })
@Index('ix_expense_visit', ['visitId', 'createdAt'])
@Index('ix_expense_status', ['status', 'createdAt'])
@Index('ux_expense_live_correction', ['corrects'], { unique: true, where: `"corrects" IS NOT NULL AND "status" <> 'rejected'` })
@Check('ck_expense_category', `"category" IN ('travel', 'tools', 'subcontractor', 'other')`)
@Check('ck_expense_amount', `"amount" > 0`)
@Check('ck_expense_rate', `"exchange_rate" IS NULL OR "exchange_rate" > 0`)
@Check('ck_expense_status', `"status" IN ('submitted', 'approved', 'rejected')`)
@Check('ck_expense_rejection_reason', `("status" = 'rejected') = ("rejection_reason" IS NOT NULL)`)
@Check('ck_expense_decided', `("status" = 'submitted') = ("decided_at" IS NULL)`)
@Check('ck_expense_not_self', `"corrects" IS NULL OR "corrects" <> "id"`)
export class ExpenseEntity extends ApprovableEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @ManyToOne(() => VisitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_expense_visit' })
  visit?: VisitEntity;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId: string | null;

  @Column({ name: 'customer_id', type: 'text' })
  customerId: string;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @Column({ type: 'text' })
  category: string;

  /** In `currency`; written back with exactly its minor units. */
  @Column({ type: 'numeric', precision: 19, scale: 4 })
  amount: string;

  @Column({ type: 'character', length: 3 })
  currency: string;

  /** Order currency units per unit of `currency`. */
  @Column({ name: 'exchange_rate', type: 'numeric', precision: 24, scale: 8, nullable: true })
  exchangeRate: string | null;

  @Column({ name: 'order_currency', type: 'character', length: 3, nullable: true })
  orderCurrency: string | null;

  @Column({ name: 'amount_in_order_currency', type: 'numeric', precision: 19, scale: 4, nullable: true })
  amountInOrderCurrency: string | null;

  @Column({ name: 'receipt_reference', type: 'text', nullable: true })
  receiptReference: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'uuid', nullable: true })
  corrects: string | null;

  @ManyToOne(() => ExpenseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects', foreignKeyConstraintName: 'fk_expense_corrects' })
  corrected?: ExpenseEntity;
}
