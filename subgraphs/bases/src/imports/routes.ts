import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import express, { Request, Response } from 'express';
import { ConfigError, HubContext, isLocalDate, errorBody as answerBody, jsonError as answerError } from '@zjjt/kit';
import { Sealer } from '../sealing';
import { ProgramCategory, TargetGroup, TrainingMode } from '../enums';
import { LedgerFilter } from '../ledger/scope';
import { BasesLoaders } from '../context';
import { maskPersonalText } from '../trainee/pii';
import { importWorkbook, WorkbookError } from './importer';
import { NOT_XLSX } from './reader';
import { ImportLimitError, ImportLimits } from './limits';
import { exportWorkbook, templateWorkbook, XLSX } from './template';

type Ctx = HubContext<BasesLoaders>;

/** The contract's error answer, with any personal data in the message masked. */
const errorBody = (code: string, message: string) => answerBody(code, maskPersonalText(message));
const jsonError = (res: Response, status: number, code: string, message: string) => answerError(res, status, code, maskPersonalText(message));

class TooLarge extends Error {}

/** The ledger filters of an export link, checked like GraphQL arguments would be. */
function exportFilter(baseId: string, q: Record<string, string | undefined>): LedgerFilter & { baseId: string } {
  const oneOf = <E extends string>(value: string | undefined, values: Record<string, E>, label: string): E | null => {
    if (!value) return null;
    if (!Object.values(values).includes(value as E))
      throw new Error(`${label}「${value}」不在可选值中（unknown value）：可选 ${Object.values(values).join('、')}`);
    return value as E;
  };
  const date = (value: string | undefined, label: string) => {
    if (value && !isLocalDate(value)) throw new Error(`${label}应为日期，如 2026-01-31（date: YYYY-MM-DD）`);
    return value || null;
  };
  const year = q.year ? Number(q.year) : null;
  if (year !== null && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new Error(`年度 year「${q.year}」应为 2000–2100 的整数（year）`);
  return {
    baseId,
    year,
    from: date(q.from, '开始日期'),
    to: date(q.to, '结束日期'),
    category: oneOf(q.category, ProgramCategory, '培训类别'),
    mode: oneOf(q.mode, TrainingMode, '培训方式'),
    targetGroup: oneOf(q.targetGroup, TargetGroup, '培训对象'),
    organizationId: q.organizationId || null,
  };
}

/**
 * The folder uploads wait in while they are imported: private to this process's user (0700). At
 * start, the uploads a process left behind when it died (a crash, a kill) are removed: each file
 * is named after the process that received it, and the other BASES_WORKERS processes sharing the
 * folder keep theirs while they import them.
 */
function prepareFolder(folder: string) {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.chmodSync(path.dirname(folder), 0o700);
    fs.chmodSync(folder, 0o700);
    for (const name of fs.readdirSync(folder)) {
      const pid = Number(/^(\d+)-/.exec(name)?.[1]);
      if (!pid || pid === process.pid || !running(pid)) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
    }
  } catch (error) {
    throw new ConfigError(`DATA_DIR must be a folder the bases subgraph can write: it keeps uploads being imported in ${folder} (${(error as Error).message})`);
  }
}

/** Whether a process with this id runs on this host (EPERM: it does, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Saves the request body to a file only this user can read (0600) in `folder`, hashing it and stopping at `maxBytes`. */
async function receive(req: Request, maxBytes: number, folder: string): Promise<{ file: string; sha256: string; bytes: number }> {
  const file = path.join(folder, `${process.pid}-${randomUUID()}.xlsx`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new TooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, meter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { file, sha256: hash.digest('hex'), bytes };
}

type Upload = Awaited<ReturnType<typeof receive>>;
interface ImportRequest {
  baseId: string;
  fileName: string;
  base: Parameters<typeof importWorkbook>[2]['base'];
  limits: ImportLimits;
  sealer: () => Sealer;
}

/** Imports a received upload and says what to answer; every outcome, a crash of the reader included, is an answer. */
async function answerImport(ctx: Ctx, upload: Upload, request: ImportRequest): Promise<{ status: number; body: unknown }> {
  const { baseId, fileName, base, limits, sealer } = request;
  try {
    const head = Buffer.alloc(4);
    const fd = fs.openSync(upload.file, 'r');
    fs.readSync(fd, head, 0, 4, 0);
    fs.closeSync(fd);
    if (upload.bytes === 0 || head.toString('binary') !== 'PK\u0003\u0004') return { status: 400, body: errorBody('BAD_USER_INPUT', NOT_XLSX) };
    const result = await importWorkbook(ctx.db, sealer(), {
      file: upload.file,
      fileName,
      sha256: upload.sha256,
      base,
      organizationId: ctx.viewer.organizationId as string,
      userId: ctx.viewer.requireUser(),
      viewer: ctx.viewer,
      limits,
    });
    ctx.log.info({ baseId, status: result.status, bytes: upload.bytes }, 'ledger import');
    return { status: result.status === 'REJECTED' ? 422 : 200, body: result };
  } catch (error) {
    if (error instanceof ImportLimitError) {
      ctx.log.info({ baseId, limit: error.limit, max: error.max, bytes: upload.bytes }, 'ledger import over a limit');
      return { status: error.status, body: error.toJSON() };
    }
    if (error instanceof WorkbookError) {
      // The reader's own words help when a real .xlsx is refused; a parser may quote a cell, so masked.
      if (error.reason)
        ctx.log.info({ baseId, reason: maskPersonalText(String((error.reason as Error).message ?? error.reason).slice(0, 200)) }, 'unreadable workbook');
      return { status: 400, body: errorBody('BAD_USER_INPUT', error.message) };
    }
    // A database error may quote a value of the row it failed on.
    ctx.log.error({ err: { type: (error as Error).name, message: maskPersonalText(String((error as Error).message).slice(0, 500)) } }, 'ledger import failed');
    return { status: 500, body: errorBody('INTERNAL_SERVER_ERROR', '导入失败，未写入任何数据，请稍后再试（import failed, nothing written）') };
  }
}

/**
 * /files routes of the bases subgraph: the ledger template, imports (all or nothing) and masked
 * exports. Reached through the gateway at /files/bases/…. Uploads wait in `folder` (see
 * prepareFolder) and are read under `limits`.
 */
export function ledgerFiles(sealer: () => Sealer, maxBytes: number, limits: ImportLimits, folder: string) {
  return (router: express.Router, contextOf: (req: Request) => Ctx) => {
    prepareFolder(folder);

    router.get('/template.xlsx', async (_req, res) => {
      res.setHeader('content-type', XLSX);
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('培训台账导入模板.xlsx')}`);
      res.end(await templateWorkbook());
    });

    router.post('/imports', async (req, res) => {
      const ctx = contextOf(req);
      const baseId = String(req.query.baseId ?? '').slice(0, 100);
      const fileName = String(req.query.fileName ?? 'ledger.xlsx');
      if (!ctx.viewer.organizationId) return jsonError(res, 401, 'UNAUTHENTICATED', '请以成员单位身份登录后导入台账（a member unit account is required）');
      const base = await ctx.loaders.visibleBaseById.load(baseId);
      if (!base) return jsonError(res, 404, 'NOT_FOUND', `基地不存在或无权查看：${baseId}（base not found）`);
      if (!(await ctx.loaders.coBuilderOrganizationIds.load(baseId)).includes(ctx.viewer.organizationId)) {
        return jsonError(res, 403, 'FORBIDDEN', `只有基地 ${baseId} 的共建单位可以导入台账（co-builders of the base only）`);
      }
      if (Number(req.header('content-length') ?? 0) > maxBytes)
        return jsonError(res, 413, 'PAYLOAD_TOO_LARGE', `文件超过 ${Math.round(maxBytes / 1048576)} MB，请拆分后上传（file too large）`);
      let upload: Upload;
      try {
        upload = await receive(req, maxBytes, folder);
      } catch (error) {
        if (error instanceof TooLarge)
          return jsonError(res, 413, 'PAYLOAD_TOO_LARGE', `文件超过 ${Math.round(maxBytes / 1048576)} MB，请拆分后上传（file too large）`);
        throw error;
      }
      // The upload is removed before the answer goes out, so no answer outlives its file.
      const answer = await answerImport(ctx, upload, { baseId, fileName, base, limits, sealer });
      fs.rmSync(upload.file, { force: true });
      res.status(answer.status).json(answer.body);
    });

    router.get('/export.xlsx', async (req, res) => {
      const ctx = contextOf(req);
      const base = await ctx.loaders.visibleBaseById.load(String(req.query.baseId ?? ''));
      if (!base || !(await ctx.loaders.canSeeTrainees(base)))
        return jsonError(res, 404, 'NOT_FOUND', `基地不存在或无权导出其台账：${String(req.query.baseId ?? '').slice(0, 100)}（base not found）`);
      let filter: LedgerFilter & { baseId: string };
      try {
        filter = exportFilter(base.id, req.query as Record<string, string | undefined>);
      } catch (error) {
        return jsonError(res, 400, 'BAD_USER_INPUT', (error as Error).message);
      }
      res.setHeader('content-type', XLSX);
      res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${base.name}-台账${filter.year ?? ''}.xlsx`)}`);
      await exportWorkbook(ctx.db, filter, res);
    });
  };
}
