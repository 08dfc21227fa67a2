import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { PageOffset } from '#platform';
import { DeadLetters } from './dead-letters.js';
import { HeldEvents } from './held-events.js';

const REASON_CODES = ['INVALID_JSON', 'INVALID_ENVELOPE', 'SCHEMA_VIOLATION', 'UNKNOWN_TYPE', 'ORDER_EXISTS', 'ORDER_NOT_FOUND', 'PROCESSING_FAILED'];

export class DeadLetterQuery extends PageOffset {
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

/** Why, and on whose behalf, a replay is asked for; both go into the audit. */
export class ReplayInput {
  @ApiPropertyOptional({ description: 'Why it is replayed now, e.g. the fix it waited for', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @ApiPropertyOptional({ description: 'The operator as the client names them (the CLI sends --operator or the OS user); the token subject is recorded as well', maxLength: 200 })
  @IsOptional() @IsString() @MaxLength(200) operator?: string;
}

export class ReplayAllInput extends ReplayInput {
  @ApiProperty({ description: 'Original topic whose dead letters are replayed, e.g. erp.sales-orders' })
  @IsString() @IsNotEmpty({ message: 'topic is required: replay all works one topic at a time' }) topic: string;
  @ApiPropertyOptional({ enum: REASON_CODES })
  @IsOptional() @IsIn(REASON_CODES) reasonCode?: string;
}

export class ReplayAuditQuery extends PageOffset {
  @ApiPropertyOptional({ description: 'Original topic' })
  @IsOptional() @IsString() topic?: string;
  @ApiPropertyOptional({ description: 'Only the replays of this dead letter' })
  @IsOptional() @Matches(/^\d{1,18}$/, { message: 'deadLetterId must be a dead letter number' }) deadLetterId?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
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

  @Get('replays')
  @ApiOperation({ summary: 'The replay audit, newest first: which dead letter, who asked, when, why, and the outcome (replayed, already_replayed, failed)' })
  replays(@Query() query: ReplayAuditQuery) {
    return this.deadLetters.listReplays(query);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({ summary: "Replays every dead letter of a topic (optionally of one reason code) not replayed yet, oldest first; one audit row each" })
  replayAll(@Body() input: ReplayAllInput, @CurrentPrincipal() principal: Principal) {
    return this.deadLetters.replayAll(
      { topic: input.topic, reasonCode: input.reasonCode },
      { replayedBy: principal.subject, operator: input.operator ?? null, comment: input.comment ?? null },
    );
  }

  @Post(':id/replay')
  @ApiOperation({ summary: 'Puts the original record back on its topic for another try; once (409 ALREADY_REPLAYED after that); audited either way' })
  replay(@Param() params: DeadLetterId, @Body() input: ReplayInput, @CurrentPrincipal() principal: Principal) {
    return this.deadLetters.replay(params.id, { replayedBy: principal.subject, operator: input.operator ?? null, comment: input.comment ?? null });
  }
}

export class HeldEventQuery extends PageOffset {
  @ApiPropertyOptional({ description: 'Topic the event came from, e.g. erp.dispatches' })
  @IsOptional() @IsString() topic?: string;
  @ApiPropertyOptional({ description: 'Also those no longer held (released, expired, given up)', default: false })
  @IsOptional() @Transform(({ value }) => value === true || value === 'true') @IsBoolean() includeReleased?: boolean;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class HeldEventId {
  @ApiProperty() @Matches(/^\d{1,18}$/, { message: 'id must be a held event number' }) id: string;
}

@ApiTags('dead letters')
@ApiAuth()
@Roles('service_manager', 'integration')
@Controller('held-events')
export class HeldEventsController {
  constructor(private readonly heldEvents: HeldEvents) {}

  @Get()
  @ApiOperation({ summary: 'Events held until what they refer to exists, oldest first, with what each waits for and when it expires' })
  list(@Query() query: HeldEventQuery) {
    return this.heldEvents.list(query);
  }

  @Post(':id/dead-letter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stops waiting: the held event becomes a dead letter now (the reason names who and why), replayable after a fix; 409 NOT_HELD if no longer held' })
  giveUp(@Param() params: HeldEventId, @Body() input: ReplayInput, @CurrentPrincipal() principal: Principal) {
    return this.heldEvents.giveUp(params.id, input.operator ? `${principal.subject} (${input.operator})` : principal.subject, input.comment ?? null);
  }
}
