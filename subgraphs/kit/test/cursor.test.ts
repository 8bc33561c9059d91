import { decodeCursor, encodeCursor } from '@zjjt/kit';

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
});
