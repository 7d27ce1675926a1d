import type { UserAccount } from '../../../api/types';

export { RELATIONSHIPS } from '../../../api/parent-portal.api';
export type { ParentLink, Relationship } from '../../../api/parent-portal.api';
export type UserAccountLike = Pick<UserAccount, 'id' | 'firstName' | 'lastName' | 'email'>;
