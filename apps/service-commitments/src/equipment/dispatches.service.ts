import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent } from '#contracts';
import { EventContext, Outbox } from '#messaging';
import { Clock } from '#platform';
import { AmcService } from '../amc/amc.service.js';
import { CommitmentEntity } from '../projects/commitment.entity.js';
import { OrderLineEntity } from '../projects/order-line.entity.js';
import { orderKey } from '../projects/order-key.js';
import { ReviewItemEntity } from '../projects/review-item.entity.js';
import { ServiceProjectEntity } from '../projects/service-project.entity.js';
import { TaskReadiness } from '../tasks/task-readiness.js';
import { addDays, dateOf } from './domain/calendar-dates.js';
import { bindSerials } from './domain/serial-binding.js';
import { warrantyAtDispatch } from './domain/warranty.js';
import { DispatchEntity } from './dispatch.entity.js';
import { InstalledEquipmentEntity } from './installed-equipment.entity.js';

export interface MachineDispatch {
  dispatchId: string;
  orderId: string;
  dispatchedAt: string;
  expectedDeliveryDate?: string;
  siteId?: string;
  lines: { lineId: string; sku: string; quantity: number; serialNumbers?: string[] }[];
}

/** When none is given: installation tends to follow delivery within this many days, warranty starts at the latest after this. */
const DEFAULT_LEAD_TIME_DAYS = 3;
const DEFAULT_WARRANTY_GRACE_DAYS = 30;

/** Text in code-point order, as the database's C collation sorts it. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

@Injectable()
export class DispatchesService {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly readiness: TaskReadiness,
    private readonly amc: AmcService,
  ) {}

  /** `erp.machine.dispatched.v1`: machines become installed equipment, service units get their serials, work becomes ready. */
  async applyDispatch(event: CloudEvent<MachineDispatch>, context: EventContext): Promise<void> {
    const dispatch = event.data;
    const key = orderKey(event.source, dispatch.orderId);
    await context.lock(key);
    const { tx } = context;
    const project = await tx.findOneBy(ServiceProjectEntity, { orderSource: event.source, orderId: dispatch.orderId });
    if (!project) return context.park(key);
    if (await tx.findOneBy(DispatchEntity, { orderSource: event.source, dispatchId: dispatch.dispatchId })) return context.ignore();

    const commitments = await tx.find(CommitmentEntity, { where: { projectId: project.id } });
    const orderLines = await tx.find(OrderLineEntity, { where: { projectId: project.id } });
    const dispatchedOn = dateOf(dispatch.dispatchedAt);
    // Without a date from the ERP, each machine arrives after its own installation template's lead time.
    const deliveryOf = (lineId: string) =>
      dispatch.expectedDeliveryDate ??
      addDays(dispatchedOn, commitments.find((c) => c.forLineId === lineId && c.kind === 'installation')?.templateSnapshot.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS);
    // The dispatch as a whole is expected when its first machine is.
    const expectedDeliveryDate = dispatch.lines.map((line) => deliveryOf(line.lineId)).sort()[0] ?? deliveryOf('');

    await tx.insert(DispatchEntity, {
      orderSource: event.source,
      dispatchId: dispatch.dispatchId,
      projectId: project.id,
      dispatchedAt: new Date(dispatch.dispatchedAt),
      expectedDeliveryDate,
      siteId: dispatch.siteId ?? project.site.id,
      lines: dispatch.lines.map((l) => ({ ...l, serialNumbers: l.serialNumbers ?? [] })),
    });

    // The project's machines so far, and any dispatched serial already known anywhere: one look each.
    const equipment = await tx.find(InstalledEquipmentEntity, { where: { projectId: project.id }, order: { position: 'ASC' } });
    const dispatchedSerials = dispatch.lines.flatMap((line) => line.serialNumbers ?? []);
    const known = new Map(
      dispatchedSerials.length === 0
        ? []
        : (await tx.find(InstalledEquipmentEntity, { select: { serialNumber: true, orderId: true }, where: { serialNumber: In(dispatchedSerials) } })).map((m) => [m.serialNumber, m.orderId]),
    );
    for (const line of dispatch.lines) {
      const orderLine = orderLines.find((l) => l.lineId === line.lineId);
      if (!orderLine) {
        await this.review(tx, project.id, 'dispatch_unknown_line', `Dispatch ${dispatch.dispatchId} names line ${line.lineId} (${line.sku}), which order ${project.orderId} does not have`);
        continue;
      }
      if ((line.serialNumbers ?? []).length !== line.quantity) {
        await this.review(tx, project.id, 'dispatch_serials_missing', `Dispatch ${dispatch.dispatchId} line ${line.lineId}: ${line.quantity} machines but ${(line.serialNumbers ?? []).length} serial numbers`);
      }
      for (const serialNumber of line.serialNumbers ?? []) {
        const knownFor = known.get(serialNumber);
        if (knownFor !== undefined) {
          await this.review(tx, project.id, 'serial_already_known', `Serial ${serialNumber} was already registered for order ${knownFor}; dispatch ${dispatch.dispatchId} did not register it again`);
          continue;
        }
        const position = equipment.filter((m) => m.machineLineId === orderLine.lineId).length + 1;
        const machine = await this.register(tx, project, orderLine, serialNumber, position, dispatch, deliveryOf(line.lineId), commitments);
        equipment.push(machine);
        known.set(serialNumber, project.orderId);
      }
    }

    await this.bindDispatchedMachines(tx, project, { commitments, equipment });
  }

  /**
   * Service unit i of a line belongs to the i-th serial dispatched for its machine line.
   * `loaded`: the project's commitments and machines when the caller has just read them.
   */
  async bindDispatchedMachines(tx: EntityManager, project: ServiceProjectEntity, loaded?: { commitments: CommitmentEntity[]; equipment: InstalledEquipmentEntity[] }): Promise<void> {
    const commitments = [...(loaded?.commitments ?? (await tx.find(CommitmentEntity, { where: { projectId: project.id } })))].sort(
      (a, b) => compareText(a.orderLineId, b.orderLineId) || a.unitIndex - b.unitIndex,
    );
    const equipment = loaded?.equipment ?? (await tx.find(InstalledEquipmentEntity, { where: { projectId: project.id }, order: { position: 'ASC' } }));
    const serialsByLine = new Map<string, string[]>();
    for (const machine of equipment) serialsByLine.set(machine.machineLineId, [...(serialsByLine.get(machine.machineLineId) ?? []), machine.serialNumber]);
    const live = commitments.filter((c) => c.status !== 'cancelled');
    const bindings = bindSerials(live, serialsByLine);
    if (bindings.length === 0) return;
    // The commitments and their tasks get their serials in two statements, then work is made ready unit by unit.
    const ids = bindings.map((b) => b.commitmentId);
    const serials = bindings.map((b) => b.serialNumber);
    await tx.query(
      `UPDATE commitment c SET serial_number = u.serial, updated_at = now() FROM unnest($1::uuid[], $2::text[]) AS u(id, serial) WHERE c.id = u.id`,
      [ids, serials],
    );
    await tx.query(
      `UPDATE task t SET serial_number = u.serial, updated_at = now() FROM unnest($1::uuid[], $2::text[]) AS u(id, serial) WHERE t.commitment_id = u.id`,
      [ids, serials],
    );
    const arrived = bindings.map(({ commitmentId, serialNumber }) => {
      const commitment = live.find((c) => c.id === commitmentId)!;
      commitment.serialNumber = serialNumber;
      return { commitment, machine: equipment.find((e) => e.serialNumber === serialNumber)! };
    });
    await this.readiness.onMachinesArrived(tx, arrived.filter(({ commitment }) => commitment.kind !== 'amc'));
    for (const { commitment, machine } of arrived.filter(({ commitment }) => commitment.kind === 'amc')) {
      await this.amc.establish(tx, commitment, machine, project.orderDate);
    }
  }

  private async register(
    tx: EntityManager,
    project: ServiceProjectEntity,
    orderLine: OrderLineEntity,
    serialNumber: string,
    position: number,
    dispatch: MachineDispatch,
    expectedDeliveryDate: string,
    commitments: CommitmentEntity[],
  ): Promise<InstalledEquipmentEntity> {
    const grace =
      commitments.find((c) => c.forLineId === orderLine.lineId && c.kind === 'installation')?.templateSnapshot.warrantyGraceDays ??
      DEFAULT_WARRANTY_GRACE_DAYS;
    const warranty = orderLine.warrantyMonths ? warrantyAtDispatch(dateOf(dispatch.dispatchedAt), grace, orderLine.warrantyMonths) : null;
    const machine = await tx.save(
      tx.create(InstalledEquipmentEntity, {
        projectId: project.id,
        orderId: project.orderId,
        customerId: project.customerId,
        siteId: dispatch.siteId ?? project.site.id,
        machineLineId: orderLine.lineId,
        position,
        sku: orderLine.sku,
        serialNumber,
        dispatchId: dispatch.dispatchId,
        dispatchedAt: new Date(dispatch.dispatchedAt),
        expectedDeliveryDate,
        installedOn: null,
        warrantyMonths: orderLine.warrantyMonths,
        warrantyStartsOn: warranty?.startsOn ?? null,
        warrantyEndsOn: warranty?.endsOn ?? null,
        warrantyBasis: warranty?.basis ?? null,
      }),
    );
    await this.outbox.add(tx, {
      topic: Topics.serviceProjects,
      key: project.id,
      type: 'psa.equipment.registered.v1',
      subject: project.orderId,
      data: {
        equipmentId: machine.id,
        projectId: project.id,
        orderId: project.orderId,
        customerId: project.customerId,
        siteId: machine.siteId,
        machineLineId: orderLine.lineId,
        sku: orderLine.sku,
        serialNumber,
        dispatchId: dispatch.dispatchId,
        dispatchedAt: machine.dispatchedAt.toISOString(),
        expectedDeliveryDate,
        warranty,
      },
    });
    if (warranty) await this.emitWarranty(tx, machine, `Warranty of ${orderLine.warrantyMonths} months from ${warranty.startsOn} (dispatch + ${grace} days grace, or installation if earlier)`);
    return machine;
  }

  async emitWarranty(tx: EntityManager, machine: InstalledEquipmentEntity, reason: string): Promise<void> {
    await this.outbox.add(tx, {
      topic: Topics.serviceProjects,
      key: machine.projectId,
      type: 'psa.coverage.changed.v1',
      data: {
        serialNumber: machine.serialNumber,
        customerId: machine.customerId,
        projectId: machine.projectId,
        coverage: {
          kind: 'warranty',
          contractId: null,
          commitmentId: null,
          startsOn: machine.warrantyStartsOn,
          endsOn: machine.warrantyEndsOn,
          scope: 'labour_and_parts',
          visitQuota: null,
          status: 'active',
        },
        reason,
        changedAt: this.clock.now().toISOString(),
      },
    });
  }

  private async review(tx: EntityManager, projectId: string, kind: string, reason: string): Promise<void> {
    await tx.insert(ReviewItemEntity, { projectId, commitmentId: null, kind, reason, resolvedAt: null, resolvedBy: null, resolution: null });
  }
}


