import ExcelJS from 'exceljs';
import { DEMO } from '@zjjt/demo';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { codesOf, dataOf, registerTrainingBase, startTestHub, TestHub, usccOf } from './harness';
import { expectActionable } from './message-rule';

/**
 * Errors a person can act on, through the gateway: the message is Chinese first with the English
 * term in brackets, and names the id, field or workbook row concerned (test/messages.test.ts checks
 * the wording of every message in the sources; this checks what a client receives).
 */
let hub: TestHub;
const tokens: Record<string, string> = {};
let baseId: string;
const files = () => hub.url.replace(/\/graphql$/, '/files/bases');

beforeAll(async () => {
  hub = await startTestHub();
  tokens.enterprise = await hub.token({ sub: 'msg-ent', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
  tokens.school = await hub.token({ sub: 'msg-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
  tokens.secretariat = await hub.token({ sub: 'msg-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
  const uscc = await usccOf(hub, DEMO.schoolOrgId, tokens.secretariat);
  baseId = await registerTrainingBase(hub, tokens.school, {
    groupId: DEMO.groupId,
    name: '报错信息测试基地',
    kind: 'PRACTICE_BASE',
    occupations: ['钳工'],
    capacity: 10,
    coBuilders: [{ uscc, role: 'LEAD' }],
  });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const firstError = (response: { body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }) => response.body.errors![0];

describe('GraphQL errors name the id and field concerned', () => {
  let resourceId: string;
  const resource = {
    groupId: DEMO.groupId,
    kind: 'ORDER_CLASS',
    title: '报错信息测试订单班',
    capacity: 2,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    specialty: '激光加工技术',
  };

  beforeAll(async () => {
    resourceId = dataOf(
      await hub.gql(
        `mutation($input: ResourceInput!) { createResource(input: $input) { id } }`,
        {
          input: resource,
        },
        tokens.enterprise,
      ),
    ).createResource.id;
    dataOf(await hub.gql(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: resourceId }, tokens.enterprise));
  });

  const request = (token: string, quantity: number) =>
    hub.gql(
      `mutation($input: RequestInput!) { requestResource(input: $input) { id } }`,
      { input: { resourceId, quantity, periodStart: '2026-03-01', periodEnd: '2026-03-31', purpose: '报错信息测试' } },
      token,
    );

  it('a unit asking for its own resource is told which resource and which field', async () => {
    const own = await request(tokens.enterprise, 1);
    expect(codesOf(own)).toEqual(['BAD_USER_INPUT']);
    const error = firstError(own);
    expectActionable(error.message);
    expect(error.message).toContain(resourceId);
    expect(error.message).toContain('own resource');
    expect(error.extensions?.field).toBe('resourceId');
  });

  it('asking for more than is left names the resource, the quantity and what is left', async () => {
    const tooMany = await request(tokens.school, 5);
    expect(codesOf(tooMany)).toEqual(['CONFLICT']);
    const { message } = firstError(tooMany);
    expectActionable(message);
    expect(message).toContain(`申请数量 5 超过资源 ${resourceId} 的剩余容量 2`);
    expect(message).toContain('over capacity');
  });

  it('moving a resource to another group names the resource and the field', async () => {
    const moved = await hub.gql(
      `mutation($id: ID!, $input: ResourceInput!) { updateResource(id: $id, input: $input) { id } }`,
      {
        id: resourceId,
        input: { ...resource, groupId: DEMO.secondGroupId },
      },
      tokens.enterprise,
    );
    expect(codesOf(moved)).toEqual(['BAD_USER_INPUT']);
    const error = firstError(moved);
    expectActionable(error.message);
    expect(error.message).toContain(resourceId);
    expect(error.message).toContain('groupId cannot change');
    expect(error.extensions?.field).toBe('groupId');
  });

  it('a co-builder that is not on the platform is named by its 统一社会信用代码, with the field', async () => {
    const unknown = '91370100MA3C00009';
    const code = unknown + usccCheckCharacter(unknown);
    const bad = await hub.gql(
      `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`,
      {
        input: {
          groupId: DEMO.groupId,
          name: '报错信息测试基地二',
          kind: 'PRACTICE_BASE',
          occupations: ['钳工'],
          capacity: 10,
          coBuilders: [{ uscc: code, role: 'LEAD' }],
        },
      },
      tokens.school,
    );
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    const error = firstError(bad);
    expectActionable(error.message);
    expect(error.message).toContain(code);
    expect(error.message).toContain('unknown co-builder USCC');
    expect(error.extensions?.field).toBe('coBuilders');
  });
});

describe('the file routes name the base, the sheet, the row and the column', () => {
  it('an import to a base that does not exist names the base id', async () => {
    const answer = await fetch(`${files()}/imports?baseId=no-such-base&fileName=x.xlsx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.school}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: Buffer.from('PK'),
    });
    expect(answer.status).toBe(404);
    const { message } = ((await answer.json()) as any).errors[0];
    expectActionable(message);
    expect(message).toContain('no-such-base');
  });

  it('an export with a bad year names the parameter and its value', async () => {
    const answer = await fetch(`${files()}/export.xlsx?baseId=${baseId}&year=1900`, { headers: { authorization: `Bearer ${tokens.school}` } });
    expect(answer.status).toBe(400);
    const { message } = ((await answer.json()) as any).errors[0];
    expectActionable(message);
    expect(message).toContain('「1900」');
  });

  it('a rejected workbook lists each bad row with the column, the value and what is allowed', async () => {
    const template = await fetch(`${files()}/template.xlsx`, { headers: { authorization: `Bearer ${tokens.school}` } });
    expect(template.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await template.arrayBuffer()) as unknown as ArrayBuffer);
    book.getWorksheet('培训项目')!.addRow(['MSG-P1', '钳工培训', '不存在的类别', '企业职工', '线下', '', '', '否', 2025]);
    book.getWorksheet('培训班次')!.addRow(['MSG-S1', 'MSG-P9', '2025-03-05', '2025-03-01', 10, 8, '100']);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const answer = await fetch(`${files()}/imports?baseId=${baseId}&fileName=msg.xlsx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.school}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body,
    });
    expect(answer.status).toBe(422);
    const json = (await answer.json()) as any;
    expect(json.status).toBe('REJECTED');
    const rows = json.errors as { sheet: string; row: number; reasons: string[] }[];
    expect(rows.map((r) => [r.sheet, r.row])).toEqual([
      ['培训项目', 2],
      ['培训班次', 2],
    ]);
    for (const reason of rows.flatMap((r) => r.reasons)) expectActionable(reason);
    expect(rows[0].reasons).toEqual([expect.stringMatching(/^培训类别「不存在的类别」不在可选值中（unknown category）：可选 .*、/)]);
    expect(rows[1].reasons).toEqual([
      '项目编号「MSG-P9」不存在（unknown program code）：请先在「培训项目」表中列出该项目',
      '结业日期 2025-03-01 早于开班日期 2025-03-05（endsOn before startsOn）：请核对两个日期',
    ]);
  });
});
