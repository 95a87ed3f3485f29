export { createRetailBrain, type RetailBrainOptions } from './retail-brain.js';
export { retailCatalog } from './retail-catalog.js';
export { loadRetailDatabase, type RetailDatabase, type RetailTask } from './retail-data.js';
export { replayTask, type TaskReplay } from './retail-plan.js';
export { selectTasks, taskComplexity, type SelectedTask, type TaskSelection } from './retail-task-selection.js';
export { createTauRetailDomain, type TauRetailDomain, type TauRetailDomainOptions } from './tau-retail-domain.js';
