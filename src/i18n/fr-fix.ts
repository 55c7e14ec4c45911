/**
 * Every human text of `rotwatch fix`, in French. Typed by the English texts (`FixMessages`): a
 * key or a parameter missing here is a compile error. French typography as in fr.ts: a no-break
 * space before « : ; », dates written out.
 */
import type { EnrichField, FixMessages } from './en-fix.js';
import { nbsp as _, date, f, partialDate, q } from './fr-format.js';

const WHAT: Record<EnrichField, string> = {
  published: 'la date de publication',
  authors: 'les auteurs',
  doi: 'le DOI',
};

const runs = (n: number) => f.count(n, 'passage', 'passages');

/** A declared value as a reader reads it: a date written out, anything else as given. */
const shown = (field: EnrichField, value: string) =>
  field === 'published' ? partialDate(value) : value;

export const frFix: FixMessages = {
  summary: {
    nothing: `rotwatch fix${_}: rien à modifier.`,
    edits: (edits, files, run) =>
      `rotwatch fix${_}: ${f.count(edits, 'modification', 'modifications')} dans ${f.count(files, 'fichier', 'fichiers')} (d’après le passage ${run}).`,
    group: {
      'trivial-move': 'déplacements de pure forme (http vers https, www., barre oblique finale)',
      move: 'déplacements définitifs',
      archive: 'copies archivées ajoutées à côté des URL mortes',
      enrich: `enrichissement d’après les métadonnées des pages elles-mêmes (écrit seulement depuis un plan relu${_}: --plan, puis --apply)`,
    },
    heldBack: 'retenues par --max-edits',
    attention: 'à voir par une personne (jamais modifiés par fix)',
    leftAlone: 'laissés tels quels (fix: false)',
    counted: (label, n) => `${label}${_}: ${f.number(n)}`,
  },

  enrichmentDiff: `# enrichissement (rotwatch fix --enrich)${_}: d’après les métadonnées des pages elles-mêmes${_}; écrit seulement par --plan, puis --apply`,
  planWritten: (file) =>
    `plan écrit dans ${file}${_}: retirez les éléments dont vous ne voulez pas, puis lancez rotwatch fix --apply ${file}`,
  written: (files) =>
    `${f.plural(files.length, 'fichier écrit', 'fichiers écrits')}${_}: ${files.join(', ')}`,
  nothingWritten: `rotwatch fix${_}: rien n’a été écrit.`,

  why: {
    move: (p) =>
      `${p.trivial ? 'Déplacement définitif de pure forme' : 'Déplacement définitif'} constaté sur ${runs(p.runs)} depuis le ${date(p.since)}${_}; la nouvelle page répond ${p.httpStatus ?? 'ok'}${p.matched === 'trivial-move' ? '' : ` et son titre correspond à ${p.matched === 'catalogue' ? 'celui du catalogue' : 'celui d’avant le déplacement'}`}.`,
    archive: (p) =>
      `Lien mort (${p.reason}) sur ${runs(p.runs)}${p.since ? ` depuis le ${date(p.since)}` : ''}${_}; la copie archivée du ${date(p.captured)} est ajoutée à côté de l’URL.`,
    addDate: (p) =>
      `Enrichissement${_}: la notice n’a pas de date${_}; sa page déclare ${p.pdf ? 'une date de création' : 'une date de publication'}, ${partialDate(p.date)}, lue sur ${runs(p.runs)}.`,
    addCreators: (p) =>
      `Enrichissement${_}: ${p.placeholder === null ? 'la notice n’a pas d’auteur' : `les auteurs de la notice, ${q(p.placeholder)}, sont inconnus`}${_}; sa page nomme ${p.names}, constaté sur ${runs(p.runs)}.`,
    addDoiLink: (p) =>
      `Enrichissement${_}: sa page déclare le DOI ${p.doi}, constaté sur ${runs(p.runs)}${_}; aucun lien de la notice n’y mène.`,
  },

  attention: {
    temporaryRedirect: (to) =>
      `Redirection temporaire vers ${to}${_}: l’URL reste${_}; à voir si le déplacement est définitif.`,
    failedOnce: (message, n, minRuns) =>
      `${message} En échec sur ${runs(n)}${_}: une copie archivée sera proposée après ${f.count(minRuns, 'passage en échec', 'passages en échec')}.`,
    noArchive: (message, miss) =>
      `${message} Aucune copie archivée n’a été trouvée${miss ? ` (${miss.label})` : ''}${_}: trouvez à la main une nouvelle URL ou une copie.`,
    unplayable: (url, reason) =>
      `La copie archivée du catalogue (${url}) ne se consulte plus (${reason ?? 'unplayable'}).`,
    movedOnce: (target, n, minRuns) =>
      `Redirection permanente vers ${target} constatée sur ${runs(n)}${_}; la nouvelle URL sera proposée une fois constatée sur ${runs(minRuns)}.`,
    targetNotOk: (target, httpStatus) => `${target} a répondu ${httpStatus}.`,
    titleMismatch: (target, title) =>
      `Déplacé vers ${target}, mais son titre (${title === null ? 'aucun' : q(title)}) ne correspond ni à celui du catalogue ni à celui d’avant le déplacement${_}: vérifiez qu’il s’agit de la même œuvre.`,
    enrichConflict: (field, said) =>
      `Les pages de la notice ne s’accordent pas sur ${WHAT[field]} (${said.map((s) => `${s.url}${_}: ${shown(field, s.value)}`).join(`${_}; `)})${_}: rien n’est renseigné.`,
    enrichOnce: (field, value, n, minRuns) =>
      `Sa page déclare ${WHAT[field]}${_}: ${shown(field, value)}. Valeur lue sur ${runs(n)}${_}: proposée une fois lue sur ${runs(minRuns)}.`,
  },

  pullRequest: {
    title: 'Corrections du catalogue par rotwatch',
    intro:
      `Modifications proposées par \`rotwatch fix\` d’après la dernière vérification hebdomadaire. Relisez chacune d’elles${_};\n` +
      'les liens marqués `fix: false` dans le catalogue ne sont jamais modifiés.',
    diff: 'Différences',
    cut: (shown, total) =>
      `... coupé ici${_}: ${f.number(shown)} caractères affichés sur ${f.number(total)}.`,
  },
};
