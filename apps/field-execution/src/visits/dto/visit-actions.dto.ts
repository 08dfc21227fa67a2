import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { VISIT_OUTCOMES, type VisitOutcome } from '../domain/completion.js';

const INSTANT = { strict: true, strictSeparator: true } as const;

export class VisitIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a visit id (UUID)' }) id: string;
}

export class VisitDayQuery {
  @ApiProperty({ description: "The day, on each visit's site calendar (YYYY-MM-DD)", example: '2026-11-30' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date YYYY-MM-DD' })
  date: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Whose visits; an engineer sees only their own (the default); staff see everyone's without it" })
  @IsOptional()
  @IsUUID('all', { message: 'engineerId must be a UUID' })
  engineerId?: string;
}

export class GeoLocationInput {
  @ApiProperty({ example: 18.7606 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) lat: number;
  @ApiProperty({ example: 73.8636 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) lon: number;
}

export class CheckInOutInput {
  @ApiPropertyOptional({ description: 'When (default: now); not in the future', example: '2026-11-30T04:35:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: 'at must be an RFC 3339 instant' })
  at?: string;

  @ApiPropertyOptional({ type: GeoLocationInput, description: "Where the device was, if it shares its location" })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoLocationInput)
  location?: GeoLocationInput;
}

export class AddNoteInput {
  @ApiProperty({ maxLength: 4000, example: 'Levelled to 0.05 mm/m; hydraulic oil topped up (ISO VG 46).' })
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(4000)
  text: string;
}

export class TickChecklistInput {
  @ApiProperty({ description: "The item's text as on the task's checklist", example: 'Torque wrench set' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  item: string;

  @ApiProperty({ description: 'true to tick, false to untick' })
  @IsBoolean()
  ticked: boolean;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class SignOffInput {
  @ApiProperty({ description: 'The customer representative who accepted the work', example: 'Anil Deshmukh' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'When they signed (default: the completion time)', example: '2026-12-02T06:15:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: 'signOff.signedAt must be an RFC 3339 instant' })
  signedAt?: string;
}

export class CompleteVisitInput {
  @ApiProperty({ enum: VISIT_OUTCOMES, description: 'completed: checklist done and signed off; incomplete: a follow-up is needed (give followUpReason)' })
  @IsIn(VISIT_OUTCOMES)
  outcome: VisitOutcome;

  @ApiPropertyOptional({ type: SignOffInput, description: 'Required for a completed visit' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SignOffInput)
  signOff?: SignOffInput;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why the work is not finished (outcome incomplete)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  followUpReason?: string;

  @ApiPropertyOptional({ description: 'When the visit was closed (default: now)', example: '2026-12-02T06:20:00Z' })
  @IsOptional()
  @IsISO8601(INSTANT, { message: 'at must be an RFC 3339 instant' })
  at?: string;
}
