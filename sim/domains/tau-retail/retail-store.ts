// Where the retail tools read and write: the simulator's world (one namespace's view), or a
// scratch copy of the pristine database when the domain replays a task to plan it.

import type { World } from '../../world/index.js';
import type { RetailDatabase, RetailOrder, RetailProduct, RetailUser } from './retail-data.js';

export interface RetailStore {
  user(id: string): RetailUser | undefined;
  order(id: string): RetailOrder | undefined;
  product(id: string): RetailProduct | undefined;
  /** The version of a record as the caller sees it (0 in a scratch store). */
  version(key: string): number;
  userIds(): readonly string[];
  productIds(): readonly string[];
  putUser(id: string, user: RetailUser): void;
  putOrder(id: string, order: RetailOrder): void;
}

export function worldRetailStore(world: World, namespace: string, requestId: string): RetailStore {
  const put = (key: string, record: object) => {
    const current = world.get(namespace, key) ?? {};
    const patch: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      if (JSON.stringify(current[field as keyof typeof current]) !== JSON.stringify(value)) patch[field] = value;
    }
    if (Object.keys(patch).length > 0) world.set(namespace, key, patch, { cause: 'write', requestId });
  };
  const read = <T>(key: string): T | undefined => {
    const found = world.get(namespace, key);
    if (!found) return undefined;
    const { version: _version, ...record } = found;
    return record as T;
  };
  return {
    user: (id) => read<RetailUser>(`user:${id}`),
    order: (id) => read<RetailOrder>(`order:${id}`),
    product: (id) => read<RetailProduct>(`product:${id}`),
    version: (key) => world.get(namespace, key)?.version ?? 0,
    userIds: () => world.keys('user').map((key) => key.slice('user:'.length)),
    productIds: () => world.keys('product').map((key) => key.slice('product:'.length)),
    putUser: (id, user) => put(`user:${id}`, user),
    putOrder: (id, order) => put(`order:${id}`, order),
  };
}

/** A copy-on-write view of the pristine database: writes stay in this store. */
export function scratchRetailStore(database: RetailDatabase): RetailStore {
  const users = new Map<string, RetailUser>();
  const orders = new Map<string, RetailOrder>();
  const userIds = Object.keys(database.users);
  const productIds = Object.keys(database.products);
  return {
    user: (id) => users.get(id) ?? (Object.hasOwn(database.users, id) ? database.users[id] : undefined),
    order: (id) => orders.get(id) ?? (Object.hasOwn(database.orders, id) ? database.orders[id] : undefined),
    product: (id) => (Object.hasOwn(database.products, id) ? database.products[id] : undefined),
    version: () => 0,
    userIds: () => userIds,
    productIds: () => productIds,
    putUser: (id, user) => void users.set(id, user),
    putOrder: (id, order) => void orders.set(id, order),
  };
}
