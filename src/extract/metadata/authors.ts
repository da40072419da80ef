// Author names from the many shapes bylines take: "By Jane Doe and John Smith",
// "Von Max Mustermann und Erika Musterfrau", "Jane Doe, Staff Writer", "John Smith |
// Reuters", "Jane Doe is a reporter at …", "By JOHN SMITH\nMarch 3, 2024 3:46 PM".
// The output is a list of clean names; agencies and organisations are marked so the
// reconciler can keep them only when no person is named.
import { compareKey, tidy } from './text.ts';

/** A cleaned author name and what kind of name it is. */
export interface AuthorName {
  name: string;
  /** A news agency credit ("dpa", "Reuters", "APA/AP"). */
  agency: boolean;
  /** An organisation rather than a person ("Deutsche Welle", "Foo GmbH", "bar.de"). */
  org: boolean;
}

/** Names of organisations: legal forms, institutions, media words, domain names. */
const ORG_NAME = /\b(?:e\.\s?v\.|gmbh|ag|se|kg|ohg|inc\.?|ltd\.?|llc|plc|corp\.?|co\.|s\.a\.|s\.l\.|stiftung|verband|verein|union|institut|institute|edition|ausgabe|anstalt|landesanstalt|landesamt|university|universität|ministerium|ministry|verlag|zeitung|magazin|magazine|journal|news|online|media|medien|presse|press|tv|radio|fernsehen|welle|rundfunk|volksblatt|tagblatt|kurier|post|times|herald|gazette|agentur|agency|group|gruppe|team|redaktion|editorial|newsroom|desk|staff|department|abteilung|pressestelle|bund|amt|behörde|council|association|foundation|organi[sz]ation|network|netzwerk|partei|party|project|projekt|programme|program|initiative)\b|\.(?:de|at|ch|com|net|org|fr|it|es|eu|info|co\.uk)\b/i;

/** "By", "Von", "Por", "Par", "Text:", "Written by" and friends at the start of a byline. */
const BY_PREFIX = /^(?:(?:written|posted|published|reported|words|story|report|compiled|text|texte|texto|artikel|beitrag|pressemitteilung|pressemeldung|medienmitteilung|blog\s?beitrag|ein blogbeitrag|bericht|geschrieben|verfasst|ein beitrag|ein artikel|ein kommentar|kommentar|eine kolumne|kolumne|ein gastbeitrag|gastbeitrag|ein interview|interview|eine analyse|analyse|erstellt|eingestellt|gepostet|gespeichert|submitted|veröffentlicht|publicado|escrito|publié|écrit|redigido|text und fotos?|fotos? und text|texto e fotos?)\s+)?(?:by|von|vom|por|par|door|di|af|av)\s*[:\-]?\s+|^escribe\s+|^(?:(?:view|see|show)\s+)?(?:all|more)\s+(?:posts|articles|stories|entries)\s+(?:by|from)\s+|^more\s+from\s+|^(?:alle[sn]?|mehr)\s+(?:(?:beiträge|artikel|texte|posts)\s+)?(?:von|vom)\s+|^zeige\s+alle\s+beiträge\s+von\s+|^(?:text|texte|texto|autor(?:in|en)?|authors?|auteurs?|autore|by|von|written by|reporter|bericht|byline|redaktion|herausgeber(?:in)?|interview|recherche|text\s*(?:&|und|and|\+|\/)\s*fotos?|fotos?\s*(?:&|und|and|\+|\/)\s*text|words\s*(?:&|and)\s*(?:photos|pictures)|作者|记者|責任編輯|责任编辑|编辑|編輯|撰文|文)\s*[:：\-]\s*|^(?:by|von|por|par):?\s*$/i;

/** A byline label glued to its "by" by markup without spaces ("Beitragvon r23"). */
const GLUED_LABEL = /^(beitrag|artikel|geschrieben|posted|written)(von|by)\b/i;

/** Chinese, Japanese and Korean script: names written without spaces. */
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** A linking word glued between two names by markup without spaces. */
const GLUED_LINK_WORD = /(\p{Ll})(from|for|at|von|bei|und|and)(?=\p{Lu})/gu;

/** Lines or segments credited to someone other than the writer. */
const NOT_WRITER_PREFIX = /^(?:edited|editing|photos?|photography|pictures|illustrations?|illustrated|graphics?|video|fotos?|bild(?:er)?|grafik|reviewed|fact[- ]checked|translated|übersetzt|übersetzung|updated|aktualisiert|additional reporting|mitarbeit|lektorat|produced|design)\b/i;

/** Credits for other contributions inside a byline line ("… Illustration von Markus
 * Roost", "… Photos by …"): cut from there. */
const OTHER_CREDIT_TAIL = /\s+(?:illustrations?|illustriert|fotos?|photos?|photography|bilder?|grafiken?|graphics?|video|edited|redigiert|mitarbeit|lektorat|übersetzung|translated)\s*(?:von|by|:)\s.*$/i;

/** A date (with digits) followed by "by"/"von"/"par" and the name. */
const DATE_THEN_BY = /^(?:(?:posted|published|veröffentlicht|erstellt|geschrieben|publié|publicado)\s+(?:on|am|le|el)\s+)?[^|]*\d[^|]*?\s(?:by|von|par|por|door)\s+(\S.*)$/i;

/** A byline word after a separator: "Accueil | Par Loïc Le Clerc | 30 septembre". */
const BY_AFTER_SEPARATOR = /[|•·–—]\s*(?:by|von|par|por|door)\s+(\S.*)$/i;

/** Email addresses, URLs and social handles: never part of a name. */
const CONTACT = /\S+@\S+\.\S+|\bhttps?:\/\/\S+|\bwww\.\S+|(?:^|\s)@\w+/gi;

/** Phrases after which a byline turns into a sentence about the writer. */
const SENTENCE_TAIL = /\s+(?:is|ist|est|es|was|war|has|hat|covers|writes|schreibt|reports|berichtet|lives|works|arbeitet|lebt|joined|leads|teaches|studied)\s.*$/i;

/** Date/update tails glued to bylines ("… Updated 3 hours ago", "… Published March 3"). */
const DATE_TAIL = /(?:^|\s+|\s*[|·•,–—-]\s*)(?:(?:last updated|updated|published|posted|aktualisiert|veröffentlicht|stand|erschienen|zuletzt|publié|mis à jour|publicado|actualizado|last modified)\b[\s:]|(?:on|am|um|le|el)\s+(?=\d|\p{L}+\.?,?\s+\d)).*$/iu;

/** Separators between several writers, or between a writer and a title/affiliation. */
const SPLIT = /\s*(?:;|\s\|\s|\|| · | • | [»›] |\s[–—]\s|\s-\s|\s\/\s|,|&|\band\b|\bund\b|\bet\b|\bsowie\b|\bmit\b|\s(?:y|e|i|og|en|och|ja|és|und)\s)\s*/i;

/** SPLIT with its separators kept (odd indexes of the split). */
const SPLIT_KEEP = new RegExp(`(${SPLIT.source})`, 'i');

/** Separators that join one writer to the next (commas also join a writer to a title). */
const WRITER_JOIN = /;|&|\band\b|\bund\b|\bet\b|\bsowie\b|\s(?:y|e|i|og|en|och|ja|és)\s/i;

/** Affiliation after a name: "Brendan Carlin For The Mail On Sunday", "Jane Doe at Reuters". */
const AFFILIATION_TAIL = /\s+(?:for|für|pour|para|from|at|bei|of the|of)\s+.+$/i;

/** Job titles and credentials that follow names in bylines and are not names themselves. */
const JOB_TITLE = /^(?:(?:senior|chief|staff|contributing|special|political|foreign|freelance|guest|deputy|managing|executive|associate|assistant|national|international|investigative|science|business|sports?|tech(?:nology)?|health|legal|white house|washington|news|digital|online|feature|features|lead|editorial|economics|europe|global|opinion|culture|environment|climate|data|video|photo|social media|audience|breaking news|stv\.?|leitende[rn]?|freie[rn]?|freier|stellvertretende[rn]?)\s+)*(?:writer|reporter|editor|editors|correspondent|columnist|contributor|journalist|producer|photographer|author|analyst|critic|blogger|intern|staff|team|desk|bureau|chief|director|president|founder|ceo|professor|researcher|host|anchor|redakteur(?:in)?|redaktion|korrespondent(?:in)?|autor(?:in)?|mitarbeiter(?:in)?|volontär(?:in)?|reporter(?:in)?|chefredakteur(?:in)?|ressortleiter(?:in)?|fotograf(?:in)?|journalist(?:in)?|redacteur|rédacteur|rédactrice|journaliste|envoyée? spéciale?|periodista|redactor(?:a)?|corresponsal|collaboratore|inviato)$/i;

/** The last word of a job title ("Deal Professor", "Senior Staff Technologist", "Chief
 * Political Correspondent"): a phrase ending so is a role or a column, never a name.
 * "Writer" and "Reporter" are left out: pen names end so ("Rasender Reporter"). */
const ROLE_END = /\s(?:editor|correspondent|columnist|contributor|producer|photographer|analyst|critic|technologist|scientist|economist|strategist|fellow|professor|lecturer|researcher|director|manager|officer|counsel|attorney|advis[eo]r|consultant|specialist|coordinator|redakteur(?:in)?|korrespondent(?:in)?|kolumnist(?:in)?)$/i;

/** A title after a writer's name in a byline list ("…, Senior Staff Writer, …"). */
const TITLE_END = /\s(?:writer|reporter|journalist|journalistin|reporterin)$/i;

/** Academic and professional credentials after a comma: "Brenda Goodman, MA". */
const CREDENTIAL = /^(?:ma|ms|msc|ba|bs|bsc|md|phd|ph\.d\.|mba|mph|rn|do|dds|jd|esq\.?|llm|dr\.?|prof\.?|mag\.?|dipl\.?.*|m\.?d\.?|ph\.?d\.?|r\.?d\.?|c\.?p\.?t\.?)$/i;

/** Words that show a string is interface text, not a name. */
const UI_WORDS = /^(?:accueil|inicio|startseite|home|admin|administrator|wpadmin|wordpressadmin|siteadmin|webmaster|root|hire|hire me|anmelden|registrieren|no author|kein autor|sin autor|hace|il y a|vor|ago|text|texte|posted by|publiziert|veröffentlicht|artikel|beitrag|rezept|recipe|follow|share|shares|comments?|kommentare?|read more|more|home|menu|login|log in|sign in|subscribe|posted|published|author|authors|autor|autoren|by|von|about|contact|print|email|e-mail|tweet|facebook|twitter|linkedin|whatsapp|view all posts|all posts|profile|follow author|see all|mehr|weiterlesen|teilen|drucken|anzeige|advertisement|sponsored|newsletter|none|null|undefined|n\/a|-|unknown author|keine angabe|search|suche|buscar|recherche|cerca|zoeken|datum|date|fecha|quelle|source|fuente|interview|alle artikel|all articles|all posts|alle beiträge|escribe|écrit par|schreibt|writes|pressemitteilung|pressemeldung|medienmitteilung|press release|communiqué)$/i;

/** Weekdays and months (bylines often run into the date line). */
const NOT_A_NAME = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'sonnabend', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'januar', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'today', 'yesterday', 'heute', 'gestern']);

/** Prepositions that end a byline label, never a name. */
const TRAILING_PREPOSITION = /^(?:von|vom|by|am|um|on|par|por|door|from|für|for|the|and|und|mit|with)$/i;

/** Lower-case words allowed inside names (particles); other lower-case function words
 * mean the text is a sentence, not a name. */
const NAME_PARTICLES = new Set(['de', 'da', 'das', 'do', 'dos', 'del', 'della', 'der', 'den', 'van', 'von', 'vom', 'zu', 'zum', 'la', 'le', 'les', 'di', 'du', 'des', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'y', 'e', 'und', 'of']);

/** News agencies and their usual short credits. */
const AGENCY_TOKENS = new Set(['reuters', 'ap', 'afp', 'dpa', 'apa', 'sda', 'sid', 'epd', 'kna', 'idea', 'efe', 'ansa', 'upi', 'pa', 'ddp', 'dapd', 'ots', 'anp', 'belga', 'ats', 'tass', 'xinhua', 'kyodo', 'jiji', 'bloomberg', 'agenturen', 'agentur', 'agencies', 'agences', 'agencias', 'afx', 'awp', 'ani', 'pti', 'ians', 'aap', 'cp', 'yonhap', 'ria', 'interfax', 'europa press', 'associated press', 'agence france-presse', 'press association', 'deutsche presse-agentur', 'keystone-sda', 'red', 'mit', 'and', 'wires', 'wire', 'news service', 'staff']);

/** Whether a byline is an agency credit: every token an agency name or a short desk code
 * ("dpa/lno", "APA/AP", "FR mit dpa" → yes; "Jane Doe" → no). */
export function isAgency(name: string): boolean {
  const whole = name.toLowerCase().trim();
  if (AGENCY_TOKENS.has(whole)) return true;
  const toks = whole.split(/[\s/,.()-]+/).filter(Boolean);
  if (!toks.length) return false;
  let agencies = 0;
  for (const t of toks) {
    if (AGENCY_TOKENS.has(t)) agencies++;
    else if (!(t.length <= 3 && /^[a-z]+$/.test(t))) return false;
  }
  return agencies > 0;
}

/** Options for cleaning one raw byline. */
export interface CleanOptions {
  /** The text came from visible page text, not a metadata field: be stricter (capitalised
   * words, no sentences). */
  fromText?: boolean;
  /** The text came after a byline label ("By", "Von", "Autor:"): a labelled login name
   * ("Gespeichert von rasos") counts as a name. */
  byPrefixed?: boolean;
  /** Internal: a login name is acceptable here (set after an ACCOUNT_PREFIX). */
  login?: boolean;
}

/** Labels that say plainly that a login name follows ("Submitted by", "Gespeichert von",
 * "Autor:"), unlike a bare "von", which starts ordinary sentences too. */
const ACCOUNT_PREFIX = /^(?:(?:written|posted|submitted|published|geschrieben|gespeichert|erstellt|verfasst|eingestellt|gepostet|beitrag|artikel)\s+(?:by|von)\b|(?:autor(?:in)?|author|verfasser(?:in)?|by)\s*:)/i;

/** A login name as bylines print them: one token, letters, digits, dots, dashes and
 * underscores ("rasos", "delta201", "fri.juli"). */
const LOGIN = /^[\p{L}\d][\p{L}\d._-]{1,29}$/u;

/** Whether a byline is only its label: "By", "Von:", "Autor:", "Ein Artikel von". */
export function isLabelOnly(s: string): boolean {
  const t = s.trim();
  return !!t && BY_PREFIX.test(t + ' ') && !stripPrefix(t + ' ').replace(/[\s:：\-]+/g, '');
}

/** Cleans one raw byline into author names (in order, deduplicated). */
export function cleanAuthors(raw: string | null | undefined, opts: CleanOptions = {}): AuthorName[] {
  if (!raw) return [];
  const text = raw.replace(/\t/g, ' ');
  if (text.length > 600 || !tidy(text)) return [];
  // Handle each line on its own: "By Jane Doe\nMarch 3, 2024" or "Written by A\nEdited by B".
  const lines = text.split(/\s*[\r\n]+\s*/).map((l) => tidy(l)).filter(Boolean);
  const out: AuthorName[] = [];
  const seen = new Set<string>();
  for (let line of lines) {
    if (NOT_WRITER_PREFIX.test(line)) continue;
    line = line.replace(CONTACT, ' ').replace(/\((?:[^()]*(?:https?:|www\.|@)[^()]*)\)/g, ' ');
    // Words run together where markup had no spaces: "James LynchfromUniversity of …".
    line = line.replace(GLUED_LINK_WORD, '$1 $2 ').replace(GLUED_LABEL, '$1 $2 ');
    // "Posted on September 21, 2020 by Adi Tzlil", "12.05.2023 von Olga": the name
    // follows the last "by"/"von" after a date.
    const after = DATE_THEN_BY.exec(line) ?? BY_AFTER_SEPARATOR.exec(line);
    if (after) line = after[1]!;
    const account = !!opts.byPrefixed && ACCOUNT_PREFIX.test(line);
    line = stripPrefix(line);
    if (NOT_WRITER_PREFIX.test(line)) continue;
    if (!line) continue;
    for (const name of splitNames(line, account ? { ...opts, login: true } : opts)) {
      const key = compareKey(name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      out.push({ name, agency: isAgency(name), org: ORG_NAME.test(name) });
    }
  }
  // "Jane" next to "Jane Doe": keep the full name only.
  const kept = out.filter((a) => !out.some((b) => b !== a && b.name.length > a.name.length && compareKey(b.name).startsWith(compareKey(a.name) + ' ')));
  // Single words on the lines after a full name are sections, places or tags ("Teufel
  // Blog Redaktion\nHeimkino, Tricks", "James Lynch\nLast"), as within one line.
  if (kept.length > 1 && kept[0]!.name.includes(' ')) return kept.filter((a, i) => i === 0 || a.name.includes(' ') || a.agency || CJK.test(a.name));
  return kept;
}

function stripPrefix(s: string): string {
  let t = s.trim();
  for (let i = 0; i < 3; i++) {
    const next = t.replace(BY_PREFIX, '').trim();
    if (next === t) break;
    t = next;
  }
  return t;
}

/** Capitalised words only: a name part in brackets. */
const INNER_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}$/u;

/** A "Last, First" byline as bibliographic metadata writes it ("Jong, Michiel de"). */
const LAST_FIRST = /^([\p{Lu}][\p{L}'’-]+),\s+([\p{Lu}][\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,2})$/u;

function splitNames(line: string, opts: CleanOptions): string[] {
  let t = line.replace(OTHER_CREDIT_TAIL, '').replace(SENTENCE_TAIL, '').replace(DATE_TAIL, '');
  // Brackets hold roles, agencies, places and handles ("(AP)", "(avec …)", "[Berlin]") —
  // except a nickname or middle name inside a name: "Bruno (Henrique Zecchin) Rodrigues".
  t = t.replace(/\s*\(([^()]*)\)(\s*)/g, (m0, inner: string, after: string, off: number, all: string) =>
    INNER_NAME.test(inner) && off > 0 && after && /^\s*\p{Lu}/u.test(all.slice(off + m0.length)) && !isAgency(inner) ? m0 : ' ').replace(/\s*\[[^\]]*\]\s*/g, ' ').trim();
  const lf = LAST_FIRST.exec(t);
  if (lf && !JOB_TITLE.test(lf[2]!) && !CREDENTIAL.test(lf[2]!) && !isAgency(lf[1]!) && !isAgency(lf[2]!)) {
    const cleaned = cleanOne(t, opts);
    return cleaned ? [cleaned] : [];
  }
  // Agency credits like "dpa/lno" or "APA/AP" stay whole, and so does a newsroom's joint
  // credit ("Staff and wire reports", "Guardian staff and agencies"): one credit, not two.
  if (isAgency(t)) return [t];
  const joint = JOINT_CREDIT.exec(t);
  if (joint) return [joint[1]!.trim()];
  // "Jane Roe and staff and wire reports": the writer, and the credit that backs her up.
  t = t.replace(JOINT_CREDIT_TAIL, '').trim();
  // Split keeping the separators: after a job title, the parts joined to it by commas are
  // its affiliation ("Jane Doe, Senior Staff Technologist, ACLU Speech, Privacy, and
  // Technology Project"); a new writer comes after "and", "&" or ";" only.
  const pieces = t.split(SPLIT_KEEP);
  // A lone letter joined by "&" is part of one name ("Mac & i", "Q & A"), not a writer.
  for (let i = 0; i < pieces.length; i += 2) {
    const near = [pieces[i - 1], pieces[i + 1]].some((sep) => sep !== undefined && sep.trim() === '&');
    if (near && /^\p{L}$/u.test(pieces[i]!.trim())) {
      const whole = cleanOne(t, opts);
      return whole ? [whole] : [];
    }
  }
  const names: string[] = [];
  let inTitle = false;
  for (let i = 0; i < pieces.length; i += 2) {
    const p = pieces[i]!.trim();
    const sep = i > 0 ? pieces[i - 1]! : '';
    if (!p) continue;
    if (inTitle && !WRITER_JOIN.test(sep)) continue;
    inTitle = false;
    if (i > 0 && (JOB_TITLE.test(p) || CREDENTIAL.test(p) || ROLE_END.test(' ' + p) || TITLE_END.test(' ' + p))) {
      inTitle = true;
      continue;
    }
    const n = cleanOne(p, opts);
    if (n) names.push(n);
  }
  // Single words after full names are affiliations or places ("…, London", "… en Territorio").
  // After an organisation, they are its address ("hessenschau.de, Frankfurt, Germany").
  if (names.length > 1 && (names.some((n) => n.includes(' ')) || ORG_NAME.test(names[0]!))) {
    return names.filter((n, i) => i === 0 || n.includes(' ') || isAgency(n) || /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(n));
  }
  return names;
}

/** A newsroom's joint credit with the wires: "Staff and wire reports", "From staff and
 * news service reports", "Times staff and agencies" (group 1 without the "From"). */
const JOINT_CREDIT_CORE = String.raw`staff\s+(?:and|&)\s+(?:wires?|news\s+services?|news\s+agenc(?:y|ies)|agenc(?:y|ies)|wire\s+services?)(?:\s+reports?)?`;
const JOINT_CREDIT = new RegExp(String.raw`^(?:from\s+)?((?:\p{Lu}[\p{L}.'’]*\s+){0,2}${JOINT_CREDIT_CORE})$`, 'iu');
/** The same credit after a writer's name ("Jane Roe and staff and wire reports"). */
const JOINT_CREDIT_TAIL = new RegExp(String.raw`\s*(?:,|;|&|\band\b|\bwith\b)\s+(?:from\s+)?${JOINT_CREDIT_CORE}$`, 'iu');

/** A profession printed before a writer's name ("Autor: Rechtsanwalt Max Muster"): not
 * part of the name. Academic titles ("Dr.", "Prof.") are kept: they are written with it. */
const PROFESSION_BEFORE_NAME = /^(?:rechtsanw(?:alt|ältin)|fachanw(?:alt|ältin)|notar(?:in)?|steuerberater(?:in)?|wirtschaftsprüfer(?:in)?|attorney|lawyer|avocat|avocate|abogad[oa]|avvocato)\s+(?=\p{Lu}\S*\s+\p{Lu})/iu;

/** Cleans one name candidate; null when it is not a name. */
function cleanOne(part: string, opts: CleanOptions): string | null {
  let n = stripPrefix(part).replace(AFFILIATION_TAIL, '').replace(PROFESSION_BEFORE_NAME, '');
  // Digits glued to a name followed by more text ("Lucas Nolan22 Dec 2016651") end it.
  const digit = /\d/.exec(n);
  if (digit && /\s/.test(n.slice(digit.index))) n = n.slice(0, digit.index);
  n = n.replace(/^[\s"'“”‘’«»:;,./\-–—|•·*()\[\]]+|[\s"'“”‘’«»:;,/\-–—|•·*(\[]+$/g, '').trim();
  // A full stop after a name ends the sentence ("… mit Sonja Silberhorn."), unlike the dot
  // of an initial ("John Smith Jr.", "Jane D.").
  if (/\p{L}{3}\.$/u.test(n) && !/\b(?:jr|sr|dr|st)\.$/i.test(n)) n = n.slice(0, -1);
  if (/\)$/.test(n) && !n.includes('(')) n = n.slice(0, -1).trim();
  n = n.replace(/\s+/g, ' ');
  if (!isPlausibleName(n, opts)) return null;
  return n;
}

/** Most words of an organisation credited as the author. */
const ORG_MAX_WORDS = 8;

/** Whether a cleaned string can be a byline name. */
export function isPlausibleName(n: string, opts: CleanOptions = {}): boolean {
  if (n.length < 2 || n.length > 70) return false;
  if (UI_WORDS.test(n) || NOT_A_NAME.has(n.toLowerCase())) return false;
  if (/https?:|www\.|@|\.(?:com|html?|php)\b|[<>{}=#:]/i.test(n)) return false;
  if (/^\d|^[\p{P}\p{S}]+$/u.test(n)) return false;
  // Digits belong to login names ("delta201"), not to names with spaces ("March 25").
  if (/\d/.test(n) && /\s/.test(n)) return false;
  if (!/\p{L}/u.test(n)) return false;
  const ws = n.split(' ');
  // An organisation's name runs longer than a person's ("Les Membres du Choeur de Radio
  // France", "Berlin-Brandenburgische Akademie der Wissenschaften").
  const org = ORG_NAME.test(n);
  if (ws.length > (org ? ORG_MAX_WORDS : 5)) return false;
  if (n === n.toUpperCase() && /\p{Lu}/u.test(n) && ws.length > 4) return false;
  if (JOB_TITLE.test(n) && opts.fromText) return false;
  if (ROLE_END.test(n)) return false;
  // A name does not end with a preposition: "Artikel von", "Publiziert am".
  if (ws.length > 1 && TRAILING_PREPOSITION.test(ws[ws.length - 1]!)) return false;
  if (opts.fromText && opts.login && ws.length === 1 && LOGIN.test(n) && !JOB_TITLE.test(n)) return true;
  if (opts.fromText) {
    // Visible text must look like a name: capitalised words (particles aside), no digits,
    // no sentence punctuation, at most four words.
    if (ws.length > (org ? ORG_MAX_WORDS : 4) || /[\d!?]/.test(n)) return false;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      // Particles sit between capitalised words ("Jose de la Cruz", "Ursula von der Leyen").
      if (NAME_PARTICLES.has(w) && i > 0 && i < ws.length - 1) continue;
      if (/^\p{Ll}/u.test(w)) return false;
    }
    // A single all-capital word from running text is an acronym or code, not a name.
    if (ws.length === 1 && n === n.toUpperCase() && /^\p{Lu}{2,}$/u.test(n)) return false;
  }
  return true;
}

/** Whether `name` is the site itself ("BBC News" on bbc.co.uk), compared loosely. With
 * `loose`, a name containing the host's main label counts too ("EFC Bayrische Bembel" on
 * bayrische-bembel.de); printed bylines are compared without it ("Krimiblogger" on
 * krimiblog.de is a pen name). */
export function isSiteName(name: string, siteName: string | null, host: string | null, loose = true): boolean {
  const k = compareKey(name).replace(/\s+/g, '');
  if (!k) return false;
  if (siteName) {
    const s = compareKey(siteName).replace(/\s+/g, '');
    if (s && (k === s || (k.length >= 4 && s.startsWith(k)) || (s.length >= 4 && k.startsWith(s)))) return true;
  }
  if (host) {
    const h = host.toLowerCase().replace(/^www\d?\./, '');
    const labels = h.split('.');
    const first = labels[0]!.replace(/[^a-z0-9]/g, '');
    // The registrable label: "example" in news.example.co.uk.
    const i = labels.length >= 3 && /^(?:co|com|org|net|gov|ac|or|ne)$/.test(labels[labels.length - 2]!) ? labels.length - 3 : labels.length - 2;
    const main = (labels[Math.max(0, i)] ?? '').replace(/[^a-z0-9]/g, '');
    if (k === h.replace(/[^a-z0-9]/g, '') || (first.length >= 3 && k === first) || (main.length >= 3 && k === main)) return true;
    if (loose && main.length >= 6 && k.includes(main) && k.length <= main.length + 16) return true;
  }
  return false;
}
