import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AmcContractEntity } from '../amc/amc-contract.entity.js';
import { CommitmentEntity } from '../projects/commitment.entity.js';
import { InstalledEquipmentEntity } from '../equipment/installed-equipment.entity.js';
import { decideCoverage, type CoverageDecision } from './domain/coverage-rules.js';

export interface MachineCoverage extends CoverageDecision {
  machine: InstalledEquipmentEntity;
}

/** Reads what covers a machine on a date from this service's own equipment and AMC records. */
@Injectable()
export class CoverageService {
  async coverageFor(tx: EntityManager, serialNumber: string, on: string): Promise<MachineCoverage> {
    const machine = await tx.findOneBy(InstalledEquipmentEntity, { serialNumber });
    if (!machine) throw new NotFoundException({ message: `No machine with serial number ${serialNumber} is known` });
    const contracts = await tx.find(AmcContractEntity, { where: { serialNumber } });
    const installation = await tx.findOne(CommitmentEntity, { where: { serialNumber, kind: 'installation' } });
    const commitments = contracts.length
      ? await tx.find(CommitmentEntity, { where: contracts.map((c) => ({ id: c.commitmentId })) })
      : [];
    const decision = decideCoverage(
      {
        serialNumber,
        warranty: machine.warrantyStartsOn && machine.warrantyEndsOn ? { startsOn: machine.warrantyStartsOn, endsOn: machine.warrantyEndsOn } : null,
        warrantySla: installation?.templateSnapshot.sla ?? null,
        amcContracts: contracts.map((c) => ({
          contractId: c.id,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          status: c.status,
          scope: c.terms.scope,
          visitQuota: c.terms.visitsPerTerm,
          visitsUsed: c.visitsUsed,
          sla: commitments.find((k) => k.id === c.commitmentId)!.templateSnapshot.sla,
        })),
      },
      on,
    );
    return { ...decision, machine };
  }
}
