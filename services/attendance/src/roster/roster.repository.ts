import { Injectable } from '@nestjs/common';
import { RosterReadModel, type RosterCourseRow } from '@tec/shared';

export type CourseRow = RosterCourseRow;

/**
 * The platform's roster read model (libs/shared/src/read-models) over the `attendance` schema, filled by the
 * shared `CoreRosterHandlers`. Use cases read it; every read names the course or the person it is about.
 */
@Injectable()
export class RosterRepository extends RosterReadModel {}
