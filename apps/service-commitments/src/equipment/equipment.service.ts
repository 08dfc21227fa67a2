import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { AmcService } from '../amc/amc.service.js';
import { AmcContractEntity } from '../amc/amc-contract.entity.js';
import { pageOf, type ListPage } from '#platform';
import { CommitmentEntity } from '../projects/commitment.entity.js';
import { ServiceProjectEntity } from '../projects/service-project.entity.js';
import { DispatchesService } from './dispatches.service.js';
import { warrantyAtInstallation } from './domain/warranty.js';
import { InstalledEquipmentEntity } from './installed-equipment.entity.js';

export interface EquipmentView {
  id: string;
  serialNumber: string;
  sku: string;
  customerId: string;
  projectId: string;
  orderId: string;
  siteId: string | null;
  dispatchId: string;
  dispatchedAt: string;
  expectedDeliveryDate: string;
  installedOn: string | null;
  warranty: { startsOn: string; endsOn: string; basis: string } | null;
  amcContracts: { id: string; status: string; startsOn: string | null; endsOn: string | null; scope: string; visitQuota: number; visitsUsed: number }[];
}

@Injectable()
export class EquipmentService {
  constructor(
    @InjectRepository(InstalledEquipmentEntity) private readonly equipment: Repository<InstalledEquipmentEntity>,
    private readonly dispatches: DispatchesService,
    private readonly amc: AmcService,
  ) {}

  /** Installation of a machine is done: its warranty may start earlier, and AMCs anchored on it are re-planned. */
  async onInstallationDone(tx: EntityManager, serialNumber: string, installedOn: string): Promise<void> {
    const machine = await tx.findOneBy(InstalledEquipmentEntity, { serialNumber });
    if (!machine || machine.installedOn) return;
    const changes: Partial<InstalledEquipmentEntity> = { installedOn };
    if (machine.warrantyStartsOn && machine.warrantyEndsOn && machine.warrantyMonths) {
      const current = { startsOn: machine.warrantyStartsOn, endsOn: machine.warrantyEndsOn, basis: machine.warrantyBasis ?? 'dispatch_grace' } as const;
      const next = warrantyAtInstallation(current, installedOn, machine.warrantyMonths);
      if (next !== current) Object.assign(changes, { warrantyStartsOn: next.startsOn, warrantyEndsOn: next.endsOn, warrantyBasis: next.basis });
    }
    Object.assign(machine, changes);
    // What changed, in one statement (save would read the row back first).
    await tx.update(InstalledEquipmentEntity, { id: machine.id }, changes);
    if (changes.warrantyStartsOn) {
      await this.dispatches.emitWarranty(tx, machine, `Installed on ${installedOn}: warranty of ${machine.warrantyMonths} months runs ${machine.warrantyStartsOn} to ${machine.warrantyEndsOn}`);
    }
    const project = await tx.findOneByOrFail(ServiceProjectEntity, { id: machine.projectId });
    const amcCommitments = await tx.find(CommitmentEntity, { where: { serialNumber, kind: 'amc' } });
    for (const commitment of amcCommitments) {
      const orderDate = commitment.projectId === project.id ? project.orderDate : (await tx.findOneByOrFail(ServiceProjectEntity, { id: commitment.projectId })).orderDate;
      await this.amc.establish(tx, commitment, machine, orderDate);
    }
  }

  async get(serialNumber: string, customerScope: string | null): Promise<EquipmentView> {
    const machine = await this.equipment.findOneBy({ serialNumber });
    if (!machine || (customerScope && machine.customerId !== customerScope)) {
      throw new NotFoundException({ message: `No machine with serial number ${serialNumber}` });
    }
    const contracts = await this.equipment.manager.find(AmcContractEntity, { where: { serialNumber }, order: { startsOn: 'ASC' } });
    return toEquipmentView(machine, contracts, await this.visitsDone(contracts));
  }

  /** Each contract's preventive visits done, counted from its visits themselves (nothing kept to drift). */
  private async visitsDone(contracts: AmcContractEntity[]): Promise<Map<string, number>> {
    if (contracts.length === 0) return new Map();
    const rows: { commitment_id: string; done: number }[] = await this.equipment.manager.query(
      `SELECT commitment_id, count(*)::int AS done FROM task WHERE commitment_id = ANY($1::uuid[]) AND kind = 'amc' AND status = 'done' GROUP BY commitment_id`,
      [contracts.map((c) => c.commitmentId)],
    );
    return new Map(rows.map((r) => [r.commitment_id, r.done]));
  }

  /** Oldest first (id breaks ties: one dispatch registers its machines at one instant), a page at a time. */
  async list(filter: { customerId?: string; projectId?: string }, page: ListPage): Promise<EquipmentView[]> {
    const where = { ...(filter.customerId ? { customerId: filter.customerId } : {}), ...(filter.projectId ? { projectId: filter.projectId } : {}) };
    const rows = await this.equipment.find({ where, order: { createdAt: 'ASC', id: 'ASC' }, ...pageOf(page) });
    return rows.map((m) => toEquipmentView(m, []));
  }
}

/** `visitsDone`: preventive visits done, by the contract's commitment. */
export function toEquipmentView(machine: InstalledEquipmentEntity, contracts: AmcContractEntity[], visitsDone: Map<string, number> = new Map()): EquipmentView {
  return {
    id: machine.id,
    serialNumber: machine.serialNumber,
    sku: machine.sku,
    customerId: machine.customerId,
    projectId: machine.projectId,
    orderId: machine.orderId,
    siteId: machine.siteId,
    dispatchId: machine.dispatchId,
    dispatchedAt: machine.dispatchedAt.toISOString(),
    expectedDeliveryDate: machine.expectedDeliveryDate,
    installedOn: machine.installedOn,
    warranty:
      machine.warrantyStartsOn && machine.warrantyEndsOn
        ? { startsOn: machine.warrantyStartsOn, endsOn: machine.warrantyEndsOn, basis: machine.warrantyBasis ?? 'dispatch_grace' }
        : null,
    amcContracts: contracts.map((c) => ({
      id: c.id,
      status: c.status,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      scope: c.terms.scope,
      visitQuota: c.terms.visitsPerTerm,
      visitsUsed: visitsDone.get(c.commitmentId) ?? 0,
    })),
  };
}
