import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, Roles, type Principal } from '#auth';
import { RATE_CARD_EDITORS, RATE_CARD_READERS } from '../staff-roles.js';
import { CreateRateCardInput, RateCardQuery } from './dto/rate-card.dto.js';
import { RateCardsService } from './rate-cards.service.js';

@ApiTags('rate cards')
@ApiAuth()
@Controller('rate-cards')
export class RateCardsController {
  constructor(private readonly rateCards: RateCardsService) {}

  @Post()
  @Roles(...RATE_CARD_EDITORS)
  @ApiOperation({ summary: 'Add a billing rate (list, customer or contract; per activity) or a cost rate (default or per engineer)' })
  create(@Body() input: CreateRateCardInput, @CurrentPrincipal() principal: Principal) {
    return this.rateCards.create(input, principal);
  }

  @Get()
  @Roles(...RATE_CARD_READERS)
  @ApiOperation({ summary: 'Rate cards, latest first' })
  list(@Query() query: RateCardQuery) {
    return this.rateCards.list(query);
  }
}
