import { Subgraph, Viewer } from '@zjjt/kit';
import { DEMO, demoDirectoryEntry, orgId } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, execute, inMemoryDirectory } from '@zjjt/kit/testing';
import { statistics } from '../src/schema';
import { StatisticsLoaders } from '../src/context';

// The statistics subgraph in-process on its own database; members is an in-memory directory of one school.
let sg: Subgraph<StatisticsLoaders>;
const G = DEMO.groupId;
const YEAR = 2025;
const school = new Viewer('school-user', orgId('jnzy'), [G], ['MEMBER']);
const secretariat = new Viewer('sec-user', null, [G], ['SECRETARIAT']);

const SAVE = /* GraphQL */ `mutation($g: ID!, $y: Int!, $input: AnnualReturnInput!) {
  saveAnnualReturn(groupId: $g, year: $y, input: $input) { id status enrolledStudents fullTimeTeachers graduates employedGraduates }
}`;
const SUBMIT = /* GraphQL */ `mutation($g: ID!, $y: Int!) { submitAnnualReturn(groupId: $g, year: $y) { id status } }`;
const MINE = /* GraphQL */ `query($g: ID!, $y: Int!) { myAnnualReturn(groupId: $g, year: $y) { status enrolledStudents fullTimeTeachers graduates employedGraduates } }`;

const save = (input: Record<string, unknown>) => execute(sg, school, SAVE, { g: G, y: YEAR, input });
const mine = async () => (await execute(sg, school, MINE, { g: G, y: YEAR })).data!.myAnnualReturn;

beforeAll(async () => {
  sg = await createTestSubgraph(statistics, {
    directory: inMemoryDirectory({ organizations: [demoDirectoryEntry('jnzy')], activeMembers: { [G]: [orgId('jnzy')] } }),
  });
  const opened = await execute(
    sg,
    secretariat,
    `mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: ${YEAR}, dueOn: "2026-03-31" }) { id } }`,
    {
      g: G,
    },
  );
  expect(opened.errors).toBeUndefined();
});

afterAll(async () => {
  await sg?.close();
  if (sg) await dropTestDatabase(sg.config.database);
});

describe('saving an annual return is a patch', () => {
  it('submits a return filled in two saves, and a returned one corrected by one figure', async () => {
    expect(demoDirectoryEntry('jnzy').category).toBe('SCHOOL');
    expect((await save({ enrolledStudents: 8000, fullTimeTeachers: 400 })).errors).toBeUndefined();
    expect((await save({ graduates: 2500, employedGraduates: 2350 })).errors).toBeUndefined();
    const submitted = await execute(sg, school, SUBMIT, { g: G, y: YEAR });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitAnnualReturn.status).toBe('SUBMITTED');

    // A submitted return cannot be saved: refused, nothing changed.
    const whileSubmitted = await save({ enrolledStudents: null });
    expect(whileSubmitted.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(whileSubmitted.errors![0].message).toMatch(/年报 \S+ 当前为「已提交」，不能修改（return is SUBMITTED）/);
    expect(await mine()).toEqual({ status: 'SUBMITTED', enrolledStudents: 8000, fullTimeTeachers: 400, graduates: 2500, employedGraduates: 2350 });

    const returned = await execute(sg, secretariat, `mutation($id: ID!) { returnAnnualReturn(id: $id, comment: "在校生数请核对") { status } }`, {
      id: submitted.data!.submitAnnualReturn.id,
    });
    expect(returned.data!.returnAnnualReturn.status).toBe('RETURNED');
    const corrected = await save({ enrolledStudents: 7800 });
    expect(corrected.data!.saveAnnualReturn).toMatchObject({
      status: 'RETURNED',
      enrolledStudents: 7800,
      fullTimeTeachers: 400,
      graduates: 2500,
      employedGraduates: 2350,
    });
    expect((await execute(sg, school, SUBMIT, { g: G, y: YEAR })).data!.submitAnnualReturn.status).toBe('SUBMITTED');
  });
});
