import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class ProjectQuery {
  @ApiPropertyOptional({ example: 'SO-2026-0142' }) @IsOptional() @IsString() @MaxLength(100) orderId?: string;
  @ApiPropertyOptional({ example: 'C-1007' }) @IsOptional() @IsString() @MaxLength(100) customerId?: string;
  @ApiPropertyOptional({ enum: ['active', 'cancelled', 'completed'] })
  @IsOptional() @IsIn(['active', 'cancelled', 'completed']) status?: 'active' | 'cancelled' | 'completed';
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class ProjectIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a project id (UUID)' }) id: string;
}
