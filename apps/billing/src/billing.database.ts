import { CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, OutboxNotifyTrigger1765000000000, MessagingLookupIndexes1765300000000, OutboxEventAsJson1766200000000, CreateMessagingTables1764000000000, MESSAGING_ENTITIES } from '#messaging';
import { HttpIdempotency1765800000000, HttpIdempotencyEntity } from '#platform';
import { InvoiceRequestEntity, InvoiceRequestLineEntity } from './invoicing/invoicing.entities.js';
import { LedgerAdjustmentEntity, LedgerLineEntity } from './ledger/ledger.entities.js';
import { CreateRateCards1764100200000 } from './migrations/1764100200000-CreateRateCards.js';
import { BillingLedger1764100300000 } from './migrations/1764100300000-BillingLedger.js';
import { LookupIndexes1765200000000 } from './migrations/1765200000000-LookupIndexes.js';
import { ReviewNotesIndex1765300000000 } from './migrations/1765300000000-ReviewNotesIndex.js';
import { RateCardEntity } from './rate-cards/rate-card.entity.js';
import {
  AmcCoveredVisitEntity,
  BillingCommitmentEntity,
  BillingProjectEntity,
  BillingTaskEntity,
  MachineCoverageEntity,
} from './work-facts/work-facts.entities.js';
import { RateCardPremiums1765900000000 } from './migrations/1765900000000-RateCardPremiums.js';
import { AnnounceInvoiceAnswers1766000000000 } from './migrations/1766000000000-AnnounceInvoiceAnswers.js';
import { TaskCommitmentIndex1766100000000 } from './migrations/1766100000000-TaskCommitmentIndex.js';

export const BILLING_ENTITIES = [
  RateCardEntity,
  BillingProjectEntity,
  BillingCommitmentEntity,
  BillingTaskEntity,
  MachineCoverageEntity,
  AmcCoveredVisitEntity,
  LedgerLineEntity,
  LedgerAdjustmentEntity,
  InvoiceRequestEntity,
  InvoiceRequestLineEntity,
  ...MESSAGING_ENTITIES,
  HttpIdempotencyEntity,
];

export const BILLING_MIGRATIONS = [CreateMessagingTables1764000000000, CreateRateCards1764100200000, BillingLedger1764100300000, CreateDeadLetterReplays1764500000000, DeadLetterPublishedAt1764600000000, MessagingRetentionIndexes1764900000000, OutboxNotifyTrigger1765000000000, LookupIndexes1765200000000, MessagingLookupIndexes1765300000000, ReviewNotesIndex1765300000000, HttpIdempotency1765800000000, RateCardPremiums1765900000000, AnnounceInvoiceAnswers1766000000000, TaskCommitmentIndex1766100000000, OutboxEventAsJson1766200000000];
