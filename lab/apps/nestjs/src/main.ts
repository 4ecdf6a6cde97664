import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import type { NextFunction, Request, Response } from 'express';
import * as cluster from 'node:cluster';
import { join } from 'node:path';
import { types } from 'pg';
import { AppModule } from './app.module';

types.setTypeParser(1082, (value: string) => value); // dates stay 'YYYY-MM-DD'

const WORKERS = Math.max(1, Number(process.env.WORKERS || 1));

async function bootstrap() {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error', 'warn'] });
  app.useWebSocketAdapter(new WsAdapter(app));
  app.setBaseViewsDir(join(__dirname, '..', 'views'));
  app.setViewEngine('ejs');
  app.disable('x-powered-by');
  // Nest sends no Server header; TechEmpower requires one on every response (its own Nest app
  // names itself the same way). Global functional middleware, as Nest documents it.
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Server', 'NestJS');
    next();
  });
  await app.listen(Number(process.env.PORT || 8080), process.env.HOST || '127.0.0.1');
}

if (cluster.default.isPrimary && WORKERS > 1) {
  const workers = Array.from({ length: WORKERS }, () => cluster.default.fork());
  for (const w of workers) {
    w.on('message', (msg) => {
      if (msg && msg.type === 'ws') for (const other of workers) other.send(msg);
    });
  }
  // One line per worker once it accepts connections: whoever started the app can wait for all.
  let listening = 0;
  cluster.default.on('listening', (worker) => {
    listening += 1;
    console.log(`worker ${worker.process.pid} listening (${listening} of ${WORKERS})`);
  });
  process.on('SIGTERM', () => {
    for (const w of workers) w.kill('SIGTERM');
    process.exit(0);
  });
} else {
  bootstrap();
}
