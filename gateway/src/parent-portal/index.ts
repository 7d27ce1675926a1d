import { ParentChildrenController } from './parent-children.controller';
import { ParentLinksController } from './parent-links.controller';

export const PARENT_PORTAL_CONTROLLERS = [ParentLinksController, ParentChildrenController];
