import type { LiveClassProvider, LiveClassStatus } from '@tec/shared/contracts';
import { t, type MessageKey } from '../../i18n';
import { Badge, type BadgeTone } from '../../ui/badge';

const TONE: Record<LiveClassStatus, BadgeTone> = { scheduled: 'info', in_progress: 'success', completed: 'neutral', cancelled: 'danger' };
const LABEL: Record<LiveClassStatus, MessageKey> = {
  scheduled: 'liveClasses.status.scheduled',
  in_progress: 'liveClasses.status.in_progress',
  completed: 'liveClasses.status.completed',
  cancelled: 'liveClasses.status.cancelled',
};
const PROVIDER: Record<LiveClassProvider, MessageKey> = {
  zoom: 'liveClasses.provider.zoom',
  jitsi: 'liveClasses.provider.jitsi',
  development: 'liveClasses.provider.development',
};

export function LiveStatusBadge({ status }: { status: LiveClassStatus }) {
  return (
    <Badge tone={TONE[status]}>
      <span data-testid="live-class-status" data-status={status}>
        {t(LABEL[status])}
      </span>
    </Badge>
  );
}

export function providerLabel(provider: LiveClassProvider): string {
  return t(PROVIDER[provider]);
}
