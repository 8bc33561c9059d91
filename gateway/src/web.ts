import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/** The pages built by `scripts/build-web.mjs` from web/<app>/ (dist/web/<app>/ beside dist/gateway). */
export const WEB_DIR = path.resolve(__dirname, '..', '..', 'web');

/**
 * Nothing a page loads may come from outside the hub: scripts, styles, fonts, images and workers
 * from the gateway itself, requests to the gateway only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built page web/<app>/ under /<app>/: its files, and its index.html for any other path
 * below it (client-side routes). Answers false when the page was not built.
 */
export function mountWebApp(app: Express, name: string): boolean {
  const dir = path.join(WEB_DIR, name);
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  const security: express.RequestHandler = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  };
  // Routing is not strict: /<app>/ matches this route too, and must not be redirected to itself.
  app.get(`/${name}`, (req, res, next) => (req.path.endsWith('/') ? next() : res.redirect(301, `/${name}/`)));
  app.use(`/${name}/`, security, express.static(dir, { index: 'index.html', maxAge: '1h' }));
  app.get(`/${name}/*rest`, security, (_req, res) => res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } }));
  return true;
}
