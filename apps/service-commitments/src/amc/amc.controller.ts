import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, Roles } from '#auth';
import { AmcVisitRelease } from './amc-visit-release.js';

@ApiTags('equipment')
@ApiAuth()
@Controller('amc')
export class AmcController {
  constructor(private readonly release: AmcVisitRelease) {}

  @Post('release-due-visits')
  @HttpCode(200)
  @Roles('service_manager', 'head_of_service')
  @ApiOperation({
    summary:
      'Make the AMC preventive visits planned within the next 14 days ready for scheduling now, and move contracts to active or expired with their terms (otherwise done every AMC_RELEASE_INTERVAL_MS, default hourly)',
  })
  releaseDueVisits() {
    return this.release.run();
  }
}
