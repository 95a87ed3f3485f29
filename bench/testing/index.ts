export { createFakeDomain, fakeCatalog, type FakeDomainOptions } from './fake-domain.js';
export { FakeWorld } from './fake-world.js';
