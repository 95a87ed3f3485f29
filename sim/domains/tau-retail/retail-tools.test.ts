import { describe, expect, it } from 'vitest';
import { ToolCallError } from '../../tools-server/index.js';
import { loadRetailDatabase } from './retail-data.js';
import { scratchRetailStore } from './retail-store.js';
import { evaluateArithmetic, retailTools } from './retail-tools.js';

const database = loadRetailDatabase();
const orders = Object.values(database.orders);
const pendingGiftCard = orders.find((order) => order.status === 'pending' && order.payment_history.length === 1 && order.payment_history[0]!.payment_method_id.startsWith('gift_card'))!;
const delivered = orders.find((order) => order.status === 'delivered')!;

function errorOf(run: () => unknown): ToolCallError {
  try {
    run();
  } catch (error) {
    if (error instanceof ToolCallError) return error;
    throw error;
  }
  throw new Error('expected a ToolCallError');
}

describe('retail tools (tau-bench semantics)', () => {
  it('cancels only a pending order, refunding a gift card immediately', () => {
    const store = scratchRetailStore(database);
    const giftCard = pendingGiftCard.payment_history[0]!;
    const before = database.users[pendingGiftCard.user_id]!.payment_methods[giftCard.payment_method_id]!.balance!;
    const result = retailTools.cancel_pending_order!(store, { order_id: pendingGiftCard.order_id, reason: 'no longer needed' });
    expect(result).toMatchObject({ status: 'cancelled', cancel_reason: 'no longer needed' });
    expect((result.payment_history as unknown[]).at(-1)).toEqual({ transaction_type: 'refund', amount: giftCard.amount, payment_method_id: giftCard.payment_method_id });
    expect(store.user(pendingGiftCard.user_id)!.payment_methods[giftCard.payment_method_id]!.balance).toBe(Number((before + giftCard.amount).toFixed(2)));
    const again = errorOf(() => retailTools.cancel_pending_order!(store, { order_id: pendingGiftCard.order_id, reason: 'no longer needed' }));
    expect(again).toMatchObject({ status: 409, message: 'Error: non-pending order cannot be cancelled', parameter: 'order_id' });
    expect(errorOf(() => retailTools.get_order_details!(store, { order_id: '#W0000000' }))).toMatchObject({ status: 404, message: 'Error: order not found' });
    expect(database.orders[pendingGiftCard.order_id]!.status).toBe('pending');
  });

  it('returns delivered items only to the original payment method or a gift card', () => {
    const store = scratchRetailStore(database);
    const user = database.users[delivered.user_id]!;
    const original = delivered.payment_history[0]!.payment_method_id;
    const other = Object.keys(user.payment_methods).find((id) => id !== original && !id.includes('gift_card'));
    if (other) {
      expect(errorOf(() => retailTools.return_delivered_order_items!(store, { order_id: delivered.order_id, item_ids: [delivered.items[0]!.item_id], payment_method_id: other })))
        .toMatchObject({ status: 400, message: 'Error: payment method should be either the original payment method or a gift card' });
    }
    const itemIds = delivered.items.map((item) => item.item_id).reverse();
    const result = retailTools.return_delivered_order_items!(store, { order_id: delivered.order_id, item_ids: itemIds, payment_method_id: original });
    expect(result).toMatchObject({ status: 'return requested', return_items: [...itemIds].sort(), return_payment_method_id: original });
    expect(errorOf(() => retailTools.exchange_delivered_order_items!(store, { order_id: delivered.order_id, item_ids: itemIds, new_item_ids: itemIds, payment_method_id: original })).message)
      .toBe('Error: non-delivered order cannot be exchanged');
  });

  it('modifies pending items within the same product and records the price difference', () => {
    const store = scratchRetailStore(database);
    const order = orders.find((candidate) => candidate.status === 'pending' && candidate.payment_history[0]!.payment_method_id.startsWith('credit_card'))!;
    const item = order.items[0]!;
    const variant = Object.values(database.products[item.product_id]!.variants).find((candidate) => candidate.available && candidate.item_id !== item.item_id)!;
    const payment = order.payment_history[0]!.payment_method_id;
    const result = retailTools.modify_pending_order_items!(store, { order_id: order.order_id, item_ids: [item.item_id], new_item_ids: [variant.item_id], payment_method_id: payment });
    expect(result.status).toBe('pending (item modified)');
    const diff = variant.price - item.price;
    expect((result.payment_history as unknown[]).at(-1)).toEqual({ transaction_type: diff > 0 ? 'payment' : 'refund', amount: Math.abs(diff), payment_method_id: payment });
    expect(errorOf(() => retailTools.modify_pending_order_items!(store, { order_id: order.order_id, item_ids: [variant.item_id], new_item_ids: [item.item_id], payment_method_id: payment })).message)
      .toBe('Error: non-pending order cannot be modified');
  });

  it('finds users, lists product types sorted by name, calculates and transfers', () => {
    const store = scratchRetailStore(database);
    expect(retailTools.find_user_id_by_name_zip!(store, { first_name: 'yusuf', last_name: 'ROSSI', zip: '19122' })).toEqual({ user_id: 'yusuf_rossi_9620' });
    const email = database.users.yusuf_rossi_9620!.email;
    expect(retailTools.find_user_id_by_email!(store, { email: email.toUpperCase() })).toEqual({ user_id: 'yusuf_rossi_9620' });
    const types = Object.keys(retailTools.list_all_product_types!(store, {}).product_types as object);
    expect(types).toHaveLength(50);
    expect(types).toEqual([...types].sort());
    expect(retailTools.calculate!(store, { expression: '(10 + 5) * 3 / 4' })).toEqual({ result: 11.25 });
    expect(errorOf(() => retailTools.calculate!(store, { expression: 'process.exit()' })).message).toBe('Error: invalid characters in expression');
    expect(errorOf(() => retailTools.calculate!(store, { expression: '1 / 0' })).message).toBe('Error: division by zero');
    expect(retailTools.transfer_to_human_agents!(store, { summary: 'help' })).toEqual({ result: 'Transfer successful' });
    expect(evaluateArithmetic('-2 * (3 - 5)')).toBe(4);
  });
});
