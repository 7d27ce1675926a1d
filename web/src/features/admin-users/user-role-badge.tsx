import type { Role } from '@tec/shared/contracts';
import { type MessageKey, t } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/badge';

const tones: Record<Role, BadgeTone> = { student: 'info', teacher: 'brand', parent: 'warning', admin: 'neutral' };

export function UserRoleBadge({ role }: { role: Role }) {
  const label: MessageKey = `role.${role}`;
  return <Badge tone={tones[role]}>{t(label)}</Badge>;
}
