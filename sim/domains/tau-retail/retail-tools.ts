// The retail tools with tau-bench's semantics (which orders can be cancelled, modified, returned or
// exchanged, how payments and gift-card balances move), answering JSON instead of strings: a
// record on success, a 4xx error whose message is tau-bench's ("Error: ...") on failure.

import { ToolCallError } from '../../tools-server/index.js';
import type { RetailOrder, RetailUser } from './retail-data.js';
import type { RetailStore } from './retail-store.js';

export type RetailToolBody = Record<string, unknown>;
type RetailTool = (store: RetailStore, args: Record<string, unknown>) => RetailToolBody;

const fail = (status: number, message: string, parameter?: string): never => {
  throw new ToolCallError({ status, code: status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'invalid_parameter', message: `Error: ${message}`, ...(parameter ? { parameter } : {}) });
};

/** Python's round(x, 2) for the values that occur here. */
const round2 = (value: number) => Number(value.toFixed(2));

export const retailTools: Readonly<Record<string, RetailTool>> = {
  find_user_id_by_email(store, args) {
    const email = String(args.email).toLowerCase();
    const id = store.userIds().find((userId) => store.user(userId)!.email.toLowerCase() === email);
    return id ? { user_id: id } : fail(404, 'user not found', 'email');
  },

  find_user_id_by_name_zip(store, args) {
    const first = String(args.first_name).toLowerCase();
    const last = String(args.last_name).toLowerCase();
    const id = store.userIds().find((userId) => {
      const user = store.user(userId)!;
      return user.name.first_name.toLowerCase() === first && user.name.last_name.toLowerCase() === last && user.address.zip === args.zip;
    });
    return id ? { user_id: id } : fail(404, 'user not found', 'first_name');
  },

  get_user_details(store, args) {
    const id = String(args.user_id);
    const user = store.user(id) ?? fail(404, 'user not found', 'user_id');
    return { ...user, version: store.version(`user:${id}`) };
  },

  get_order_details(store, args) {
    const id = String(args.order_id);
    const order = store.order(id) ?? fail(404, 'order not found', 'order_id');
    return { ...order, version: store.version(`order:${id}`) };
  },

  get_product_details(store, args) {
    const id = String(args.product_id);
    const product = store.product(id) ?? fail(404, 'product not found', 'product_id');
    return { ...product, version: store.version(`product:${id}`) };
  },

  list_all_product_types(store) {
    const types: Record<string, string> = {};
    let version = 0;
    for (const id of store.productIds()) {
      const product = store.product(id)!;
      types[product.name] = product.product_id;
      version += store.version(`product:${id}`);
    }
    const sorted = Object.fromEntries(Object.entries(types).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
    return { product_types: sorted, version };
  },

  calculate(_store, args) {
    const expression = String(args.expression);
    if (![...expression].every((character) => '0123456789+-*/(). '.includes(character))) fail(400, 'invalid characters in expression', 'expression');
    let value: number;
    try {
      value = evaluateArithmetic(expression);
    } catch (error) {
      return fail(400, error instanceof Error ? error.message : String(error), 'expression');
    }
    return { result: round2(value) };
  },

  transfer_to_human_agents() {
    return { result: 'Transfer successful' };
  },

  cancel_pending_order(store, args) {
    const { id, order } = mutableOrder(store, args);
    if (order.status !== 'pending') fail(409, 'non-pending order cannot be cancelled', 'order_id');
    const reason = String(args.reason);
    if (reason !== 'no longer needed' && reason !== 'ordered by mistake') fail(400, 'invalid reason', 'reason');
    const user = mutableUser(store, order.user_id);
    const refunds = order.payment_history.map((payment) => {
      if (payment.payment_method_id.includes('gift_card')) {
        const method = user.payment_methods[payment.payment_method_id]!;
        method.balance = round2((method.balance ?? 0) + payment.amount);
      }
      return { transaction_type: 'refund', amount: payment.amount, payment_method_id: payment.payment_method_id };
    });
    order.status = 'cancelled';
    order.cancel_reason = reason;
    order.payment_history.push(...refunds);
    store.putUser(order.user_id, user);
    store.putOrder(id, order);
    return { ...order, version: store.version(`order:${id}`) };
  },

  modify_pending_order_address(store, args) {
    const { id, order } = mutableOrder(store, args);
    if (order.status !== 'pending') fail(409, 'non-pending order cannot be modified', 'order_id');
    order.address = addressOf(args);
    store.putOrder(id, order);
    return { ...order, version: store.version(`order:${id}`) };
  },

  modify_pending_order_items(store, args) {
    const { id, order } = mutableOrder(store, args);
    if (order.status !== 'pending') fail(409, 'non-pending order cannot be modified', 'order_id');
    const { itemIds, newItemIds, diff } = priceExchange(store, order, args);
    const user = mutableUser(store, order.user_id);
    const paymentMethodId = String(args.payment_method_id);
    const method = user.payment_methods[paymentMethodId] ?? fail(404, 'payment method not found', 'payment_method_id');
    if (method.source === 'gift_card' && (method.balance ?? 0) < diff) fail(409, 'insufficient gift card balance to pay for the new item', 'payment_method_id');
    order.payment_history.push({ transaction_type: diff > 0 ? 'payment' : 'refund', amount: Math.abs(diff), payment_method_id: paymentMethodId });
    if (method.source === 'gift_card') method.balance = round2((method.balance ?? 0) - diff);
    itemIds.forEach((itemId, index) => {
      const item = order.items.find((candidate) => candidate.item_id === itemId)!;
      const variant = store.product(item.product_id)!.variants[newItemIds[index]!]!;
      item.item_id = variant.item_id;
      item.price = variant.price;
      item.options = { ...variant.options };
    });
    order.status = 'pending (item modified)';
    store.putUser(order.user_id, user);
    store.putOrder(id, order);
    return { ...order, version: store.version(`order:${id}`) };
  },

  modify_pending_order_payment(store, args) {
    const { id, order } = mutableOrder(store, args);
    if (order.status !== 'pending') fail(409, 'non-pending order cannot be modified', 'order_id');
    const user = mutableUser(store, order.user_id);
    const paymentMethodId = String(args.payment_method_id);
    const method = user.payment_methods[paymentMethodId] ?? fail(404, 'payment method not found', 'payment_method_id');
    const first = order.payment_history[0];
    if (order.payment_history.length > 1 || first?.transaction_type !== 'payment') fail(409, 'there should be exactly one payment for a pending order', 'order_id');
    if (first!.payment_method_id === paymentMethodId) fail(400, 'the new payment method should be different from the current one', 'payment_method_id');
    const amount = first!.amount;
    if (method.source === 'gift_card' && (method.balance ?? 0) < amount) fail(409, 'insufficient gift card balance to pay for the order', 'payment_method_id');
    order.payment_history.push(
      { transaction_type: 'payment', amount, payment_method_id: paymentMethodId },
      { transaction_type: 'refund', amount, payment_method_id: first!.payment_method_id },
    );
    if (method.source === 'gift_card') method.balance = round2((method.balance ?? 0) - amount);
    if (first!.payment_method_id.includes('gift_card')) {
      const previous = user.payment_methods[first!.payment_method_id]!;
      previous.balance = round2((previous.balance ?? 0) + amount);
    }
    store.putUser(order.user_id, user);
    store.putOrder(id, order);
    return { ...order, version: store.version(`order:${id}`) };
  },

  modify_user_address(store, args) {
    const id = String(args.user_id);
    const user = mutableUser(store, id);
    user.address = addressOf(args);
    store.putUser(id, user);
    return { ...user, version: store.version(`user:${id}`) };
  },

  return_delivered_order_items(store, args) {
    const { id, order } = mutableOrder(store, args);
    if (order.status !== 'delivered') fail(409, 'non-delivered order cannot be returned', 'order_id');
    const user = store.user(order.user_id)!;
    const paymentMethodId = String(args.payment_method_id);
    if (!Object.hasOwn(user.payment_methods, paymentMethodId)) fail(404, 'payment method not found', 'payment_method_id');
    if (!paymentMethodId.includes('gift_card') && paymentMethodId !== order.payment_history[0]?.payment_method_id) {
      fail(400, 'payment method should be either the original payment method or a gift card', 'payment_method_id');
    }
    const itemIds = (args.item_ids as string[]).map(String);
    const inOrder = order.items.map((item) => item.item_id);
    if (itemIds.some((itemId) => count(itemIds, itemId) > count(inOrder, itemId))) fail(404, 'some item not found', 'item_ids');
    order.status = 'return requested';
    order.return_items = [...itemIds].sort();
    order.return_payment_method_id = paymentMethodId;
    store.putOrder(id, order);
    return { ...order, version: store.version(`order:${id}`) };
  },

  exchange_delivered_order_items(store, args) {
    const { id, order } = mutableOrder(store, args);
    if (order.status !== 'delivered') fail(409, 'non-delivered order cannot be exchanged', 'order_id');
    const { itemIds, newItemIds, diff } = priceExchange(store, order, args);
    const rounded = round2(diff);
    const user = store.user(order.user_id)!;
    const paymentMethodId = String(args.payment_method_id);
    const method = user.payment_methods[paymentMethodId] ?? fail(404, 'payment method not found', 'payment_method_id');
    if (method.source === 'gift_card' && (method.balance ?? 0) < rounded) fail(409, 'insufficient gift card balance to pay for the price difference', 'payment_method_id');
    order.status = 'exchange requested';
    order.exchange_items = [...itemIds].sort();
    order.exchange_new_items = [...newItemIds].sort();
    order.exchange_payment_method_id = paymentMethodId;
    order.exchange_price_difference = rounded;
    store.putOrder(id, order);
    return { ...order, version: store.version(`order:${id}`) };
  },
};

function mutableOrder(store: RetailStore, args: Record<string, unknown>): { id: string; order: RetailOrder } {
  const id = String(args.order_id);
  const order = store.order(id) ?? fail(404, 'order not found', 'order_id');
  return { id, order: structuredClone(order) };
}

function mutableUser(store: RetailStore, id: string): RetailUser {
  return structuredClone(store.user(id) ?? fail(404, 'user not found', 'user_id'));
}

function addressOf(args: Record<string, unknown>) {
  return {
    address1: String(args.address1), address2: String(args.address2), city: String(args.city),
    state: String(args.state), country: String(args.country), zip: String(args.zip),
  };
}

/** Checks an items → new items swap the way tau-bench does and returns the price difference. */
function priceExchange(store: RetailStore, order: RetailOrder, args: Record<string, unknown>) {
  const itemIds = (args.item_ids as unknown[]).map(String);
  const newItemIds = (args.new_item_ids as unknown[]).map(String);
  const inOrder = order.items.map((item) => item.item_id);
  for (const itemId of itemIds) if (count(itemIds, itemId) > count(inOrder, itemId)) fail(404, `${itemId} not found`, 'item_ids');
  if (itemIds.length !== newItemIds.length) fail(400, 'the number of items to be exchanged should match', 'new_item_ids');
  let diff = 0;
  itemIds.forEach((itemId, index) => {
    const item = order.items.find((candidate) => candidate.item_id === itemId)!;
    const variant = store.product(item.product_id)?.variants[newItemIds[index]!];
    if (!variant || !variant.available) fail(409, `new item ${newItemIds[index]} not found or available`, 'new_item_ids');
    diff += variant!.price - item.price;
  });
  return { itemIds, newItemIds, diff };
}

function count(values: readonly string[], value: string): number {
  return values.filter((candidate) => candidate === value).length;
}

/** + - * / and parentheses over decimal numbers, with Python's precedence; no names, no calls. */
export function evaluateArithmetic(expression: string): number {
  const tokens = expression.match(/\d+\.?\d*|\.\d+|[-+*/()]/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];
  const primary = (): number => {
    const token = take();
    if (token === undefined) throw new Error('invalid syntax');
    if (token === '(') {
      const value = sum();
      if (take() !== ')') throw new Error('invalid syntax');
      return value;
    }
    if (token === '-') return -primary();
    if (token === '+') return primary();
    const value = Number(token);
    if (Number.isNaN(value)) throw new Error('invalid syntax');
    return value;
  };
  const product = (): number => {
    let value = primary();
    while (peek() === '*' || peek() === '/') {
      const operator = take();
      const right = primary();
      if (operator === '/' && right === 0) throw new Error('division by zero');
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = take() === '+' ? value + product() : value - product();
    return value;
  };
  const value = sum();
  if (position !== tokens.length) throw new Error('invalid syntax');
  return value;
}
