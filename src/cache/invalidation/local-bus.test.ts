import { describeInvalidationBusContract } from './invalidation-bus-contract.js';
import { createLocalBus } from './local-bus.js';

describeInvalidationBusContract('local', { create: () => createLocalBus() });
