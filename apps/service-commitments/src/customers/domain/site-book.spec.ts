import { NO_SITE, SiteBook } from './site-book.js';

const pune = { id: 'PUNE', name: 'Pune plant', address: null, city: 'Pune', region: 'MH', country: 'IN', timezone: 'Asia/Kolkata' };

describe('SiteBook (where an order is done)', () => {
  it('does an order where it says and learns the site; the first site becomes the default', () => {
    const book = new SiteBook([]);
    expect(book.siteFor('C-1', { id: 'PUNE', name: 'Pune plant', city: 'Pune', region: 'MH', country: 'IN', timezone: 'Asia/Kolkata' })).toEqual({ kind: 'from_order', site: pune });
    expect(book.siteFor('C-1', { id: 'NASHIK', region: 'MH' })).toMatchObject({ kind: 'from_order', site: { id: 'NASHIK' } });
    expect(book.siteFor('C-1', null)).toEqual({ kind: 'customer_default', site: pune });
    expect(book.learned.map((s) => [s.customerId, s.id])).toEqual([
      ['C-1', 'PUNE'],
      ['C-1', 'NASHIK'],
    ]);
    expect(book.newDefaults).toEqual([{ customerId: 'C-1', siteId: 'PUNE' }]);
  });

  it('says the site is missing when neither the order nor the customer has one', () => {
    // What the customer master reads carries more than the site (when it changed): the decision carries the site only.
    const known = { customerId: 'C-1', ...pune, isDefault: true, enteredByHand: false, updatedAt: new Date() };
    const book = new SiteBook([known]);
    expect(book.siteFor('C-2', undefined)).toEqual({ kind: 'missing', site: NO_SITE });
    expect(book.siteFor('C-1', undefined)).toEqual({ kind: 'customer_default', site: pune });
    expect(book.learned).toEqual([]);
    expect(book.newDefaults).toEqual([]);
  });

  it('learns new details of a site from an order, but not over what the service desk entered', () => {
    const book = new SiteBook([
      { customerId: 'C-1', ...pune, isDefault: true, enteredByHand: false },
      { customerId: 'C-2', ...pune, name: 'Gate 2', isDefault: true, enteredByHand: true },
    ]);
    expect(book.siteFor('C-1', { ...pune, name: 'Pune works' })).toMatchObject({ kind: 'from_order', site: { name: 'Pune works' } });
    expect(book.siteFor('C-2', { ...pune, name: 'Pune works' })).toMatchObject({ kind: 'from_order', site: { name: 'Pune works' } });
    expect(book.siteFor('C-1', null)).toMatchObject({ site: { name: 'Pune works' } });
    expect(book.siteFor('C-2', null)).toMatchObject({ site: { name: 'Gate 2' } });
    expect(book.learned.map((s) => [s.customerId, s.name])).toEqual([['C-1', 'Pune works']]);
    // The same details again are nothing to write.
    const again = new SiteBook([{ customerId: 'C-1', ...pune, isDefault: true, enteredByHand: false }]);
    again.siteFor('C-1', pune);
    expect(again.learned).toEqual([]);
  });

  it('uses a site without an id for its order only', () => {
    const book = new SiteBook([]);
    expect(book.siteFor('C-1', { name: 'Somewhere' })).toEqual({ kind: 'from_order', site: { ...NO_SITE, name: 'Somewhere' } });
    expect(book.siteFor('C-1', null)).toEqual({ kind: 'missing', site: NO_SITE });
    expect(book.learned).toEqual([]);
  });
});
