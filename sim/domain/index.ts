export type {
  DomainRequest, FactRef, GenerateRequestOptions, MentionScan, PlannedCall, RequestTruth,
  SideEffectExpectation, SimDomain, ToolCatalogEntry, ToolHttpBinding,
} from './sim-domain.js';
