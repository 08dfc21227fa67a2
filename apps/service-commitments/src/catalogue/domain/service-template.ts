/**
 * A service template: what selling one unit of a service SKU commits us to.
 * Commitments keep a snapshot of the template as it was when they were made.
 */
export const SERVICE_KINDS = ['installation', 'training', 'calibration', 'support_visit', 'amc', 'warranty'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const START_TRIGGERS = ['order', 'dispatch', 'call_off'] as const;
/** order: work can start when the order is in; dispatch: when the machine ships; call_off: when the customer asks. */
export type StartTrigger = (typeof START_TRIGGERS)[number];

export interface ChecklistItem {
  item: string;
  kind: 'tool' | 'document' | 'step';
  required: boolean;
}

export interface TemplateTask {
  key: string;
  name: string;
  requiredSkills: string[];
  /** Decimal string, hours. */
  estimatedHours: string;
  checklist: ChecklistItem[];
  /** Kinds of sibling commitments (same machine) that must be done first, e.g. training after installation. */
  after: ServiceKind[];
  engineers: number;
}

export type BillingPolicy =
  | { kind: 'fixed_fee'; milestones: { taskKey: string; percent: string }[] }
  | { kind: 'time_and_materials'; notToExceed?: string }
  | { kind: 'contract_fee'; schedule: 'advance' | 'quarterly' | 'monthly' }
  | { kind: 'non_billable' };

export interface SlaPolicy {
  coverage: '8x5' | '24x7';
  responseHours: number;
  resolutionHours: number;
  /** Share of the target used at which the clock is "at risk" (0..1). */
  atRiskShare: string;
}

export interface AmcTerms {
  termMonths: number;
  visitsPerTerm: number;
  scope: 'labour' | 'labour_and_parts';
  startRule: 'installation' | 'warranty_end';
}

export interface ServiceTemplate {
  sku: string;
  name: string;
  kind: ServiceKind;
  startsOn: StartTrigger;
  /** Days after dispatch when delivery is expected, if the ERP does not say. */
  leadTimeDays: number;
  /** Days after dispatch after which warranty starts even if installation is not done. */
  warrantyGraceDays: number;
  /** Days from the moment a task becomes ready until it is due. */
  dueWithinDays: number;
  tasks: TemplateTask[];
  billing: BillingPolicy;
  sla: SlaPolicy;
  amc: AmcTerms | null;
  active: boolean;
  version: number;
}
