import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/report/collect-garbage.js';

describe('collectGarbage (between two reports)', () => {
  it('collects what nothing refers to any more, without --expose-gc, and leaves --expose-gc off again', async () => {
    let big: string[] | null = Array.from({ length: 100_000 }, (_, i) => `unit page ${i}`);
    const ref = new WeakRef(big);
    big = null;
    // a WeakRef's target is kept until the current job ends
    await new Promise((r) => setTimeout(r, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    collectGarbage();
    // a context made afterwards (vm, a library's sandbox) gets no gc()
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
