import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PassThrough, pipeline, Readable, Transform } from 'node:stream';

/** A file that is not a zip this reader accepts (damaged, encrypted, zip64, an unknown method). */
export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** Where the entry's local header starts. */
  offset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * The entries of a zip on disk, by name, read from its central directory: parts are then read in
 * the order the reader needs (workbook before sheets) straight from the upload, so no part is ever
 * spooled to a file of its own. Sizes it declares are trusted only to locate compressed bytes
 * inside this file, never for how much they inflate to.
 */
export async function readZipDirectory(file: string, maxEntries: number): Promise<Map<string, ZipEntry>> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let i = tailLength - 22; i >= 0 && end < 0; i -= 1) if (tail.readUInt32LE(i) === END_OF_DIRECTORY) end = i;
    if (end < 0) throw new ZipError('no end of central directory');
    const count = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError('zip64 is not supported');
    if (count > maxEntries) throw new ZipError(`more than ${maxEntries} entries`);
    if (directoryOffset + directorySize > size) throw new ZipError('central directory outside the file');
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    const entries = new Map<string, ZipEntry>();
    let at = 0;
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > directorySize || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ZipError('damaged central directory');
      const nameLength = directory.readUInt16LE(at + 28);
      const name = path.posix.normalize(directory.toString('utf8', at + 46, at + 46 + nameLength).replace(/\\/g, '/')).replace(/^\/+/, '');
      entries.set(name, {
        name,
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        offset: directory.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * An entry's content as UTF-8 text (decoded across chunk boundaries), inflated as it is read and
 * counted as it inflates: the stream fails with `overLimit()` as soon as it passes `maxBytes`,
 * whatever the entry declares. Inflation only runs as fast as the reader consumes.
 */
export async function openEntry(file: string, entry: ZipEntry, maxBytes: number, overLimit: () => Error): Promise<Readable> {
  if (entry.flags & 0x1) throw new ZipError('encrypted entry');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`compression method ${entry.method}`);
  if (entry.compressedSize === 0xffffffff) throw new ZipError('zip64 is not supported');
  const handle = await fs.promises.open(file, 'r');
  let start: number;
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(30);
    await handle.read(header, 0, 30, entry.offset);
    if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipError('damaged local header');
    start = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > size) throw new ZipError('entry outside the file');
  } finally {
    await handle.close();
  }
  const raw = entry.compressedSize ? fs.createReadStream(file, { start, end: start + entry.compressedSize - 1 }) : Readable.from([]);
  let inflated = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inflated += chunk.length;
      if (inflated > maxBytes) return done(overLimit());
      done(null, chunk);
    },
  });
  // Failures reach the consumer through `meter`; the listener only keeps an unread failure from
  // becoming an uncaught 'error' event.
  meter.on('error', () => undefined);
  pipeline(raw, entry.method === 8 ? zlib.createInflateRaw() : new PassThrough(), meter, () => undefined);
  meter.setEncoding('utf8');
  return meter;
}
