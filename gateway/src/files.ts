import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream';
import type { RequestHandler, Response } from 'express';
import type pino from 'pino';
import { GatewayConfig } from './config';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { GatewayContext } from './datasource';
import { jsonError, UNAVAILABLE_MESSAGE } from './errors';

/** Content types a browser may POST cross-site without a preflight: a file upload must not use them. */
const SIMPLE_TYPES = new Set(['text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded']);
/** All the client may tell the subgraph about an upload, and all the subgraph may tell the client back. */
const REQUEST_HEADERS = ['content-type', 'content-length', 'accept'];
const RESPONSE_HEADERS = ['content-type', 'content-disposition', 'content-length'];

/**
 * `/files/:subgraph/*rest` → the subgraph's own `/files/*rest`: streams uploads and downloads
 * (Excel workbooks) that are too large for a GraphQL body, without buffering them. Runs after the
 * token check (`res.locals.context`); only the subgraph's secret, the verified identity signed
 * with it, a request id and the content headers cross, in either direction.
 */
export function fileRoute(urls: Map<string, string>, config: GatewayConfig, log: pino.Logger): RequestHandler {
  const megabytes = Number((config.maxUploadBytes / 1024 / 1024).toFixed(1));
  const tooLarge = (res: Response) => jsonError(res, 413, 'PAYLOAD_TOO_LARGE', `文件超过 ${megabytes} MB，请拆分后上传 (file too large)`);
  const unavailable = (res: Response) => jsonError(res, 502, 'SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE);

  return (req, res) => {
    const { claims, requestId } = res.locals.context as GatewayContext;
    const subgraph = req.params.subgraph as string;
    const base = urls.get(subgraph);
    const queryAt = req.originalUrl.indexOf('?');
    const query = queryAt < 0 ? '' : req.originalUrl.slice(queryAt);
    const target = base && new URL(`/files/${(req.params.rest as unknown as string[]).map(encodeURIComponent).join('/')}${query}`, base);
    // new URL resolves `..`: a path that climbed out of /files/ would reach the subgraph's GraphQL with the gateway secret.
    if (!target || !target.pathname.startsWith('/files/')) return void jsonError(res, 404, 'NOT_FOUND', '没有这个文件服务 (no such file service)');
    const upload = req.method === 'POST';
    const type = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (upload && (!type || SIMPLE_TYPES.has(type))) {
      return void jsonError(
        res,
        400,
        'BAD_REQUEST',
        '请以 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet 或 application/octet-stream 类型上传文件 (send the file as one of these content types)',
      );
    }
    // Refused before the subgraph hears of it; a body without a declared length is counted below.
    if (upload && Number(req.header('content-length') ?? 0) > config.maxUploadBytes) return void tooLarge(res);

    const secret = config.subgraphSecret(subgraph);
    const headers: http.OutgoingHttpHeaders = { [SECRET_HEADER]: secret, [REQUEST_ID_HEADER]: requestId };
    if (claims) headers[IDENTITY_HEADER] = signIdentity(claims, secret);
    // A GET's body is never forwarded: without its framing headers it would be read as a second request.
    for (const name of upload ? REQUEST_HEADERS : ['accept']) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
    const upstream = (target.protocol === 'https:' ? https : http).request(target, { method: req.method, headers });

    // The first failure answers; once the subgraph's answer has begun it can only cut the stream short.
    let failed = false;
    const fail = (answer: (res: Response) => void, cause?: Error) => {
      if (failed) return;
      failed = true;
      upstream.destroy();
      req.resume(); // drain the rest of the upload so the client gets to read the answer
      if (res.writableFinished) return;
      if (cause) log.warn({ requestId, subgraph, error: cause.message }, 'file transfer failed');
      if (res.headersSent) res.destroy();
      else answer(res);
    };
    const timer = setTimeout(() => fail(unavailable, new Error(`no complete answer within ${config.fileTimeoutMs} ms`)), config.fileTimeoutMs);
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) upstream.destroy(); // the client went away
    });
    upstream.on('error', (error) => fail(unavailable, error));
    upstream.on('response', (answer) => {
      if (failed) return void answer.resume();
      res.status(answer.statusCode ?? 502);
      for (const name of RESPONSE_HEADERS) if (answer.headers[name] !== undefined) res.setHeader(name, answer.headers[name]);
      pipeline(answer, res, (error) => error && fail(unavailable, error));
    });

    if (!upload) return void upstream.end();
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      received += chunk.length;
      if (received > config.maxUploadBytes) return fail(tooLarge);
      if (!upstream.write(chunk)) req.pause();
    });
    upstream.on('drain', () => req.resume());
    req.on('end', () => upstream.end());
  };
}
