import { decodeCursor, encodeCursor, toPage } from '@zjjt/kit';

// Cursors carry sort values (a USCC, a name) the caller may not be allowed to read: they are sealed.
const refused = (cursor: string) => expect(() => decodeCursor(cursor)).toThrow(/分页游标无效.*invalid cursor/);

describe('sealed cursors', () => {
  it('show nothing of the sort value or the id, and differ each time', () => {
    const a = encodeCursor('91370102MA3C4Q0Y2X', 'org-7');
    const b = encodeCursor('91370102MA3C4Q0Y2X', 'org-7');
    expect(a).not.toBe(b);
    for (const encoding of ['base64url', 'base64', 'latin1', 'utf8'] as const) {
      const text = Buffer.from(a, 'base64url').toString(encoding);
      expect(text).not.toContain('91370102');
      expect(text).not.toContain('org-7');
    }
    expect(decodeCursor(a)).toEqual({ sortValue: '91370102MA3C4Q0Y2X', id: 'org-7' });
  });

  it('refuse a cursor changed in one bit, made by hand in the readable shape, or oversized', () => {
    const cursor = Buffer.from(encodeCursor('济南', 'org-1'), 'base64url');
    cursor[cursor.length - 1] ^= 1;
    refused(cursor.toString('base64url'));
    refused(Buffer.from(JSON.stringify(['91', 'org-1'])).toString('base64url'));
    refused('A'.repeat(100_000));
  });

  it('of a page: each edge’s names its row, and endCursor is the last edge’s, sealed when read', () => {
    const rows = [
      { id: 'org-1', name: '甲' },
      { id: 'org-2', name: '乙' },
      { id: 'org-3', name: '丙' },
    ];
    const page = toPage(rows, 2, (row) => row.name, 3);
    expect(page.edges.map((e) => e.node.id)).toEqual(['org-1', 'org-2']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges.map((e) => decodeCursor(e.cursor))).toEqual([
      { sortValue: '甲', id: 'org-1' },
      { sortValue: '乙', id: 'org-2' },
    ]);
    expect(page.pageInfo.endCursor).toBe(page.edges[1].cursor);
    expect(toPage([], 2, () => null, 0).pageInfo.endCursor).toBeNull();
  });
});
