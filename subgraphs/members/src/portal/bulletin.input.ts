import { Field, ID, InputType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { badInput, optionalText, requiredText } from '@zjjt/kit';
import { BulletinKind } from '../enums';

@InputType({ description: '附件' })
export class BulletinAttachmentInput {
  @Field(() => String, { description: '文件名' }) name!: string;
  @Field(() => String, { description: '引用：http/https 地址或 /files/… 路径' }) reference!: string;
}

@InputType({ description: '门户内容（新建或修改；修改时整条替换）' })
export class BulletinInput {
  @Field(() => BulletinKind, { defaultValue: BulletinKind.NEWS }) kind!: BulletinKind;
  @Field(() => String, { description: '标题' }) title!: string;
  @Field(() => String, { nullable: true, description: '封面摘要（门户列表显示）' }) cover?: string | null;
  @Field(() => String, { description: '正文' }) body!: string;
  @Field(() => [BulletinAttachmentInput], { nullable: true }) attachments?: BulletinAttachmentInput[] | null;
}

@InputType({ description: '新建门户内容（草稿）' })
export class CreateBulletinInput extends BulletinInput {
  @Field(() => ID) groupId!: string;
}

/** Validated bulletin fields, ready to store. */
export function validBulletin(input: BulletinInput) {
  const attachments = input.attachments ?? [];
  if (attachments.length > 20)
    throw badInput(`附件最多 20 个，当前 ${attachments.length} 个（too many attachments）：请删去多余的附件`, { field: 'attachments' });
  return {
    kind: input.kind,
    title: requiredText(input.title, '标题', 200),
    cover: optionalText(input.cover, '封面摘要', 500),
    body: requiredText(input.body, '正文', 50000),
    attachments: attachments.map((a) => {
      const reference = requiredText(a.reference, '附件引用', 500);
      if (!/^(https?:\/\/|\/files\/)\S+$/.test(reference))
        throw badInput(`附件引用应为 http/https 地址或 /files/… 路径：「${reference}」 (attachment reference)`);
      return { name: requiredText(a.name, '附件名称', 200), reference };
    }),
  };
}

/** A publication time the secretariat gives (backdating news is allowed, a future one is not). */
export const PublishedAtArg = GraphQLDateTimeISO;
