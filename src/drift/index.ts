export { catalogueSideOf } from './catalogue.js';
export {
  type DriftInput,
  type DriftOutcome,
  driftOf,
  type PageObservation,
  snapshotOf,
} from './drift.js';
export {
  type CatalogueSide,
  CONTENT_CHANGE_BITS,
  documentKind,
  driftEvidence,
  type Evidence,
  pagesAgree,
} from './evidence.js';
export {
  type CatalogueWork,
  type MetadataDisagreement,
  metadataDisagreement,
  type PageWork,
} from './metadata.js';
export {
  comparePageTitles,
  compareWithCatalogue,
  isInformativeTitle,
  TITLE_MATCH,
  type TitleComparison,
  titlesMatch,
} from './title.js';
