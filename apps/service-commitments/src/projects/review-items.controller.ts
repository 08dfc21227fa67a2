import { Body, Controller, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsNull, Not, Repository } from 'typeorm';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { Clock } from '#platform';
import { ListPage, pageOf } from '#platform';
import { ReviewItemEntity } from './review-item.entity.js';

export class ReviewQuery extends ListPage {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'], default: 'open' }) @IsOptional() @IsIn(['open', 'resolved', 'all']) state?: string;
}

export class ReviewIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a review item id (UUID)' }) id: string;
}

export class ResolveReviewInput {
  @ApiProperty({ description: 'What was decided' }) @IsString() @MinLength(3) @MaxLength(2000) resolution: string;
}

/** What the ERP asked that could not be done automatically, for a service manager to decide. */
@ApiTags('review')
@ApiAuth()
@Roles('service_manager', 'head_of_service')
@Controller('review-items')
export class ReviewItemsController {
  constructor(
    @InjectRepository(ReviewItemEntity) private readonly items: Repository<ReviewItemEntity>,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Review list: changes and cancellations that touched started work, odd dispatches; oldest first, a page at a time (limit up to 500, offset)' })
  list(@Query() query: ReviewQuery) {
    const state = query.state ?? 'open';
    return this.items.find({
      where: {
        ...(query.projectId ? { projectId: query.projectId } : {}),
        ...(state === 'open' ? { resolvedAt: IsNull() } : state === 'resolved' ? { resolvedAt: Not(IsNull()) } : {}),
      },
      // Items flagged in one transaction share their instant: the id keeps pages from overlapping.
      order: { createdAt: 'ASC', id: 'ASC' },
      ...pageOf(query),
    });
  }

  @Post(':id/resolve')
  @ApiOperation({ summary: 'Record the decision on a review item' })
  async resolve(@Param() { id }: ReviewIdParam, @Body() input: ResolveReviewInput, @CurrentPrincipal() principal: Principal) {
    const item = await this.items.findOneBy({ id });
    if (!item) throw new NotFoundException({ message: `No review item ${id}` });
    Object.assign(item, { resolvedAt: this.clock.now(), resolvedBy: principal.subject, resolution: input.resolution });
    return this.items.save(item);
  }
}
