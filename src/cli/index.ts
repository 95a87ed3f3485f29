export { runInitCommand, type InitCommandOptions } from './init-command.js';
export { runServeCommand, type EmbeddedGatewayDefault, type RunningGateway, type ServeCommandOptions, type ServeDependencies } from './serve-command.js';
export { runTrainClassifierCommand, type TrainClassifierCommandOptions } from './train-classifier-command.js';
