/**
 * The TCP echo server the tcp-echo workload talks to. The runner starts one per job on the loopback
 * interface, outside the timed region.
 */
import net from 'node:net';

export interface EchoServer {
  readonly port: number;
  close(): Promise<void>;
}

export function startEchoServer(): Promise<EchoServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    // A client that vanishes mid-run resets the connection; that must not crash the host.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    // pipe() applies backpressure and, with the default allowHalfOpen = false, ends our side when the
    // client ends its side, which is the clean close the client waits for.
    socket.pipe(socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('echo server: could not read the listening port'));
        return;
      }
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            // server.close() only stops accepting; open connections would keep it alive, so end them.
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
