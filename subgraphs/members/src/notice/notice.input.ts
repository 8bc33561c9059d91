import { Field, ID, InputType } from 'type-graphql';
import { badInput, optionalText, requiredText } from '@zjjt/kit';
import { NoticeKind } from '../enums';
import { url } from '../validate';

@InputType({ description: '附件' })
export class AttachmentInput {
  @Field(() => String, { description: '文件名' }) name!: string;
  @Field(() => String, { description: '下载地址（http/https）' }) url!: string;
}

@InputType({ description: '发布通知/文件' })
export class PublishNoticeInput {
  @Field(() => ID) groupId!: string;
  @Field(() => NoticeKind, { defaultValue: NoticeKind.NOTICE }) kind!: NoticeKind;
  @Field(() => String, { description: '标题' }) title!: string;
  @Field(() => String, { description: '正文' }) body!: string;
  @Field(() => String, { nullable: true, description: '文号，如 鲁机职教集〔2025〕3号' }) documentNumber?: string | null;
  @Field(() => [AttachmentInput], { nullable: true }) attachments?: AttachmentInput[] | null;
}

export function validNotice(input: PublishNoticeInput) {
  const attachments = input.attachments ?? [];
  if (attachments.length > 20)
    throw badInput(`附件最多 20 个，当前 ${attachments.length} 个（too many attachments）：请删去多余的附件`, { field: 'attachments' });
  return {
    groupId: input.groupId,
    kind: input.kind,
    title: requiredText(input.title, '标题', 200),
    body: requiredText(input.body, '正文', 20000),
    documentNumber: optionalText(input.documentNumber, '文号', 100),
    attachments: attachments.map((a) => ({ name: requiredText(a.name, '附件名称', 200), url: url(a.url, '附件地址') as string })),
  };
}
