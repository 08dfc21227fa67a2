import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Topics, type CloudEvent } from '#contracts';
import { EventContext, Outbox, type OutgoingEvent } from '#messaging';
import { insertMany } from '#persistence';
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
import { warrantyAtDispatch, type WarrantyWindow } from './domain/warranty.js';
import { DispatchEntity } from './dispatch.entity.js';
import { InstalledEquipmentEntity } from './installed-equipment.entity.js';
import { compareText } from '../compare-text.js';

export interface MachineDispatch {
  dispatchId: string;
  orderId: string;
  dispatchedAt: string;
  expectedDeliveryDate?: string;
  siteId?: string;
  lines: { lineId: string; sku: string; quantity: number; serialNumbers?: string[] }[];
}

/** A machine of the dispatch to register, with what its announcement says. */
interface DispatchedMachine {
  machine: InstalledEquipmentEntity;
  orderLine: OrderLineEntity;
  grace: number;
  warranty: WarrantyWindow | null;
}

/** When none is given: installation tends to follow delivery within this many days, warranty starts at the latest after this. */
const DEFAULT_LEAD_TIME_DAYS = 3;
const DEFAULT_WARRANTY_GRACE_DAYS = 30;

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

    const commitments = await tx.find(CommitmentEntity, { where: { projectId: project.id } });
    const orderLines = await tx.find(OrderLineEntity, { where: { projectId: project.id } });
    const dispatchedOn = dateOf(dispatch.dispatchedAt);
    // Without a date from the ERP, each machine arrives after its own installation template's lead time.
    const deliveryOf = (lineId: string) =>
      dispatch.expectedDeliveryDate ??
      addDays(dispatchedOn, commitments.find((c) => c.forLineId === lineId && c.kind === 'installation')?.templateSnapshot.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS);
    // The dispatch as a whole is expected when its first machine is.
    const expectedDeliveryDate = dispatch.lines.map((line) => deliveryOf(line.lineId)).sort()[0] ?? deliveryOf('');

    // A dispatch id already received is the same dispatch: the insert that finds it there is the check (nothing was written before it).
    const received = await tx
      .createQueryBuilder()
      .insert()
      .into(DispatchEntity)
      .values({
        orderSource: event.source,
        dispatchId: dispatch.dispatchId,
        projectId: project.id,
        dispatchedAt: new Date(dispatch.dispatchedAt),
        expectedDeliveryDate,
        siteId: dispatch.siteId ?? project.site.id,
        lines: dispatch.lines.map((l) => ({ ...l, serialNumbers: l.serialNumbers ?? [] })),
      })
      .orIgnore()
      .returning(['dispatch_id'])
      .execute();
    if ((received.raw as unknown[]).length === 0) return context.ignore();

    // The project's machines so far and any dispatched serial already known anywhere, in one look.
    const dispatchedSerials = dispatch.lines.flatMap((line) => line.serialNumbers ?? []);
    const seen = await tx.find(InstalledEquipmentEntity, {
      where: dispatchedSerials.length === 0 ? { projectId: project.id } : [{ projectId: project.id }, { serialNumber: In(dispatchedSerials) }],
      order: { position: 'ASC' },
    });
    const equipment = seen.filter((m) => m.projectId === project.id);
    const dispatchedSet = new Set(dispatchedSerials);
    const known = new Map(seen.filter((m) => dispatchedSet.has(m.serialNumber)).map((m) => [m.serialNumber, m.orderId]));
    const reviews: Partial<ReviewItemEntity>[] = [];
    const review = (kind: string, reason: string) => reviews.push({ projectId: project.id, commitmentId: null, kind, reason, resolvedAt: null, resolvedBy: null, resolution: null });
    const registered: DispatchedMachine[] = [];
    for (const line of dispatch.lines) {
      const orderLine = orderLines.find((l) => l.lineId === line.lineId);
      if (!orderLine) {
        review('dispatch_unknown_line', `Dispatch ${dispatch.dispatchId} names line ${line.lineId} (${line.sku}), which order ${project.orderId} does not have`);
        continue;
      }
      if ((line.serialNumbers ?? []).length !== line.quantity) {
        review('dispatch_serials_missing', `Dispatch ${dispatch.dispatchId} line ${line.lineId}: ${line.quantity} machines but ${(line.serialNumbers ?? []).length} serial numbers`);
      }
      for (const serialNumber of line.serialNumbers ?? []) {
        const knownFor = known.get(serialNumber);
        if (knownFor !== undefined) {
          review('serial_already_known', `Serial ${serialNumber} was already registered for order ${knownFor}; dispatch ${dispatch.dispatchId} did not register it again`);
          continue;
        }
        const position = equipment.filter((m) => m.machineLineId === orderLine.lineId).length + 1;
        const machine = this.machineOf(project, orderLine, serialNumber, position, dispatch, deliveryOf(line.lineId), commitments);
        registered.push(machine);
        equipment.push(machine.machine);
        known.set(serialNumber, project.orderId);
      }
    }
    // Reviews, machines and the dispatch's events: a statement each, whatever the number of lines, serials and units.
    await insertMany(tx, ReviewItemEntity, reviews);
    const events = await this.register(tx, project, dispatch, registered);
    await this.bindDispatchedMachines(tx, project, { commitments, equipment }, events);
    await this.outbox.addAll(tx, events);
  }

  /**
   * Service unit i of a line belongs to the i-th serial dispatched for its machine line.
   * `loaded`: the project's commitments and machines when the caller has just read them.
   * `into`: where the caller gathers its events to write them together; without it they are written here.
   */
  async bindDispatchedMachines(
    tx: EntityManager,
    project: ServiceProjectEntity,
    loaded?: { commitments: CommitmentEntity[]; equipment: InstalledEquipmentEntity[] },
    into?: OutgoingEvent[],
  ): Promise<void> {
    const commitments = [...(loaded?.commitments ?? (await tx.find(CommitmentEntity, { where: { projectId: project.id } })))].sort(
      (a, b) => compareText(a.orderLineId, b.orderLineId) || a.unitIndex - b.unitIndex,
    );
    const equipment = loaded?.equipment ?? (await tx.find(InstalledEquipmentEntity, { where: { projectId: project.id }, order: { position: 'ASC' } }));
    const serialsByLine = new Map<string, string[]>();
    for (const machine of equipment) serialsByLine.set(machine.machineLineId, [...(serialsByLine.get(machine.machineLineId) ?? []), machine.serialNumber]);
    const live = commitments.filter((c) => c.status !== 'cancelled');
    const bindings = bindSerials(live, serialsByLine);
    if (bindings.length === 0) return;
    // The commitments and their tasks get their serials in one statement, then work is made ready unit by unit.
    const ids = bindings.map((b) => b.commitmentId);
    const serials = bindings.map((b) => b.serialNumber);
    await tx.query(
      `WITH u AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS u(id, serial)),
            bound AS (UPDATE commitment c SET serial_number = u.serial, updated_at = now() FROM u WHERE c.id = u.id)
       UPDATE task t SET serial_number = u.serial, updated_at = now() FROM u WHERE t.commitment_id = u.id`,
      [ids, serials],
    );
    const arrived = bindings.map(({ commitmentId, serialNumber }) => {
      const commitment = live.find((c) => c.id === commitmentId)!;
      commitment.serialNumber = serialNumber;
      return { commitment, machine: equipment.find((e) => e.serialNumber === serialNumber)! };
    });
    const events = into ?? [];
    await this.readiness.onMachinesArrived(tx, arrived.filter(({ commitment }) => commitment.kind !== 'amc'), events);
    for (const { commitment, machine } of arrived.filter(({ commitment }) => commitment.kind === 'amc')) {
      await this.amc.establish(tx, commitment, machine, project.orderDate, events);
    }
    if (!into) await this.outbox.addAll(tx, events);
  }

  /** A dispatched machine, not saved yet; its warranty runs from dispatch plus the installation template's grace. */
  private machineOf(
    project: ServiceProjectEntity,
    orderLine: OrderLineEntity,
    serialNumber: string,
    position: number,
    dispatch: MachineDispatch,
    expectedDeliveryDate: string,
    commitments: CommitmentEntity[],
  ): DispatchedMachine {
    const grace =
      commitments.find((c) => c.forLineId === orderLine.lineId && c.kind === 'installation')?.templateSnapshot.warrantyGraceDays ??
      DEFAULT_WARRANTY_GRACE_DAYS;
    const warranty = orderLine.warrantyMonths ? warrantyAtDispatch(dateOf(dispatch.dispatchedAt), grace, orderLine.warrantyMonths) : null;
    const machine = Object.assign(new InstalledEquipmentEntity(), {
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
    });
    return { machine, orderLine, grace, warranty };
  }

  /** Saves the dispatched machines (ids from the database); their announcements, each with its warranty's coverage, in the order dispatched. */
  private async register(tx: EntityManager, project: ServiceProjectEntity, dispatch: MachineDispatch, registered: DispatchedMachine[]): Promise<OutgoingEvent[]> {
    await insertMany(tx, InstalledEquipmentEntity, registered.map(({ machine }) => machine));
    return registered.flatMap(({ machine, orderLine, grace, warranty }): OutgoingEvent[] => {
      const announced: OutgoingEvent = {
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
          serialNumber: machine.serialNumber,
          dispatchId: dispatch.dispatchId,
          dispatchedAt: machine.dispatchedAt.toISOString(),
          expectedDeliveryDate: machine.expectedDeliveryDate,
          warranty,
        },
      };
      if (!warranty) return [announced];
      return [
        announced,
        this.warrantyEvent(machine, `Warranty of ${orderLine.warrantyMonths} months from ${warranty.startsOn} (dispatch + ${grace} days grace, or installation if earlier)`),
      ];
    });
  }

  async emitWarranty(tx: EntityManager, machine: InstalledEquipmentEntity, reason: string): Promise<void> {
    await this.outbox.add(tx, this.warrantyEvent(machine, reason));
  }

  private warrantyEvent(machine: InstalledEquipmentEntity, reason: string): OutgoingEvent {
    return {
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
    };
  }
}


