import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import * as cluster from 'node:cluster';
import { Server, WebSocket } from 'ws';

// One room across the cluster: a worker forwards each message to the primary, which relays it
// to every worker, and each worker sends it to its own clients.
@WebSocketGateway({ path: '/ws' })
export class RoomGateway implements OnGatewayConnection {
  @WebSocketServer() server: Server;

  constructor() {
    if (cluster.default.isWorker) {
      process.on('message', (msg: { type?: string; text?: string }) => {
        if (msg && msg.type === 'ws' && typeof msg.text === 'string') this.broadcastLocal(msg.text);
      });
    }
  }

  handleConnection(client: WebSocket) {
    client.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      if (cluster.default.isWorker && process.send) process.send({ type: 'ws', text });
      else this.broadcastLocal(text);
    });
  }

  private broadcastLocal(text: string) {
    for (const c of this.server.clients) if (c.readyState === WebSocket.OPEN) c.send(text);
  }
}
