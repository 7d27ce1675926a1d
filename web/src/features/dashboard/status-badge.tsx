import type { AssignmentStatus } from '../../api/types';
import { type MessageKey, t } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/badge';

const tone: Record<AssignmentStatus, BadgeTone> = { open: 'info', submitted: 'brand', graded: 'success', missing: 'danger' };
const label: Record<AssignmentStatus, MessageKey> = {
  open: 'assignment.status.open',
  submitted: 'assignment.status.submitted',
  graded: 'assignment.status.graded',
  missing: 'assignment.status.missing',
};

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  return <Badge tone={tone[status]}>{t(label[status])}</Badge>;
}
