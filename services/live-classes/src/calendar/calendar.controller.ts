import { Controller } from '@nestjs/common';
import { liveClassesRpc, RpcRoute, type AuthContext, type RpcParsedRequest } from '@tec/shared';
import { requireService } from '../common/access';
import { RecordingsService } from '../recordings/recordings.service';
import { CalendarService } from './calendar.service';

type Rpc = typeof liveClassesRpc;

@Controller()
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly recordings: RecordingsService,
  ) {}

  @RpcRoute(liveClassesRpc.recordingsList)
  recordingsList(payload: RpcParsedRequest<Rpc['recordingsList']>, auth: AuthContext) {
    return this.recordings.list(auth, payload);
  }

  @RpcRoute(liveClassesRpc.calendarFeedInfo)
  info(_payload: RpcParsedRequest<Rpc['calendarFeedInfo']>, auth: AuthContext) {
    return this.calendar.info(auth);
  }

  @RpcRoute(liveClassesRpc.calendarFeedRotate)
  rotate(_payload: RpcParsedRequest<Rpc['calendarFeedRotate']>, auth: AuthContext) {
    return this.calendar.rotate(auth);
  }

  /** The public feed URL goes through the gateway, which calls as a service; the token is the credential. */
  @RpcRoute(liveClassesRpc.calendarFeed)
  feed(payload: RpcParsedRequest<Rpc['calendarFeed']>, auth: AuthContext) {
    requireService(auth);
    return this.calendar.feed(payload.token);
  }
}
