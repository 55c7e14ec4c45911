import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/index.js';
import { describeHistoryStore, linkState } from './contract.js';

describeHistoryStore('memory store', async () => createMemoryStore());

describe('memory store', () => {
  it('starts from a seed, and a caller mutating a document changes nothing stored', async () => {
    const seeded = linkState('https://a.example.org/');
    const store = createMemoryStore({ links: [seeded] });
    seeded.lastStatus = 'dead';
    const read = (await store.readLinks(['https://a.example.org/'])).get('https://a.example.org/');
    expect(read?.lastStatus).toBe('ok');
    if (read) read.lastStatus = 'error';
    const again = await store.readLinks(['https://a.example.org/']);
    expect(again.get('https://a.example.org/')?.lastStatus).toBe('ok');
  });
});
