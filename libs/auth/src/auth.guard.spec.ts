import 'reflect-metadata';
import { Controller, Get, Param, type ExecutionContext, type INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ApiAuth } from './api-auth.js';
import { AuthGuard } from './auth.guard.js';
import { AuthModule } from './auth.module.js';
import { devAuthConfig } from './config.js';
import { CurrentPrincipal, Public, Roles } from './decorators.js';
import { devToken } from './dev-token.js';
import { signToken } from './jwt.js';
import type { Principal } from './roles.js';
import { assertCanSeeCustomer } from './scope.js';

@ApiAuth()
@Controller('orders')
class OrdersController {
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Public()
  @Get('ping')
  ping() {
    return { pong: true };
  }

  @Roles('finance', 'head_of_service')
  @Get('invoices')
  invoices() {
    return { invoices: [] };
  }

  @Get('customers/:customerId')
  customer(@Param('customerId') customerId: string, @CurrentPrincipal() principal: Principal) {
    assertCanSeeCustomer(principal, customerId);
    return { customerId };
  }
}

@Roles('dispatcher')
@Controller('dispatch')
class DispatchController {
  @Get('board')
  board() {
    return { board: [] };
  }

  /** A method's @Roles replaces the controller's. */
  @Roles('engineer')
  @Get('my-visits')
  myVisits() {
    return { visits: [] };
  }
}

@Public()
@Controller('health')
class HealthLikeController {
  @Get()
  health() {
    return { status: 'up' };
  }
}

const bearer = (principal: Principal) => `Bearer ${devToken(principal)}`;
const dispatcher: Principal = { subject: 'u-1', name: 'Dana', roles: ['dispatcher'] };
const finance: Principal = { subject: 'u-2', roles: ['finance'] };
const admin: Principal = { subject: 'u-0', roles: ['admin'] };
const acme: Principal = { subject: 'c-1', roles: ['customer'], customerId: 'cust-acme' };

describe('AuthGuard over HTTP', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(devAuthConfig())],
      controllers: [OrdersController, DispatchController, HealthLikeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('test').addBearerAuth().build());
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, authorization?: string) => {
    const req = request(app.getHttpServer()).get(path);
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  describe('authentication', () => {
    it('answers 401 MISSING_TOKEN without a token, with a Bearer challenge', async () => {
      const res = await get('/orders').expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Authorization: Bearer <token> header is required',
        code: 'MISSING_TOKEN',
      });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });

    it('answers 401 for another scheme', async () => {
      const res = await get('/orders', 'Basic dXNlcjpwYXNz').expect(401);
      expect(res.body.code).toBe('MISSING_TOKEN');
    });

    it('answers 401 MALFORMED_TOKEN for garbage', async () => {
      const res = await get('/orders', 'Bearer not-a-jwt').expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'MALFORMED_TOKEN' });
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    });

    it('answers 401 BAD_SIGNATURE for a token signed with another secret', async () => {
      const forged = signToken(admin, { ...devAuthConfig(), secret: 'attacker-secret-that-is-long-enough!!' }, { expiresInSeconds: 60 });
      const res = await get('/orders', `Bearer ${forged}`).expect(401);
      expect(res.body.code).toBe('BAD_SIGNATURE');
    });

    it('answers 401 EXPIRED for an expired token', async () => {
      const old = signToken(dispatcher, devAuthConfig(), { expiresInSeconds: 60, now: new Date(Date.now() - 3600_000) });
      const res = await get('/orders', `Bearer ${old}`).expect(401);
      expect(res.body).toMatchObject({ code: 'EXPIRED', message: 'token has expired' });
    });

    it('lets a valid token through and hands the principal to the handler', async () => {
      const res = await get('/orders', bearer(dispatcher)).expect(200);
      expect(res.body).toEqual(dispatcher);
    });

    it('accepts the scheme name in any case', async () => {
      await get('/orders', `bearer ${devToken(dispatcher)}`).expect(200);
    });
  });

  describe('public routes', () => {
    it('opens a @Public() route without a token', async () => {
      await get('/orders/ping').expect(200, { pong: true });
    });

    it('opens every route of a @Public() controller', async () => {
      await get('/health').expect(200, { status: 'up' });
    });

    it('leaves the Swagger UI and document open, documenting bearer auth', async () => {
      const res = await get('/docs/openapi.json').expect(200);
      const whoAmI = res.body.paths['/orders'].get;
      expect(whoAmI.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(whoAmI.responses)).toEqual(expect.arrayContaining(['401', '403']));
    });
  });

  describe('roles', () => {
    it('answers 403 naming the roles the route needs', async () => {
      const res = await get('/orders/invoices', bearer(dispatcher)).expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Requires role finance or head_of_service',
        code: 'ROLE_REQUIRED',
      });
    });

    it('lets a principal with one of the roles through', async () => {
      await get('/orders/invoices', bearer(finance)).expect(200);
    });

    it('lets admin through every role check', async () => {
      await get('/orders/invoices', bearer(admin)).expect(200);
      await get('/dispatch/board', bearer(admin)).expect(200);
      await get('/dispatch/my-visits', bearer(admin)).expect(200);
    });

    it("applies the controller's roles, and a method's roles instead of them", async () => {
      await get('/dispatch/board', bearer(dispatcher)).expect(200);
      await get('/dispatch/board', bearer(finance)).expect(403);
      const res = await get('/dispatch/my-visits', bearer(dispatcher)).expect(403);
      expect(res.body.message).toBe('Requires role engineer');
      await get('/dispatch/my-visits', bearer({ subject: 'u-3', roles: ['engineer'], engineerId: 'eng-1' })).expect(200);
    });

    it('checks the token before the roles', async () => {
      const res = await get('/orders/invoices').expect(401);
      expect(res.body.code).toBe('MISSING_TOKEN');
    });
  });

  describe('customer principals', () => {
    it('see their own customer', async () => {
      await get('/orders/customers/cust-acme', bearer(acme)).expect(200, { customerId: 'cust-acme' });
    });

    it("get 403 for another customer's data", async () => {
      const res = await get('/orders/customers/cust-globex', bearer(acme)).expect(403);
      expect(res.body).toMatchObject({ code: 'OTHER_CUSTOMER', message: 'A customer user may only see data of customer cust-acme' });
    });

    it('do not confine staff', async () => {
      await get('/orders/customers/cust-globex', bearer(dispatcher)).expect(200);
    });
  });
});

describe('AuthGuard outside HTTP', () => {
  it('lets Kafka (rpc) handlers through without a token', () => {
    const guard = new AuthGuard(devAuthConfig(), new Reflector());
    const rpc = {
      getType: () => 'rpc',
      switchToHttp: () => {
        throw new Error('an rpc context has no HTTP request');
      },
    } as unknown as ExecutionContext;
    expect(guard.canActivate(rpc)).toBe(true);
  });
});
