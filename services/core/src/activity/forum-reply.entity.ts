import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'forum_replies' })
export class ForumReplyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @Column({ name: 'thread_id', type: 'text' })
  threadId!: string;

  @Column({ name: 'thread_title', type: 'text' })
  threadTitle!: string;

  @Column({ name: 'thread_author_id', type: 'uuid' })
  threadAuthorId!: string;

  @Column({ name: 'replier_id', type: 'uuid' })
  replierId!: string;

  @Column({ name: 'reply_text', type: 'text' })
  replyText!: string;

  @Column({ name: 'posted_at', type: 'timestamptz' })
  postedAt!: Date;
}
