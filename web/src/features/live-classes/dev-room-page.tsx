import { useParams, useSearchParams } from 'react-router-dom';
import { t } from '../../i18n';
import { Card } from '../../ui/card';
import { PageHeader } from '../../ui/page-header';
import { useLiveClass } from './use-live-class';

/** Where the development provider's links land: a stand-in for the video room, for demos and tests without Zoom/Jitsi. */
export function DevRoomPage() {
  const { classId = '' } = useParams();
  const [params] = useSearchParams();
  const query = useLiveClass(classId);
  const role = params.get('role') === 'host' ? t('liveClasses.room.host') : t('liveClasses.room.attendee');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={query.data?.name ?? t('liveClasses.room.title')} eyebrow={t('liveClasses.room.title')} testId="live-room-heading" />
      <Card>
        <p className="text-slate-800">{t('liveClasses.room.body', { name: params.get('name') ?? '', role })}</p>
        <p className="mt-2 text-sm text-slate-600">{t('liveClasses.room.hint')}</p>
      </Card>
    </div>
  );
}
