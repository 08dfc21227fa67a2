import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '#auth';
import { BillingError } from '../errors/billing.error.js';
import { RateCardsService } from '../rate-cards/rate-cards.service.js';
import { extend } from './domain/billing-money.js';
import type { LedgerAction } from './domain/ledger-line-state.js';
import { toLedgerLineView, type LedgerLineView } from './dto/ledger-line.view.js';
import { LedgerLineEntity } from './ledger.entities.js';
import { LedgerService, plainDecimal } from './ledger.service.js';

/** Finance's adjustments: hold, release, write-off, re-bill and price override, each with a reason and an audit record. */
@Injectable()
export class AdjustmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly rates: RateCardsService,
  ) {}

  apply(id: string, action: Extract<LedgerAction, 'hold' | 'release' | 'write_off' | 'rebill'>, reason: string, principal: Principal): Promise<LedgerLineView> {
    return this.dataSource.transaction(async (tx) => {
      const line = await this.load(tx, id);
      if (action === 'rebill' && line.billable === false) throw new BillingError('LINE_STATE_CONFLICT', 'A non-billable line cannot be re-billed; override its price first');
      return toLedgerLineView(await this.ledger.change(tx, line, { action, reason, actor: principal.subject, ...(action === 'rebill' ? { credited: false } : {}) }));
    });
  }

  overridePrice(id: string, unitPrice: string, reason: string, principal: Principal): Promise<LedgerLineView> {
    return this.dataSource.transaction(async (tx) => {
      const line = await this.load(tx, id);
      const card = await this.rates.choose(tx, { kind: 'billing', currency: line.currency, on: line.workDate, activity: 'any', customerId: line.customerId, contractId: line.commitmentId });
      const amount = extend(plainDecimal(line.quantity), unitPrice, line.currency, card?.rounding ?? 'half_up');
      const action: LedgerAction = 'override_price';
      return toLedgerLineView(await this.ledger.change(tx, line, { action, reason, actor: principal.subject, price: { unitPrice, amount } }));
    });
  }

  private async load(tx: import('typeorm').EntityManager, id: string): Promise<LedgerLineEntity> {
    const line = await tx.findOne(LedgerLineEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!line) throw new BillingError('LINE_NOT_FOUND', `No ledger line ${id}`);
    return line;
  }
}
