// tau-bench's retail tools as HTTP APIs under /retail. Order ids start with '#', so clients must
// percent-encode path parameters ("/retail/orders/%23W2378156").

import { z } from 'zod';
import type { ToolCatalogEntry } from '../../domain/index.js';

const orderId = z.string().min(1).describe("The order id, such as '#W0000000' (with the '#').");
const userId = z.string().min(1).describe("The user id, such as 'sara_doe_496'.");
const itemIds = z.array(z.string().min(1)).min(1);
const paymentMethodId = z.string().min(1).describe("Payment method id, such as 'gift_card_0000000' or 'credit_card_0000000'.");
const address = {
  address1: z.string().describe("First line, such as '123 Main St'."),
  address2: z.string().describe("Second line, such as 'Apt 1' or ''."),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  zip: z.string(),
};

type Entry = Omit<ToolCatalogEntry, 'readOnly' | 'idempotent' | 'writes'> & Partial<Pick<ToolCatalogEntry, 'writes'>>;
const read = (entry: Entry): ToolCatalogEntry => ({ ...entry, readOnly: true, idempotent: true, writes: [] });
const write = (entry: Entry): ToolCatalogEntry => ({ writes: [], ...entry, readOnly: false, idempotent: false });

export const retailCatalog: readonly ToolCatalogEntry[] = [
  read({
    name: 'find_user_id_by_email', description: 'Find a user id by e-mail.',
    input: z.strictObject({ email: z.string().min(1) }), http: { method: 'GET', path: '/retail/users/find-by-email' }, reads: ['users'], userScoped: true,
  }),
  read({
    name: 'find_user_id_by_name_zip', description: 'Find a user id by first name, last name and zip code.',
    input: z.strictObject({ first_name: z.string().min(1), last_name: z.string().min(1), zip: z.string().min(1) }),
    http: { method: 'GET', path: '/retail/users/find-by-name-zip' }, reads: ['users'], userScoped: true,
  }),
  read({
    name: 'get_user_details', description: "Get a user's details: name, address, e-mail, payment methods and orders.",
    input: z.strictObject({ user_id: userId }), http: { method: 'GET', path: '/retail/users/{user_id}' }, reads: ['user:{user_id}'], userScoped: true,
  }),
  read({
    name: 'get_order_details', description: 'Get the status and details of an order.',
    input: z.strictObject({ order_id: orderId }), http: { method: 'GET', path: '/retail/orders/{order_id}' }, reads: ['order:{order_id}'], userScoped: true,
  }),
  read({
    name: 'get_product_details', description: 'Get the inventory details of a product: its variants with options, availability and price.',
    input: z.strictObject({ product_id: z.string().min(1) }), http: { method: 'GET', path: '/retail/products/{product_id}' }, reads: ['product:{product_id}'], userScoped: false,
  }),
  read({
    name: 'list_all_product_types', description: 'List the name and product id of every product type (50 in the store).',
    input: z.strictObject({}), http: { method: 'GET', path: '/retail/products' }, reads: ['products'], userScoped: false,
  }),
  read({
    name: 'calculate', description: "Calculate a mathematical expression of numbers, + - * / and parentheses, such as '2 + 2'.",
    input: z.strictObject({ expression: z.string().min(1) }), http: { method: 'GET', path: '/retail/calculate' }, reads: [], userScoped: false,
  }),
  write({
    name: 'transfer_to_human_agents', description: "Transfer the user to a human agent with a summary of the user's issue.",
    input: z.strictObject({ summary: z.string().min(1) }), http: { method: 'POST', path: '/retail/transfer' }, reads: [], userScoped: true,
  }),
  write({
    name: 'cancel_pending_order', description: "Cancel a pending order; refunds go back to the payment methods (gift cards immediately).",
    input: z.strictObject({ order_id: orderId, reason: z.enum(['no longer needed', 'ordered by mistake']) }),
    http: { method: 'POST', path: '/retail/orders/{order_id}/cancel' }, reads: ['order:{order_id}'], writes: ['order:{order_id}'], userScoped: true,
  }),
  write({
    name: 'modify_pending_order_address', description: 'Modify the shipping address of a pending order.',
    input: z.strictObject({ order_id: orderId, ...address }),
    http: { method: 'POST', path: '/retail/orders/{order_id}/address' }, reads: ['order:{order_id}'], writes: ['order:{order_id}'], userScoped: true,
  }),
  write({
    name: 'modify_pending_order_items', description: 'Modify items of a pending order to other items of the same product (once per order).',
    input: z.strictObject({ order_id: orderId, item_ids: itemIds, new_item_ids: itemIds, payment_method_id: paymentMethodId }),
    http: { method: 'POST', path: '/retail/orders/{order_id}/items' }, reads: ['order:{order_id}'], writes: ['order:{order_id}'], userScoped: true,
  }),
  write({
    name: 'modify_pending_order_payment', description: 'Modify the payment method of a pending order.',
    input: z.strictObject({ order_id: orderId, payment_method_id: paymentMethodId }),
    http: { method: 'POST', path: '/retail/orders/{order_id}/payment' }, reads: ['order:{order_id}'], writes: ['order:{order_id}'], userScoped: true,
  }),
  write({
    name: 'modify_user_address', description: 'Modify the default address of a user.',
    input: z.strictObject({ user_id: userId, ...address }),
    http: { method: 'POST', path: '/retail/users/{user_id}/address' }, reads: ['user:{user_id}'], writes: ['user:{user_id}'], userScoped: true,
  }),
  write({
    name: 'return_delivered_order_items', description: "Return items of a delivered order; the order's status becomes 'return requested'.",
    input: z.strictObject({ order_id: orderId, item_ids: itemIds, payment_method_id: paymentMethodId }),
    http: { method: 'POST', path: '/retail/orders/{order_id}/return' }, reads: ['order:{order_id}'], writes: ['order:{order_id}'], userScoped: true,
  }),
  write({
    name: 'exchange_delivered_order_items', description: 'Exchange items of a delivered order for other items of the same product.',
    input: z.strictObject({ order_id: orderId, item_ids: itemIds, new_item_ids: itemIds, payment_method_id: paymentMethodId }),
    http: { method: 'POST', path: '/retail/orders/{order_id}/exchange' }, reads: ['order:{order_id}'], writes: ['order:{order_id}'], userScoped: true,
  }),
];

export const retailWriteTools: ReadonlySet<string> = new Set(retailCatalog.filter((entry) => !entry.readOnly).map((entry) => entry.name));
