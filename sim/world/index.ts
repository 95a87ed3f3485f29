export type { ChangeEvent, EntityKey, SideEffectRecord, ValueInterval, WorldReader } from './world-types.js';
export { entityType, World, WorldWriteError, type ChangeTagger, type WorldOptions, type WriteOptions } from './world.js';
