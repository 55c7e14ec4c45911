/**
 * The HTML page's texts in French. Typed by the English texts (`HtmlMessages`): a key or a
 * parameter missing here is a compile error. French typography as in fr.ts.
 */
import type { HtmlMessages } from './en-html.js';
import { nbsp as _, f } from './fr-format.js';

export const frHtml: HtmlMessages = {
  title: (d) => `État des liens, ${d}`,
  runLine: (id, from, to, version, files) =>
    `Passage ${id}, du ${from} au ${to}, rotwatch ${version}, ${f.count(files, 'fichier catalogue', 'fichiers catalogue')}.`,
  total: 'total',
  broken: 'cassés',
  contentDrifted: 'contenu dérivé',
  chartTitle: 'État des liens au fil des passages',
  legendNotChecked: `non vérifiés (réseau coupé${_}: barre en pointillés)`,
  wasNow: (was, now) => `était ${was}, maintenant ${now}`,
  links: 'Liens',
  rows: (n) => `${f.count(n, 'ligne', 'lignes')}`,
  rowsShownTemplate: '{shown} lignes affichées sur {total}',
  filter: {
    status: 'État',
    change: 'Évolution',
    section: 'Rubrique',
    host: 'Hôte',
    text: 'Texte',
    all: 'tous',
    none: '(aucune)',
    noHost: '(URL invalide)',
    placeholder: 'titre, identifiant, URL, raison',
  },
  column: {
    status: 'État',
    change: 'Évolution',
    entry: 'Notice',
    section: 'Rubrique',
    fileLine: 'Fichier:ligne',
    host: 'Hôte',
    url: 'URL',
    reason: 'Raison',
    remedy: 'Remède',
    brokenFor: 'Cassé depuis',
  },
  page: 'page',
  pageTitle: 'Titre de la page',
  noEntry: '(aucune notice)',
  now: 'désormais',
  chart: {
    label: (runs) => `État des liens sur ${f.count(runs, 'passage', 'passages')}`,
    thisRun: 'ce passage',
    networkDown: 'réseau coupé',
    interrupted: 'interrompu',
    noLinks: 'aucun lien',
  },
  summarised: {
    heading: 'Liens sans rien à faire (comptés, non listés)',
    intro: (links, rows, limit) =>
      `${f.count(links, 'lien', 'liens')} (${f.count(rows, 'ligne', 'lignes')}) ont répondu normalement ou ont été ignorés${_}: au-delà de ${f.number(limit)} tels liens, la page les compte au lieu de les lister.`,
    byStatus: (parts) => `Par état${_}: ${parts}.`,
    fullList: 'Chaque lien, avec ses lignes, figure dans',
    and: 'et',
    bySection: 'Par section du catalogue (lignes)',
    byHost: 'Par hôte (liens)',
    count: 'Nombre',
    otherSections: (n) => f.count(n, 'autre section', 'autres sections'),
    otherHosts: (n) => f.count(n, 'autre hôte', 'autres hôtes'),
  },
};
