import type { SalesOrderSite } from '#contracts';
import type { SiteSnapshot } from '../../projects/service-project.entity.js';

/** A customer's site as the customer master keeps it. */
export interface CustomerSite extends SiteSnapshot {
  id: string;
}

/** A site as an ERP order names it (the contract requires `id`; without one it is not learned). */
export type OrderSite = Omit<SalesOrderSite, 'id'> & { id?: string | null };

export const NO_SITE: SiteSnapshot = Object.freeze({ id: null, name: null, address: null, city: null, region: null, country: null, timezone: null });

export function siteOfOrder(site: OrderSite): SiteSnapshot {
  return {
    id: site.id ?? null,
    name: site.name ?? null,
    address: site.address ?? null,
    city: site.city ?? null,
    region: site.region ?? null,
    country: site.country ?? null,
    timezone: site.timezone ?? null,
  };
}

const SITE_FIELDS = ['id', 'name', 'address', 'city', 'region', 'country', 'timezone'] as const;

/** The same site with the same details. */
export function sameSite(a: SiteSnapshot, b: SiteSnapshot): boolean {
  return SITE_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));
}

export interface KnownSite extends CustomerSite {
  customerId: string;
  isDefault: boolean;
  enteredByHand: boolean;
}

/** Where an order's work happens, and why there. */
export type SiteDecision =
  | { kind: 'from_order'; site: SiteSnapshot }
  | { kind: 'customer_default'; site: CustomerSite }
  /** Neither the order nor the customer master names one: a person has to. */
  | { kind: 'missing'; site: SiteSnapshot };

/**
 * The customer master's view of sites while a run of orders is taken, in order:
 * an order without a site is done at its customer's default site; a site an
 * order names is learned (its details as the ERP last sent them, unless the
 * service desk entered them), and the first site known for a customer becomes
 * its default. The order's own work is done at the site as the order names it. What was learned is then
 * written in one go (`learned`, `newDefaults`).
 */
export class SiteBook {
  private readonly sites = new Map<string, Map<string, CustomerSite>>();
  private readonly defaults = new Map<string, string>();
  private readonly changed = new Map<string, CustomerSite & { customerId: string }>();
  private readonly defaulted = new Map<string, string>();

  /** Sites the service desk entered or corrected: orders do not overwrite them. */
  private readonly keptByHand = new Set<string>();

  constructor(known: KnownSite[]) {
    for (const { customerId, isDefault, enteredByHand, id, name, address, city, region, country, timezone } of known) {
      const site: CustomerSite = { id, name, address, city, region, country, timezone };
      this.sitesOf(customerId).set(site.id, site);
      if (isDefault) this.defaults.set(customerId, site.id);
      if (enteredByHand) this.keptByHand.add(`${customerId}\u0000${site.id}`);
    }
  }

  /** The site of an order of `customerId` that names `orderSite` (or none). */
  siteFor(customerId: string, orderSite: OrderSite | null | undefined): SiteDecision {
    if (orderSite) {
      const snapshot = siteOfOrder(orderSite);
      if (snapshot.id === null) return { kind: 'from_order', site: snapshot };
      const site = snapshot as CustomerSite;
      const known = this.sitesOf(customerId).get(site.id);
      if (!known || (!sameSite(known, site) && !this.keptByHand.has(`${customerId}\u0000${site.id}`))) {
        this.sitesOf(customerId).set(site.id, site);
        this.changed.set(`${customerId}\u0000${site.id}`, { customerId, ...site });
      }
      if (!this.defaults.has(customerId)) {
        this.defaults.set(customerId, site.id);
        this.defaulted.set(customerId, site.id);
      }
      return { kind: 'from_order', site };
    }
    const defaultId = this.defaults.get(customerId);
    const site = defaultId === undefined ? undefined : this.sitesOf(customerId).get(defaultId);
    return site ? { kind: 'customer_default', site } : { kind: 'missing', site: NO_SITE };
  }

  /** Sites new or changed by the orders taken. */
  get learned(): (CustomerSite & { customerId: string })[] {
    return [...this.changed.values()];
  }

  /** Customers that had no default site and got the first one an order named. */
  get newDefaults(): { customerId: string; siteId: string }[] {
    return [...this.defaulted].map(([customerId, siteId]) => ({ customerId, siteId }));
  }

  private sitesOf(customerId: string): Map<string, CustomerSite> {
    let sites = this.sites.get(customerId);
    if (!sites) this.sites.set(customerId, (sites = new Map()));
    return sites;
  }
}
