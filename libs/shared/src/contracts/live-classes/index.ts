// Contracts of the live-classes service: DTOs, RPC contracts (`liveClassesRpc`) and events (`liveClassesEvents`).
import { roomAccessRpc } from '../room-access';
import {
  attendanceReport,
  calendarFeed,
  calendarFeedInfo,
  calendarFeedRotate,
  classesCancel,
  classesCreate,
  classesList,
  classesUpdate,
  classGet,
  classJoin,
  providersInfo,
  questionsAnswer,
  questionsAsk,
  questionsList,
  questionsUnvote,
  questionsUpvote,
  recordingsList,
} from './classes.contracts';

export * from './classes.contracts';
export * from './events.contracts';
export * from './live-classes.dto';

/** Every RPC live-classes answers, `rpc.live-classes.<action>`. Patterns are persisted contracts: add `<action>V2`, never rename. */
export const liveClassesRpc = {
  classesCreate,
  classesUpdate,
  classesCancel,
  classesList,
  classGet,
  classJoin,
  providersInfo,
  attendanceReport,
  questionsList,
  questionsAsk,
  questionsUpvote,
  questionsUnvote,
  questionsAnswer,
  recordingsList,
  calendarFeedInfo,
  calendarFeedRotate,
  calendarFeed,
  /** Who may join a `class:<id>` socket room: enrolled students, teachers of the course, admins. */
  roomAccess: roomAccessRpc('live-classes'),
} as const;
