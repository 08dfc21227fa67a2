import { ForbiddenException } from '@nestjs/common';
import { hasRole, type Principal } from './roles.js';
import { assertCanActAsEngineer, assertCanSeeCustomer, customerScope } from './scope.js';

const customer: Principal = { subject: 'c-1', roles: ['customer'], customerId: 'cust-acme' };
const analyst: Principal = { subject: 'u-2', roles: ['analyst'] };
const engineer: Principal = { subject: 'u-3', roles: ['engineer'], engineerId: 'eng-42' };

/** The 403 body a caller would see, or 'allowed'. */
function outcome(run: () => void): 'allowed' | Record<string, unknown> {
  try {
    run();
    return 'allowed';
  } catch (error) {
    if (!(error instanceof ForbiddenException)) throw error;
    return error.getResponse() as Record<string, unknown>;
  }
}

describe('hasRole', () => {
  it('is true for any one of the roles, and always for admin', () => {
    expect(hasRole(analyst, 'finance', 'analyst')).toBe(true);
    expect(hasRole(analyst, 'finance')).toBe(false);
    expect(hasRole({ subject: 'root', roles: ['admin'] }, 'finance')).toBe(true);
  });
});

describe('customer scoping', () => {
  it('confines a customer to its own customer id and leaves staff unconfined', () => {
    expect(customerScope(customer)).toBe('cust-acme');
    expect(customerScope(analyst)).toBeNull();
  });

  it('never widens a customer without customerId to all customers', () => {
    expect(() => customerScope({ subject: 'c-x', roles: ['customer'] })).toThrow(/no customerId/);
  });

  it("lets a customer see its own data and answers 403 for another customer's", () => {
    expect(outcome(() => assertCanSeeCustomer(customer, 'cust-acme'))).toBe('allowed');
    expect(outcome(() => assertCanSeeCustomer(customer, 'cust-globex'))).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      code: 'OTHER_CUSTOMER',
      message: 'A customer user may only see data of customer cust-acme',
    });
  });

  it('lets staff see any customer', () => {
    expect(outcome(() => assertCanSeeCustomer(analyst, 'cust-globex'))).toBe('allowed');
  });
});

describe('acting as an engineer', () => {
  it.each<[string, Principal, 'allowed' | 'OTHER_ENGINEER']>([
    ['the engineer itself', engineer, 'allowed'],
    ['another engineer', { subject: 'u-4', roles: ['engineer'], engineerId: 'eng-7' }, 'OTHER_ENGINEER'],
    ['an engineer without engineer id', { subject: 'u-5', roles: ['engineer'] }, 'OTHER_ENGINEER'],
    ['an engineer who is also dispatcher', { subject: 'u-6', roles: ['engineer', 'dispatcher'], engineerId: 'eng-7' }, 'allowed'],
    ['a dispatcher', { subject: 'u-7', roles: ['dispatcher'] }, 'allowed'],
    ['a service manager', { subject: 'u-8', roles: ['service_manager'] }, 'allowed'],
    ['an admin', { subject: 'u-9', roles: ['admin'] }, 'allowed'],
    ['finance', { subject: 'u-10', roles: ['finance'] }, 'OTHER_ENGINEER'],
    ['a customer', customer, 'OTHER_ENGINEER'],
  ])('%s acting for eng-42: %s', (_who, principal, expected) => {
    const result = outcome(() => assertCanActAsEngineer(principal, 'eng-42'));
    expect(result === 'allowed' ? result : result.code).toBe(expected);
  });

  it('says who may act in the 403', () => {
    expect(outcome(() => assertCanActAsEngineer(analyst, 'eng-42'))).toMatchObject({
      message: 'Only engineer eng-42 or a dispatcher, service_manager or admin may act for engineer eng-42',
    });
  });
});
