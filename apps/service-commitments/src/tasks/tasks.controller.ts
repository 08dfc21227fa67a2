import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAuth, CurrentPrincipal, customerScope, Roles, type Principal } from '#auth';
import { SERVICE_DESK, STAFF } from '../staff-roles.js';
import { AssignOwnerInput, CallOffInput, CommitmentIdParam, CompleteTaskInput, HoldTaskInput, TaskIdParam } from './dto/task-actions.dto.js';
import { TasksService, type Actor } from './tasks.service.js';

@ApiTags('tasks')
@ApiAuth()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post('tasks/:id/hold')
  @Roles(...SERVICE_DESK)
  @ApiOperation({ summary: 'Put a task on hold (site not ready, waiting for the customer, parts) with a reason' })
  hold(@Param() { id }: TaskIdParam, @Body() input: HoldTaskInput, @CurrentPrincipal() principal: Principal) {
    return this.tasks.hold(id, input.reason, input.note ?? null, null, actorOf(principal));
  }

  @Post('tasks/:id/release')
  @Roles(...SERVICE_DESK)
  @ApiOperation({ summary: 'Release a task from hold, back to where it was' })
  release(@Param() { id }: TaskIdParam, @CurrentPrincipal() principal: Principal) {
    return this.tasks.release(id, null, actorOf(principal));
  }

  @Post('tasks/:id/start')
  @Roles(...SERVICE_DESK)
  @ApiOperation({ summary: 'Record that work on a task has started' })
  start(@Param() { id }: TaskIdParam, @CurrentPrincipal() principal: Principal) {
    return this.tasks.start(id, null, actorOf(principal));
  }

  @Post('tasks/:id/complete')
  @Roles(...SERVICE_DESK)
  @ApiOperation({ summary: 'Sign off a task as done (installation done starts warranty and frees dependent work)' })
  complete(@Param() { id }: TaskIdParam, @Body() input: CompleteTaskInput, @CurrentPrincipal() principal: Principal) {
    return this.tasks.complete(id, input.completedAt ? new Date(input.completedAt) : null, null, actorOf(principal));
  }

  @Put('tasks/:id/owner')
  @Roles(...SERVICE_DESK)
  @ApiOperation({
    summary: 'Assign, reassign or clear (owner: null) who in the service team owns a task',
    description:
      'Open work only (a done or cancelled task keeps its owner: 409). The change goes out as psa.task.changed.v1 ' +
      'with changes ["owner"]; the same owner again changes nothing. The owner is warned first when the task escalates.',
  })
  assignOwner(@Param() { id }: TaskIdParam, @Body() input: AssignOwnerInput, @CurrentPrincipal() principal: Principal) {
    return this.tasks.assignOwner(id, input.owner, null, actorOf(principal));
  }

  @Get('tasks/:id/activity')
  @Roles(...STAFF)
  @ApiOperation({
    summary: "A task's activity: who did what to it by hand, and when",
    description:
      'Oldest first: owner assigned, changed or cleared (from, to); held (the reason and note), released, started, ' +
      'completed, called off (from and to status). Each entry names the caller (token subject and name). ' +
      'Changes that follow from events (scheduled, visit done) are on the task and in its events, not here.',
  })
  activity(@Param() { id }: TaskIdParam) {
    return this.tasks.activity(id, null);
  }

  @Post('commitments/:id/call-off')
  @Roles(...SERVICE_DESK, 'customer')
  @ApiOperation({ summary: 'Call off a support visit the customer bought; it becomes ready for scheduling' })
  callOff(@Param() { id }: CommitmentIdParam, @Body() input: CallOffInput, @CurrentPrincipal() principal: Principal) {
    return this.tasks.callOff(id, input.requestedDate ?? null, customerScope(principal), actorOf(principal));
  }
}

function actorOf(principal: Principal): Actor {
  return { subject: principal.subject, name: principal.name ?? null };
}
