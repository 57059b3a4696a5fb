import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Router from '@koa/router';

/** Swagger UI is served from the installed package: the docs work offline and load nothing remote. */
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
} as const;

const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Outbound Engine X API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

// A file rather than an inline script, so the page runs under a CSP without 'unsafe-inline'.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** `/openapi.json` (the generated document) and `/docs` (Swagger UI rendering it). */
export async function apiDocsRoutes(document: object): Promise<Router> {
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const [name, type] of Object.entries(ASSETS)) {
    assets.set(name, { body: await readFile(join(swaggerUiDir, name)), type });
  }
  const documentJson = JSON.stringify(document);

  const router = new Router({ strict: false });
  router.get('/openapi.json', (ctx) => {
    ctx.type = 'application/json';
    ctx.body = documentJson;
  });
  router.get('/docs', (ctx) => {
    ctx.set('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = DOCS_PAGE;
  });
  router.get('/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = INIT_SCRIPT;
  });
  router.get('/docs/:asset', (ctx) => {
    const asset = assets.get(ctx.params['asset'] ?? '');
    if (!asset) return; // falls through to the 404 envelope
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.type = asset.type;
    ctx.body = asset.body;
  });
  return router;
}
