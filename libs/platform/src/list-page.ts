import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** At most this many rows in one answer of a staff list, and as many when no limit is asked. */
export const LIST_PAGE_MAX = 500;

/** Where a page of a list in a total order starts: after skipping `offset` rows. For lists with their own limit. */
export class PageOffset {
  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'Skip this many first' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

/**
 * Which page of a list in a total order: `limit` rows after skipping `offset`.
 * Without it a list answers its first 500, as it always did.
 */
export class ListPage extends PageOffset {
  @ApiPropertyOptional({ default: LIST_PAGE_MAX, minimum: 1, maximum: LIST_PAGE_MAX, description: 'At most this many' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(LIST_PAGE_MAX) limit?: number;
}

/** The page as TypeORM's find options. */
export function pageOf(page: ListPage): { skip: number; take: number } {
  return { skip: page.offset ?? 0, take: Math.min(page.limit ?? LIST_PAGE_MAX, LIST_PAGE_MAX) };
}
