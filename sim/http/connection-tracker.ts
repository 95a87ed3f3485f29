import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

// A real provider sits behind TCP + TLS over a real network: the first request on a new connection
// pays the handshake (~150–300 ms). Loopback costs nothing, so the simulator charges it explicitly:
// the first request seen on each socket is told to add the connection-setup delay.

const seenSockets = new WeakSet<Socket>();

export interface ConnectionTracker {
  /** True for the first request on its socket (and false afterwards). */
  isNewConnection(request: IncomingMessage): boolean;
  /** Number of TCP connections accepted so far. */
  readonly accepted: number;
  /** Open sockets right now. */
  readonly open: number;
}

export function trackConnections(server: Server): ConnectionTracker {
  let accepted = 0;
  let open = 0;
  server.on('connection', (socket: Socket) => {
    accepted++;
    open++;
    socket.once('close', () => {
      open--;
    });
  });
  return {
    isNewConnection(request) {
      const socket = request.socket;
      if (seenSockets.has(socket)) return false;
      seenSockets.add(socket);
      return true;
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return open;
    },
  };
}
