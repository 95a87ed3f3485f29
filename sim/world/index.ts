export type { ChangeEvent, EntityKey, SideEffectRecord, ValueInterval, WorldReader } from './world-types.js';
