export { alignPage } from './align.js';
export { parseCitation, parseDate, parseExtent } from './fields.js';
export {
  type DraftEntry,
  type ImportOptions,
  type ImportResult,
  importDossier,
} from './importer.js';
export { parseDossier } from './parse.js';
export type { Assignment, ImportProblem } from './types.js';
export { writeCatalogueYaml } from './writer.js';
