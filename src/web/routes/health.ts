// GET /healthz: the process answers, the database reads and its storage takes writes (readiness,
// for monitors); a storage fault is a 503 that names it.
// GET /livez: the process answers, nothing more (liveness; no database, no template, no
// session). It is also the benchmark's baseline: the floor of this server and its plugins.
import type { FastifyInstance } from 'fastify';

export default async function healthRoutes(app: FastifyInstance) {
  const { health } = app.services;
  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/healthz', async (request, reply) => {
    try {
      const report = health.check();
      if (report.storage !== null) return reply.code(503).send({ status: 'degraded', ...report });
      return { status: 'ok', ...report };
    } catch (err) {
      request.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}
