import { IsOptional } from 'class-validator';
import {
  IsCalendarDate,
  IsDateNotBefore,
  IsInstant,
  IsNonEmptyString,
  IsOneOf,
  IsUuid,
  NestedObject,
} from '../contract-validators.js';
import { Topics } from '../topics.js';

/**
 * Where a warranty's start comes from: dispatch plus the grace period for
 * installation, or the installation date when the machine was installed earlier.
 */
export const WARRANTY_BASES = ['dispatch_grace', 'installation'] as const;
export type WarrantyBasis = (typeof WARRANTY_BASES)[number];

/** The machine's warranty window, both days included. */
export class EquipmentWarranty {
  @IsCalendarDate()
  startsOn: string;

  @IsCalendarDate()
  @IsDateNotBefore('startsOn')
  endsOn: string;

  @IsOneOf(WARRANTY_BASES)
  basis: WarrantyBasis;
}

/**
 * Internal: a dispatched machine was registered as installed-base equipment of
 * its service project, with its serial number and warranty. Keyed by projectId.
 */
export class EquipmentRegisteredV1 {
  static readonly type = 'psa.equipment.registered.v1';
  static readonly topic = Topics.serviceProjects;

  @IsUuid()
  equipmentId: string;

  @IsUuid()
  projectId: string;

  @IsNonEmptyString()
  orderId: string;

  @IsNonEmptyString()
  customerId: string;

  /** Null when neither the dispatch nor the order named a site. */
  @IsOptional()
  @IsNonEmptyString()
  siteId?: string | null;

  /** The order line of the machine. */
  @IsNonEmptyString()
  machineLineId: string;

  @IsNonEmptyString()
  sku: string;

  @IsNonEmptyString()
  serialNumber: string;

  @IsNonEmptyString()
  dispatchId: string;

  @IsInstant()
  dispatchedAt: string;

  @IsCalendarDate()
  expectedDeliveryDate: string;

  /** Null when the machine line carries no warranty. */
  @IsOptional()
  @NestedObject(() => EquipmentWarranty)
  warranty?: EquipmentWarranty | null;
}
