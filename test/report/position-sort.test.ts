import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { sortByPosition } from '../../src/report/specs/position-sort.js';
import type { Chart } from '../../src/report/specs/common.js';

describe('sortByPosition', () => {
  it('keeps the order of a long explicit sort and lets 3000 units render (an explicit list overflowed Vega)', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `单位${i}`);
    const chart: Chart = {
      id: 'big', title: 'big',
      spec: {
        data: { values: names.map((unit, i) => ({ unit, score: i })) },
        mark: 'bar',
        encoding: { y: { field: 'unit', type: 'nominal', sort: [...names].reverse() }, x: { field: 'score', type: 'quantitative' } },
      },
    };
    const out = sortByPosition(chart);
    expect((out.spec as { encoding: { y: { sort: unknown } } }).encoding.y.sort).toEqual({ field: '__pos_unit', op: 'min', order: 'ascending' });
    const view = new vega.View(vega.parse(compile(out.spec).spec), { renderer: 'none' });
    await view.runAsync();
    expect(view.scale('y').domain().slice(0, 2)).toEqual(['单位2999', '单位2998']);
    view.finalize();
  });

  it('leaves short lists alone', () => {
    const chart: Chart = { id: 's', title: 's', spec: { data: { values: [{ u: 'a' }] }, mark: 'bar', encoding: { y: { field: 'u', type: 'nominal', sort: ['a'] } } } };
    expect(sortByPosition(chart).spec).toEqual(chart.spec);
  });
});
