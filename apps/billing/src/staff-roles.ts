import type { Role } from '#auth';

/** Who approves invoice requests and adjusts the ledger: finance alone (and admins). */
export const BILLING_APPROVERS: Role[] = ['finance'];
/** Who reads the ledger and invoice requests. */
export const LEDGER_READERS: Role[] = ['finance', 'service_manager', 'head_of_service', 'analyst', 'customer'];
/** Who maintains rate cards. */
export const RATE_CARD_EDITORS: Role[] = ['finance'];
export const RATE_CARD_READERS: Role[] = ['finance', 'service_manager', 'head_of_service', 'analyst'];
