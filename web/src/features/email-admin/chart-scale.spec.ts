import { type ChartBox, labelIndexes, linePath, nearestIndex, niceScale, xAt, yAt, yTicks } from './chart-scale';

const box: ChartBox = { width: 110, height: 60, left: 10, right: 0, top: 0, bottom: 10 };

describe('chart scale', () => {
  it('picks whole-number ticks of 1, 2 or 5 × 10ⁿ, with an axis even for empty data', () => {
    expect(niceScale(0)).toEqual({ ceiling: 4, step: 1 });
    expect(niceScale(3)).toEqual({ ceiling: 3, step: 1 });
    expect(niceScale(7)).toEqual({ ceiling: 8, step: 2 });
    expect(niceScale(18)).toEqual({ ceiling: 20, step: 5 });
    expect(niceScale(301)).toEqual({ ceiling: 400, step: 100 });
    expect(niceScale(1000)).toEqual({ ceiling: 1000, step: 500 });
    expect(niceScale(Number.NaN)).toEqual({ ceiling: 4, step: 1 });
  });

  it('lists the ticks from zero to the ceiling', () => {
    expect(yTicks({ ceiling: 20, step: 5 })).toEqual([0, 5, 10, 15, 20]);
    expect(yTicks({ ceiling: 3, step: 1 })).toEqual([0, 1, 2, 3]);
  });

  it('maps days across the inner width and values up the inner height', () => {
    expect(xAt(0, 11, box)).toBe(10);
    expect(xAt(10, 11, box)).toBe(110);
    expect(xAt(0, 1, box)).toBe(60);
    expect(yAt(0, 10, box)).toBe(50);
    expect(yAt(10, 10, box)).toBe(0);
    expect(yAt(50, 10, box)).toBe(0);
    expect(yAt(-3, 10, box)).toBe(50);
  });

  it('draws a path through every value', () => {
    expect(linePath([0, 5, 10], 10, box)).toBe('M10,50 L60,25 L110,0');
    expect(linePath([], 10, box)).toBe('');
  });

  it('labels about six days including the first and last', () => {
    expect(labelIndexes(3)).toEqual([0, 1, 2]);
    const thirty = labelIndexes(30);
    expect(thirty[0]).toBe(0);
    expect(thirty.at(-1)).toBe(29);
    expect(thirty.length).toBeLessThanOrEqual(7);
    expect(labelIndexes(0)).toEqual([]);
  });

  it('finds the nearest day to a pointer position', () => {
    expect(nearestIndex(10, 11, box)).toBe(0);
    expect(nearestIndex(64, 11, box)).toBe(5);
    expect(nearestIndex(500, 11, box)).toBe(10);
    expect(nearestIndex(-5, 11, box)).toBe(0);
  });
});
