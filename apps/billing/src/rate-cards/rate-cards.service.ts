import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import type { Principal } from '#auth';
import { pageOf } from '#platform';
import { DEFAULT_BUSINESS_HOURS } from '../ledger/domain/premium-hours.js';
import { chooseRate, type RateCard, type RateQuestion } from './domain/rate-choice.js';
import type { CreateRateCardInput, RateCardQuery } from './dto/rate-card.dto.js';
import { RateCardEntity } from './rate-card.entity.js';

/** Rate cards: billing rates per customer, contract and activity, and cost rates per engineer. */
@Injectable()
export class RateCardsService {
  constructor(@InjectRepository(RateCardEntity) private readonly cards: Repository<RateCardEntity>) {}

  async create(input: CreateRateCardInput, principal: Principal): Promise<RateCard> {
    const saved = await this.cards.save(
      this.cards.create({
        kind: input.kind ?? 'billing',
        customerId: input.customerId ?? null,
        contractId: input.contractId ?? null,
        engineerId: input.engineerId ?? null,
        activity: input.activity ?? 'any',
        rate: input.rate,
        currency: input.currency,
        validFrom: input.validFrom,
        rounding: input.rounding ?? 'half_up',
        partsMarkupPercent: input.partsMarkupPercent ?? '0',
        afterHoursPercent: input.afterHoursPercent ?? null,
        weekendPercent: input.weekendPercent ?? null,
        businessDays: [...(input.businessHours?.days ?? DEFAULT_BUSINESS_HOURS.days)].sort((a, b) => a - b),
        businessFrom: input.businessHours?.from ?? DEFAULT_BUSINESS_HOURS.from,
        businessTo: input.businessHours?.to ?? DEFAULT_BUSINESS_HOURS.to,
        createdBy: principal.subject,
      }),
    );
    return toRateCard(saved);
  }

  async list(query: RateCardQuery): Promise<RateCard[]> {
    const rows = await this.cards.find({
      where: { ...(query.kind ? { kind: query.kind } : {}), ...(query.customerId ? { customerId: query.customerId } : {}) },
      order: { validFrom: 'DESC', createdAt: 'DESC', id: 'DESC' },
      ...pageOf(query),
    });
    return rows.map(toRateCard);
  }

  /**
   * The card that prices a question, read in the caller's transaction. Only the
   * cards that could apply are read (the conditions `chooseRate` puts first, in
   * SQL), not every card of the kind and currency: each approval asks twice.
   */
  async choose(tx: EntityManager, question: RateQuestion): Promise<RateCard | null> {
    const rows = await tx
      .getRepository(RateCardEntity)
      .createQueryBuilder('c')
      .where('c.kind = :kind AND c.currency = :currency AND c.validFrom <= :on', { kind: question.kind, currency: question.currency, on: question.on })
      .andWhere("c.activity IN ('any', :activity)", { activity: question.activity })
      .andWhere('(c.contractId IS NULL OR c.contractId = :contractId)', { contractId: question.contractId ?? null })
      .andWhere('(c.customerId IS NULL OR c.customerId = :customerId)', { customerId: question.customerId ?? null })
      .andWhere('(c.engineerId IS NULL OR c.engineerId = :engineerId)', { engineerId: question.engineerId ?? null })
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return chooseRate(rows.map(toRateCard), question);
  }
}

export function toRateCard(row: RateCardEntity): RateCard {
  return {
    id: row.id,
    kind: row.kind,
    customerId: row.customerId,
    contractId: row.contractId,
    engineerId: row.engineerId,
    activity: row.activity,
    rate: trim(row.rate),
    currency: row.currency,
    validFrom: row.validFrom,
    rounding: row.rounding,
    partsMarkupPercent: trim(row.partsMarkupPercent),
    afterHoursPercent: row.afterHoursPercent === null ? null : trim(row.afterHoursPercent),
    weekendPercent: row.weekendPercent === null ? null : trim(row.weekendPercent),
    // A row built in memory without them (a test's repository insert) has the database's defaults.
    businessHours: { days: (row.businessDays ?? DEFAULT_BUSINESS_HOURS.days).map(Number), from: row.businessFrom ?? DEFAULT_BUSINESS_HOURS.from, to: row.businessTo ?? DEFAULT_BUSINESS_HOURS.to },
  };
}

function trim(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
