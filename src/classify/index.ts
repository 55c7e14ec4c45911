export { type ClassifyInput, classify, suggestedUrl } from './classify.js';
export { assessNetwork, type NetworkHealth, networkCertainlyOk } from './network.js';
export { needsProbe, type ProbeResult, probeUrlFor } from './probe.js';
export { analyseRedirects, isHomePath, sameResource } from './redirects.js';
export { saysNotFound } from './soft404.js';
export {
  DEFAULT_PROBE_REUSE_DAYS,
  isReusable,
  probeFromStored,
  probeOriginKey,
  probeOriginKeys,
  storeProbe,
} from './stored-probe.js';
