import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { DeadLetters } from './dead-letters.js';

const REASON_CODES = ['INVALID_JSON', 'INVALID_ENVELOPE', 'SCHEMA_VIOLATION', 'UNKNOWN_TYPE', 'ORDER_EXISTS', 'ORDER_NOT_FOUND', 'PROCESSING_FAILED'];

export class DeadLetterQuery {
  @ApiPropertyOptional({ description: 'Original topic, e.g. erp.sales-orders' })
  @IsOptional() @IsString() topic?: string;
  @ApiPropertyOptional({ enum: REASON_CODES })
  @IsOptional() @IsIn(REASON_CODES) reasonCode?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class DeadLetterId {
  @ApiProperty() @Matches(/^\d{1,18}$/, { message: 'id must be a dead letter number' }) id: string;
}

@ApiTags('dead letters')
@ApiAuth()
@Roles('service_manager', 'integration')
@Controller('dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  @ApiOperation({ summary: 'Records this service could not apply, newest first, with the reason' })
  list(@Query() query: DeadLetterQuery) {
    return this.deadLetters.list(query);
  }

  @Post(':id/replay')
  @ApiOperation({ summary: 'Puts the original record back on its topic for another try; once (409 ALREADY_REPLAYED after that)' })
  replay(@Param() params: DeadLetterId, @CurrentPrincipal() principal: Principal) {
    return this.deadLetters.replay(params.id, principal.subject);
  }
}
