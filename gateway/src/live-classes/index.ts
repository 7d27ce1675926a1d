import { LiveClassLibraryController } from './live-class-library.controller';
import { LiveClassQuestionsController } from './live-class-questions.controller';
import { LiveClassesController } from './live-classes.controller';

/** Order matters: the static routes (recordings, calendar, questions/…) come before `:classId`. */
export const LIVE_CLASSES_CONTROLLERS = [LiveClassLibraryController, LiveClassQuestionsController, LiveClassesController];
