// Our stylesheet and the pinned htmx build, served from our own origin (the CSP allows no other).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fromRoot } from '../../paths.js';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';

const require = createRequire(fromRoot('package.json'));
export const HTMX_VERSION: string = (require('htmx.org/package.json') as { version: string }).version;
const HTMX_DIST = path.dirname(require.resolve('htmx.org/dist/htmx.min.js'));
const PUBLIC_DIR = fromRoot('public');

export default fp(async (app) => {
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  // The version is in the URL, so the file can be cached for good.
  app.get(`/assets/vendor/htmx-${HTMX_VERSION}.min.js`, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    return reply.type('text/javascript; charset=utf-8').send(fs.createReadStream(path.join(HTMX_DIST, 'htmx.min.js')));
  });
});
