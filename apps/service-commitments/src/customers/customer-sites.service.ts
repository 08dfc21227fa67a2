import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { upsertMany } from '#persistence';
import { Clock } from '#platform';
import { CustomerDefaultSiteEntity, CustomerSiteEntity } from './customer-site.entity.js';
import { SiteBook, type CustomerSite, type KnownSite, type OrderSite, type SiteDecision } from './domain/site-book.js';
import { compareText } from '../compare-text.js';

export interface CustomerSiteView extends CustomerSite {
  customerId: string;
  default: boolean;
  updatedFrom: string;
  updatedAt: string;
}

export type SiteDetails = Omit<CustomerSite, 'id'>;

/** The customer master's sites, and where an order without a site is done. */
@Injectable()
export class CustomerSitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The site of each order, as if taken one after the other: the one it names
   * (learned into the customer master), else its customer's default. Two
   * statements for the whole run, plus writes only when a site is new or changed.
   */
  async sitesForOrders(tx: EntityManager, orders: { customerId: string; site?: OrderSite | null }[]): Promise<SiteDecision[]> {
    if (orders.length === 0) return [];
    const book = new SiteBook(await this.known(tx, [...new Set(orders.map((o) => o.customerId))]));
    const decisions = orders.map((o) => book.siteFor(o.customerId, o.site));
    // In key order: orders of one customer applied side by side (ApplyRounds' lanes) then lock its rows in one order.
    const learned = [...book.learned].sort((a, b) => compareText(a.customerId, b.customerId) || compareText(a.id, b.id));
    if (learned.length > 0) {
      await upsertMany(
        tx,
        CustomerSiteEntity,
        learned.map(({ customerId, id, ...details }) => ({ customerId, siteId: id, ...details, updatedFrom: 'order' })),
        ['customerId', 'siteId'],
      );
    }
    const defaults = [...book.newDefaults].sort((a, b) => compareText(a.customerId, b.customerId));
    if (defaults.length > 0) {
      // First come, first kept: an order of the same customer taken at the same time elsewhere may have set one.
      await tx.query(
        `INSERT INTO customer_default_site (customer_id, site_id, set_by, set_at)
         SELECT c, s, 'first_order', $3 FROM unnest($1::text[], $2::text[]) AS d(c, s) ON CONFLICT (customer_id) DO NOTHING`,
        [defaults.map((d) => d.customerId), defaults.map((d) => d.siteId), this.clock.now()],
      );
    }
    return decisions;
  }

  async list(customerId: string): Promise<CustomerSiteView[]> {
    const rows = await this.known(this.dataSource.manager, [customerId]);
    return rows
      .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.id.localeCompare(b.id))
      .map(({ isDefault, enteredByHand, updatedAt, ...row }) => ({ ...row, default: isDefault, updatedFrom: enteredByHand ? 'service_desk' : 'order', updatedAt: new Date(updatedAt).toISOString() }));
  }

  /**
   * Enters or corrects a site by hand (orders do not overwrite it after that).
   * A customer without a default site gets this one. Says whether it is the default now.
   */
  async put(tx: EntityManager, customerId: string, siteId: string, details: SiteDetails, actor: string): Promise<{ isDefault: boolean }> {
    await upsertMany(tx, CustomerSiteEntity, [{ customerId, siteId, ...details, updatedFrom: 'service_desk' }], ['customerId', 'siteId']);
    await tx.query(
      `INSERT INTO customer_default_site (customer_id, site_id, set_by, set_at) VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id) DO NOTHING`,
      [customerId, siteId, actor, this.clock.now()],
    );
    const current = await tx.findOneBy(CustomerDefaultSiteEntity, { customerId });
    return { isDefault: current?.siteId === siteId };
  }

  /** Makes a known site the customer's default; 404 if the customer master does not have it. */
  async setDefault(tx: EntityManager, customerId: string, siteId: string, actor: string): Promise<CustomerSite> {
    const site = await tx.findOneBy(CustomerSiteEntity, { customerId, siteId });
    if (!site) throw new NotFoundException({ message: `Customer ${customerId} has no site ${siteId}; enter it first with PUT /customers/${customerId}/sites/${siteId}` });
    await tx.query(
      `INSERT INTO customer_default_site (customer_id, site_id, set_by, set_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (customer_id) DO UPDATE SET site_id = EXCLUDED.site_id, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [customerId, siteId, actor, this.clock.now()],
    );
    return this.siteOf(site);
  }

  /** The customer's default site, if it has one. */
  async defaultOf(tx: EntityManager, customerId: string): Promise<CustomerSite | undefined> {
    const found = (await this.known(tx, [customerId])).find((s) => s.isDefault);
    return found ? this.siteOf({ siteId: found.id, ...found }) : undefined;
  }

  private siteOf(row: Pick<CustomerSiteEntity, 'siteId' | 'name' | 'address' | 'city' | 'region' | 'country' | 'timezone'>): CustomerSite {
    return { id: row.siteId, name: row.name, address: row.address, city: row.city, region: row.region, country: row.country, timezone: row.timezone };
  }

  private known(tx: EntityManager, customerIds: string[]): Promise<(KnownSite & { updatedAt: Date })[]> {
    return tx.query(
      `SELECT s.customer_id AS "customerId", s.site_id AS id, s.name, s.address, s.city, s.region, s.country, s.timezone,
              (d.site_id IS NOT NULL) AS "isDefault", (s.updated_from = 'service_desk') AS "enteredByHand", s.updated_at AS "updatedAt"
         FROM customer_site s LEFT JOIN customer_default_site d ON d.customer_id = s.customer_id AND d.site_id = s.site_id
        WHERE s.customer_id = ANY($1::text[])`,
      [customerIds],
    );
  }
}
