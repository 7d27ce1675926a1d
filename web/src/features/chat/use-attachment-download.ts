import { useState } from 'react';
import { downloadAttachment, type MessageAttachment } from '../../api/chat.api';
import { t } from '../../i18n';
import { useToast } from '../../ui/toast';

/** Saves an attachment under its own name (fetched with the bearer token); a failure is a toast. */
export function useAttachmentDownload() {
  const toast = useToast();
  const [downloading, setDownloading] = useState(false);
  const download = async (attachment: Pick<MessageAttachment, 'id' | 'fileName'>) => {
    setDownloading(true);
    try {
      const blob = await downloadAttachment(attachment.id, false);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = attachment.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      toast.show({ kind: 'error', message: t('chat.attachment.downloadFailed'), detail: error instanceof Error ? error.message : undefined });
    } finally {
      setDownloading(false);
    }
  };
  return { download, downloading };
}
