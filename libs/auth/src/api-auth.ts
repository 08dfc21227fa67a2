import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiProperty, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ForbiddenCode } from './forbidden.js';
import { AuthErrorCode } from './jwt.js';

/** The body of the 401 and 403 responses, for the OpenAPI document. */
export class AuthErrorBody {
  @ApiProperty({ example: 401 })
  statusCode: number;

  @ApiProperty({ example: 'Unauthorized' })
  error: string;

  @ApiProperty({ example: 'token has expired' })
  message: string;

  @ApiProperty({ enum: [...Object.values(AuthErrorCode), ...Object.values(ForbiddenCode)], example: AuthErrorCode.EXPIRED })
  code: AuthErrorCode | ForbiddenCode;
}

/** Documents a controller or route as needing a bearer token (pairs with DocumentBuilder().addBearerAuth()). */
export function ApiAuth(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Bearer token missing, malformed, expired or wrongly signed', type: AuthErrorBody }),
    ApiForbiddenResponse({ description: 'The principal lacks the role, or may not see this customer or engineer', type: AuthErrorBody }),
  );
}
