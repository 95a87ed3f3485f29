export { createSimClock, type SimClock } from './sim-clock.js';
