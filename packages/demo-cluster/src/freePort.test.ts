import net from 'node:net';
import { freeLoopbackPort } from './freePort';

describe('freeLoopbackPort', () => {
  it('returns a port nothing listens on, which can then be bound', async () => {
    const port = await freeLoopbackPort();
    expect(port).toBeGreaterThan(0);
    const refused = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.on('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>(resolve => server.close(() => resolve()));
  });
});
