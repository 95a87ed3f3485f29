// tau-bench's retail database and tasks (data/SOURCE.md), read once per process. The objects are
// shared and frozen: the world stores its own copies, tools copy before they change anything.

import { readFileSync } from 'node:fs';

export interface RetailAddress {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}

export interface RetailPaymentMethod {
  id: string;
  source: string;
  brand?: string;
  last_four?: string;
  balance?: number;
}

export interface RetailUser {
  name: { first_name: string; last_name: string };
  address: RetailAddress;
  email: string;
  payment_methods: Record<string, RetailPaymentMethod>;
  orders: string[];
}

export interface RetailOrderItem {
  name: string;
  product_id: string;
  item_id: string;
  price: number;
  options: Record<string, string>;
}

export interface RetailPayment {
  transaction_type: string;
  amount: number;
  payment_method_id: string;
}

export interface RetailOrder {
  order_id: string;
  user_id: string;
  address: RetailAddress;
  items: RetailOrderItem[];
  fulfillments: Array<{ tracking_id: string[]; item_ids: string[] }>;
  status: string;
  payment_history: RetailPayment[];
  [extra: string]: unknown;
}

export interface RetailVariant {
  item_id: string;
  options: Record<string, string>;
  available: boolean;
  price: number;
}

export interface RetailProduct {
  name: string;
  product_id: string;
  variants: Record<string, RetailVariant>;
}

export interface RetailAction {
  name: string;
  kwargs: Record<string, unknown>;
}

export interface RetailTask {
  /** "test-0", "dev-3", "train-41": split and tau-bench index. */
  id: string;
  annotator: string;
  user_id: string;
  instruction: string;
  actions: RetailAction[];
  outputs: string[];
}

export interface RetailDatabase {
  users: Readonly<Record<string, RetailUser>>;
  orders: Readonly<Record<string, RetailOrder>>;
  products: Readonly<Record<string, RetailProduct>>;
  tasks: readonly RetailTask[];
}

let cached: RetailDatabase | undefined;

export function loadRetailDatabase(): RetailDatabase {
  if (cached) return cached;
  const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as T;
  const tasks: RetailTask[] = [];
  for (const split of ['test', 'dev', 'train'] as const) {
    read<Array<Omit<RetailTask, 'id'>>>(`tasks_${split}.json`).forEach((task, index) => tasks.push({ id: `${split}-${index}`, ...task }));
  }
  cached = deepFreeze({
    users: read<Record<string, RetailUser>>('users.json'),
    orders: read<Record<string, RetailOrder>>('orders.json'),
    products: read<Record<string, RetailProduct>>('products.json'),
    tasks,
  });
  return cached;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
