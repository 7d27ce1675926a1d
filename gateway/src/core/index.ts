import { ActivityController } from './activity.controller';
import { AdminController } from './admin.controller';
import { AuthController } from './auth.controller';
import { CoursesController } from './courses.controller';
import { CourseworkController } from './coursework.controller';
import { UsersController } from './users.controller';

export const CORE_CONTROLLERS = [AuthController, UsersController, CoursesController, CourseworkController, ActivityController, AdminController];
