export { createFakeDomain, fakeCatalog, type FakeDomainOptions } from './fake-domain.js';
export { startFakeSimulator, type FakeSimulator, type FakeSimulatorOptions } from './fake-simulator.js';
export { FakeWorld } from './fake-world.js';
