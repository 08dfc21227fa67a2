import type { BillingLineState } from '#contracts';

/**
 * What may happen to a ledger line, and from which states. Every line has
 * exactly one state; an invoice request takes only ready lines, so no amount is
 * ever on two live requests.
 */
export const LedgerAction = {
  /** A future contract instalment fell due, or unbilled work was released for billing. */
  BECOME_READY: 'become_ready',
  /** Finance approved it into an invoice request. */
  REQUEST: 'request',
  /** ERP accounting posted the invoice. */
  POST: 'post',
  /** ERP accounting rejected the request: back to finance with the reason. */
  REJECT: 'reject',
  /** ERP accounting credited the posted invoice: back to finance as credited. */
  CREDIT: 'credit',
  /** Finance sends a line from review back to ready (re-bill). */
  REBILL: 'rebill',
  HOLD: 'hold',
  RELEASE: 'release',
  WRITE_OFF: 'write_off',
  /** Finance changes the price of a line not yet requested. */
  OVERRIDE_PRICE: 'override_price',
  /** A correction replaced the work behind the line. */
  REVERSE: 'reverse',
  /** The work behind a line already requested or invoiced changed: finance must look. */
  FLAG_FOR_REVIEW: 'flag_for_review',
} as const;
export type LedgerAction = (typeof LedgerAction)[keyof typeof LedgerAction];

const ALLOWED: Record<LedgerAction, readonly BillingLineState[]> = {
  become_ready: ['unbilled'],
  request: ['ready'],
  post: ['requested'],
  reject: ['requested'],
  credit: ['invoiced'],
  rebill: ['review'],
  hold: ['unbilled', 'ready', 'review'],
  release: ['on_hold'],
  write_off: ['unbilled', 'ready', 'review', 'on_hold'],
  override_price: ['unbilled', 'ready', 'review', 'on_hold'],
  reverse: ['unbilled', 'ready', 'review', 'on_hold', 'non_billable'],
  flag_for_review: ['unbilled', 'ready', 'on_hold'],
};

export class LedgerTransitionRefused extends Error {
  constructor(
    readonly action: LedgerAction,
    readonly state: BillingLineState,
  ) {
    super(`cannot ${action.replace(/_/g, ' ')} a line that is ${state.replace(/_/g, ' ')} (allowed from ${ALLOWED[action].join(', ')})`);
    this.name = 'LedgerTransitionRefused';
  }
}

export function canApply(action: LedgerAction, state: BillingLineState): boolean {
  return ALLOWED[action].includes(state);
}

/**
 * The state after `action`. `heldFrom` is where a held line returns on release;
 * `billable` decides whether a repriced line is billable or not.
 */
export function nextState(action: LedgerAction, state: BillingLineState, heldFrom: BillingLineState | null = null): BillingLineState {
  if (!canApply(action, state)) throw new LedgerTransitionRefused(action, state);
  switch (action) {
    case 'become_ready':
    case 'rebill':
      return 'ready';
    case 'request':
      return 'requested';
    case 'post':
      return 'invoiced';
    case 'reject':
    case 'credit':
    case 'flag_for_review':
      return 'review';
    case 'hold':
      return 'on_hold';
    case 'release':
      return heldFrom ?? 'ready';
    case 'write_off':
      return 'written_off';
    case 'override_price':
      return state === 'on_hold' ? 'on_hold' : state === 'unbilled' ? 'unbilled' : 'ready';
    case 'reverse':
      return 'reversed';
  }
}
