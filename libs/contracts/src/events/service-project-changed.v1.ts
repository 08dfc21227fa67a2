import { IsInstant, IsIntegerAtLeast } from '../contract-validators.js';
import { Topics } from '../topics.js';
import { ServiceProjectFacts } from './service-project-created.v1.js';

/**
 * Internal: the ERP changed the order (`erp.sales-order.changed.v1`) and the project
 * now stands as this says: customer, site, purchase order, and every commitment with
 * its terms, the ones the change added included (those it cancelled come as
 * `psa.commitment.cancelled.v1` first). Keyed by projectId.
 */
export class ServiceProjectChangedV1 extends ServiceProjectFacts {
  static readonly type = 'psa.service-project.changed.v1';
  static readonly topic = Topics.serviceProjects;

  /** The order revision the project reflects (0: the order as created, when the project changed for another reason, such as its site set from the customer master). */
  @IsIntegerAtLeast(0)
  revision: number;

  @IsInstant()
  changedAt: string;
}
