import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { OrderLineKind, PlannedOrderLine } from './domain/project-plan.js';
import { ServiceProjectEntity } from './service-project.entity.js';

/** An order line as the ERP sent it: a service, a machine (with warranty) or another product. */
@Entity('order_line')
@Unique('order_line_project_line', ['projectId', 'lineId'])
export class OrderLineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId: string;
  @ManyToOne(() => ServiceProjectEntity, (p) => p.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_order_line_project' })
  project: Relation<ServiceProjectEntity>;
  @Column({ name: 'line_id', type: 'text' }) lineId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text' }) kind: OrderLineKind;
  @Column({ type: 'numeric', precision: 14, scale: 4 }) quantity: string;
  @Column({ name: 'unit_price', type: 'numeric', precision: 18, scale: 4 }) unitPrice: string;
  @Column({ name: 'for_line_id', type: 'text', nullable: true }) forLineId: string | null;
  @Column({ name: 'warranty_months', type: 'int', nullable: true }) warrantyMonths: number | null;
  @Column({ name: 'serial_numbers', type: 'jsonb', default: () => "'[]'" }) serialNumbers: string[];
}

/** The columns an ERP order line sets, for a new line and for a changed one alike. */
export function orderLineColumns({ line, kind }: PlannedOrderLine) {
  return {
    sku: line.sku,
    description: line.description ?? null,
    kind,
    quantity: String(line.quantity),
    unitPrice: line.unitPrice,
    forLineId: line.forLineId ?? null,
    warrantyMonths: line.warrantyMonths ?? null,
    serialNumbers: line.serialNumbers ?? [],
  };
}
