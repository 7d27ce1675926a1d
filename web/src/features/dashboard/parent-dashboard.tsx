import type { UserProfile } from '../../api/types';
import { ParentHome } from '../parent-portal/parent/parent-home';

/** The parent's home is the parent portal's: a card per linked child, links still waiting, and the alerts feed. */
export function ParentDashboard(_props: { user: UserProfile }) {
  return <ParentHome />;
}
