import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { declareStates } from '@zjjt/kit';
import { JoinInquiryStatus } from '../enums';

/**
 * 入会咨询: a unit not on the hub writes from the portal, without an account. The contact person's
 * name, phone, e-mail and the message are personal data: sealed at rest (AES-GCM, PII_KEY) and
 * answered only to the group's secretariat (field resolvers open them). `clientKey` is a keyed hash
 * of the sender's address, kept only to count inquiries per client for the rate limit.
 */
@ObjectType({ description: '入会咨询（门户匿名提交，本集团秘书处可见）' })
@Entity('join_inquiry')
@Index('ix_join_inquiry_group', ['groupId', 'receivedAt'])
@Index('ix_join_inquiry_client', ['clientKey', 'receivedAt'])
export class JoinInquiry {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Field(() => String, { description: '单位名称（咨询方填写）' })
  @Column({ type: 'varchar', length: 100 })
  unitName!: string;

  @Field(() => String, { description: '统一社会信用代码（已校验格式与校验位）' })
  @Column({ type: 'varchar', length: 18 })
  uscc!: string;

  @Column({ type: 'text' })
  contactNameSealed!: string;

  @Column({ type: 'text' })
  contactPhoneSealed!: string;

  @Column({ type: 'text', nullable: true })
  contactEmailSealed!: string | null;

  @Column({ type: 'text', nullable: true })
  messageSealed!: string | null;

  @Column({ type: 'varchar', length: 64 })
  clientKey!: string;

  @Field(() => JoinInquiryStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: JoinInquiryStatus;

  @Field(() => GraphQLDateTimeISO, { description: '收到时间' })
  @Column({ type: 'varchar', length: 24 })
  receivedAt!: string;

  @Field(() => String, { nullable: true, description: '处理人' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: '处理时间' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  decidedAt!: string | null;

  @Field(() => String, { nullable: true, description: '婉拒原因' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  declineReason!: string | null;

  /** The join application (a PENDING membership) the inquiry became. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  membershipId!: string | null;
}

const S = JoinInquiryStatus;

export const JOIN_INQUIRY_STATES = declareStates(JoinInquiry, {
  name: '入会咨询',
  english: 'join inquiry',
  labels: { NEW: '待处理', CONVERTED: '已转为入会申请', DECLINED: '已婉拒' },
  next: { NEW: [S.CONVERTED, S.DECLINED], CONVERTED: [], DECLINED: [] },
});

@ObjectType({ description: '入会咨询已收到（无论该单位是否已在平台上，答复都相同）' })
export class JoinInquiryReceipt {
  @Field(() => Boolean)
  received!: boolean;

  @Field(() => String)
  message!: string;
}
