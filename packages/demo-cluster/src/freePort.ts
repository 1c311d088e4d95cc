import net from 'node:net';

/**
 * A loopback port free right now, closed again at once. For a server that
 * must be told its port before it starts (a backend's config), or for a
 * port where nothing will answer (an unreachable cluster). Another process
 * may take it in between: callers that can listen on port 0 should.
 */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
