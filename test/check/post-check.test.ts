import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmNetwork } from '../../src/check/post-check.js';

// A canary on loopback: a listening socket is all a canary needs (no request is sent).
let server: Server;
let canary: string;
beforeAll(async () => {
  server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  canary = `http://127.0.0.1:${port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const down = (hosts: number) =>
  ({ status: 'down', hostsChecked: hosts, hostsUnreachable: hosts }) as const;

describe('confirmNetwork', () => {
  it('calls a small run failing everywhere "ok" when a canary answers: its hosts are dead', async () => {
    const network = await confirmNetwork(
      down(2),
      { networkCanaries: [canary], timeout: 2_000 },
      undefined,
    );
    expect(network).toEqual({ status: 'ok', hostsChecked: 2, hostsUnreachable: 2 });
  });

  it('keeps "down" when no canary answers', async () => {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    const network = await confirmNetwork(
      down(1),
      { networkCanaries: ['http://127.0.0.1:1/'], timeout: 2_000 },
      undefined,
    );
    expect(network.status).toBe('down');
  });

  it('asks no canary for a run large enough for the network rule, nor without canaries', async () => {
    const big = await confirmNetwork(
      down(3),
      { networkCanaries: [canary], timeout: 2_000 },
      undefined,
    );
    expect(big.status).toBe('down');
    const none = await confirmNetwork(down(2), { networkCanaries: [], timeout: 2_000 }, undefined);
    expect(none.status).toBe('down');
  });

  it('leaves a network that was up as it is', async () => {
    const up = { status: 'ok', hostsChecked: 1, hostsUnreachable: 0 } as const;
    expect(
      await confirmNetwork(
        up,
        { networkCanaries: ['http://127.0.0.1:1/'], timeout: 2_000 },
        undefined,
      ),
    ).toBe(up);
  });
});
