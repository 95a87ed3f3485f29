import { describe, expect, it } from 'vitest';
import { loadRetailDatabase } from './retail-data.js';
import { replayTask, valuesOf } from './retail-plan.js';

const database = loadRetailDatabase();

describe('replayTask', () => {
  it('plans task 0 of tasks_test: user and order lookups first, then both products, then the exchange', () => {
    const task = database.tasks.find((candidate) => candidate.id === 'test-0')!;
    const { plan, results } = replayTask(task, database);
    expect(plan.map((call) => [call.name, call.dependsOn])).toEqual([
      ['find_user_id_by_name_zip', []],
      ['get_order_details', []],
      ['get_product_details', [1]],
      ['get_product_details', [1]],
      ['exchange_delivered_order_items', [1, 2, 3]],
    ]);
    expect(results[0]).toEqual({ user_id: 'yusuf_rossi_9620' });
    expect(results[4]).toMatchObject({ status: 'exchange requested', exchange_items: ['1151293680', '4983901480'] });
    // The replay never touches the shared pristine data.
    expect(database.orders['#W2378156']!.status).toBe('delivered');
  });

  it('makes an argument found nowhere earlier (nor in the instruction) depend on every earlier call', () => {
    const task = {
      id: 'synthetic', annotator: '0', user_id: 'yusuf_rossi_9620', outputs: [],
      instruction: 'You are Yusuf Rossi in 19122 and want to know the total of two numbers.',
      actions: [
        { name: 'find_user_id_by_name_zip', kwargs: { first_name: 'Yusuf', last_name: 'Rossi', zip: '19122' } },
        { name: 'get_user_details', kwargs: { user_id: 'yusuf_rossi_9620' } },
        { name: 'calculate', kwargs: { expression: '12.5 + 30' } },
      ],
    };
    const { plan, results } = replayTask(task, database);
    expect(plan.map((call) => call.dependsOn)).toEqual([[], [0], [0, 1]]);
    expect(results[2]).toEqual({ result: 42.5 });
  });

  it('collects scalar values and keys, skipping versions and empty strings', () => {
    expect(valuesOf({ a: ['x', 1], b: { c: '', version: 3 } }).sort()).toEqual(['1', 'a', 'b', 'c', 'x']);
  });
});
