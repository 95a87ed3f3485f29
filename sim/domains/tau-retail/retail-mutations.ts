// Background changes for retail: the price or availability of product variants that no task can
// depend on: variants of products that no task looks up (a task's outputs may count or price their
// variants), and never an item a task names (its availability and price decide the task's writes).
// Orders keep the price paid, so changing a variant never changes an order. Every task's ground
// truth (its writes and outputs) stays valid; the oracle brain never reads these products.

import type { RandomSource } from '../../random/index.js';
import type { ChangeEvent, World } from '../../world/index.js';
import type { RetailDatabase, RetailVariant } from './retail-data.js';
import { valuesOf } from './retail-plan.js';

export interface MutableVariant {
  productId: string;
  itemId: string;
}

export function mutableVariants(database: RetailDatabase): MutableVariant[] {
  const referencedProducts = new Set<string>();
  const referencedItems = new Set<string>();
  for (const task of database.tasks) {
    for (const action of task.actions) {
      if (action.name === 'get_product_details') referencedProducts.add(String(action.kwargs.product_id));
      for (const value of valuesOf(action.kwargs)) referencedItems.add(value);
    }
  }
  const variants: MutableVariant[] = [];
  for (const [productId, product] of Object.entries(database.products)) {
    if (referencedProducts.has(productId)) continue;
    for (const itemId of Object.keys(product.variants)) if (!referencedItems.has(itemId)) variants.push({ productId, itemId });
  }
  return variants;
}

export function createRetailMutator(world: World, variants: readonly MutableVariant[]): (random: RandomSource) => ChangeEvent | undefined {
  return (random) => {
    if (variants.length === 0) return undefined;
    const { productId, itemId } = variants[random.zipfIndex(variants.length, 1)]!;
    const key = `product:${productId}`;
    const current = world.getBase(key)!.variants as Record<string, RetailVariant>;
    const variant = current[itemId]!;
    const changed: RetailVariant = random.next() < 0.5
      ? { ...variant, price: Number((variant.price * (1 + (random.next() - 0.5) * 0.16)).toFixed(2)) }
      : { ...variant, available: !variant.available };
    return world.set(null, key, { variants: { ...current, [itemId]: changed } }, { cause: 'mutation' });
  };
}
