import { PlatformTables1732400000000 } from '@tec/shared';
import { ChatSchema1733300000000 } from './1733300000000-chat-schema.migration';
import { ParentLinksOrdered1734300000000 } from './1734300000000-parent-links-ordered.migration';
import { FloodLog1734400000000 } from './1734400000000-flood-log.migration';
import { AttachmentThumbnails1734500000000 } from './1734500000000-attachment-thumbnails.migration';
import { SafeguardingReviewIndexes1734600000000 } from './1734600000000-safeguarding-review-indexes.migration';
import { AttachmentLimit10Mb1734700000000 } from './1734700000000-attachment-limit-10mb.migration';
import { UnreadFromWatermarks1734800000000 } from './1734800000000-unread-from-watermarks.migration';
import { SenderDistinctEstimate1734900000000 } from './1734900000000-sender-distinct-estimate.migration';

/** Oldest first; the platform tables (outbox, inbox, dead letters) always come first. */
export const chatMigrations: Function[] = [PlatformTables1732400000000, ChatSchema1733300000000, ParentLinksOrdered1734300000000, FloodLog1734400000000, AttachmentThumbnails1734500000000, SafeguardingReviewIndexes1734600000000, AttachmentLimit10Mb1734700000000, UnreadFromWatermarks1734800000000, SenderDistinctEstimate1734900000000];
