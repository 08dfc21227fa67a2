import { devToken } from '#auth';

/** Tokens for trying the API by hand after `npm start` (signed with the development secret). */
export const DEMO_TOKENS = {
  serviceManager: devToken({ subject: 'demo-service-manager', name: 'Demo Service Manager', roles: ['service_manager'] }),
  finance: devToken({ subject: 'demo-finance', name: 'Demo Finance', roles: ['finance'] }),
  customer: devToken({ subject: 'demo-customer', name: 'Shakti Polymers (demo)', roles: ['customer'], customerId: 'C-1007' }),
};
