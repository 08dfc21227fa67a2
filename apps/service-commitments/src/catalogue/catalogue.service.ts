import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import type { ServiceTemplate } from './domain/service-template.js';
import { ServiceTemplateEntity } from './service-template.entity.js';
import type { ServiceTemplateInput } from './dto/service-template.dto.js';

/** The service catalogue: which SKUs are services and what each one commits us to. */
@Injectable()
export class CatalogueService {
  constructor(@InjectRepository(ServiceTemplateEntity) private readonly templates: Repository<ServiceTemplateEntity>) {}

  async list(includeInactive = false): Promise<ServiceTemplate[]> {
    const rows = await this.templates.find({ where: includeInactive ? {} : { active: true }, order: { sku: 'ASC' } });
    return rows.map(toTemplate);
  }

  async get(sku: string): Promise<ServiceTemplate> {
    const row = await this.templates.findOneBy({ sku });
    if (!row) throw new NotFoundException({ message: `No service template for SKU ${sku}` });
    return toTemplate(row);
  }

  /** Creates or replaces a template; the version goes up so snapshots can be told apart. */
  async put(sku: string, input: ServiceTemplateInput): Promise<ServiceTemplate> {
    return this.templates.manager.transaction(async (tx) => {
      const repository = tx.getRepository(ServiceTemplateEntity);
      const existing = await repository.findOne({ where: { sku }, lock: { mode: 'pessimistic_write' } });
      const row = repository.create({
        ...input,
        sku,
        amc: input.amc ?? null,
        active: input.active ?? true,
        version: existing ? existing.version + 1 : 1,
      } as Partial<ServiceTemplateEntity>);
      return toTemplate(await repository.save(row));
    });
  }

  /** Active templates by SKU, read inside the caller's transaction. */
  async activeBySku(tx: EntityManager): Promise<Map<string, ServiceTemplate>> {
    const rows = await tx.getRepository(ServiceTemplateEntity).find({ where: { active: true } });
    return new Map(rows.map((r) => [r.sku, toTemplate(r)]));
  }
}

export function toTemplate(row: ServiceTemplateEntity): ServiceTemplate {
  return {
    sku: row.sku,
    name: row.name,
    kind: row.kind,
    startsOn: row.startsOn,
    leadTimeDays: row.leadTimeDays,
    warrantyGraceDays: row.warrantyGraceDays,
    dueWithinDays: row.dueWithinDays,
    tasks: row.tasks,
    billing: row.billing,
    sla: row.sla,
    amc: row.amc,
    active: row.active,
    version: row.version,
  };
}
