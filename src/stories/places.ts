// places: a small gazetteer of the places news is most often about — countries, US states,
// continents and a few large cities — as terms of `text.ts` (folded, stemmed). Two uses: a
// demonym is the same name as its place ("Russian gas" and "Russia's gas" share a term), and
// the clusterer reads which places a headline and a story name (an article about Ohio is not
// one more article of a story that has only ever been about Russia and Europe).
//
// Left out on purpose, being more often something else in news text: turkey (the bird, at
// Thanksgiving), jordan, chad, georgia (a person's or a US state's name as often as the
// country), washington (the US government, a person), jersey, columbus, austin, phoenix,
// polish (the verb), mass.
import { foldWord, stem } from './text.ts';

/**
 * One line per place (grouped under `#` lines by region, for the reader): its name, then `/`
 * its demonyms (folded into the name's term), then `|` cities and other words that name a
 * part of it (counted as that place, but kept as terms of their own: Moscow is not a synonym
 * of Russia). Multi-word
 * names are given by their most distinctive word ("rhode" for Rhode Island, "york" for New
 * York: "new" is a stopword). England is left out: in US news it is mostly New England.
 */
const GAZETTEER = `
# europe
albania/albanian
armenia/armenian
austria/austrian|vienna
azerbaijan/azerbaijani
belarus/belarusian|minsk
belgium/belgian|brussels
bosnia/bosnian|sarajevo
bulgaria/bulgarian
croatia/croatian|zagreb
cyprus/cypriot
czech|prague
denmark/danish|copenhagen
estonia/estonian
finland/finnish|helsinki
france/french|paris,marseille,lyon
germany/german|berlin,munich,frankfurt,hamburg
greece/greek|athens
hungary/hungarian|budapest
iceland/icelandic
ireland/irish|dublin
italy/italian|rome,milan,naples
latvia/latvian|riga
lithuania/lithuanian
netherlands/dutch|amsterdam
norway/norwegian|oslo
poland|warsaw
portugal/portuguese|lisbon
romania/romanian|bucharest
russia/russian|moscow,kremlin
serbia/serbian|belgrade
slovakia/slovak
slovenia/slovenian
spain/spanish|madrid,barcelona
sweden/swedish|stockholm
switzerland/swiss|geneva,zurich
ukraine/ukrainian|kiev,kyiv,crimea,crimean
britain/british|uk,scotland,scottish,wales,welsh,london,manchester,liverpool,edinburgh,glasgow
europe/european|eu
# asia
afghanistan/afghan|kabul
bangladesh/bangladeshi|dhaka
cambodia/cambodian
china/chinese|beijing,shanghai,guangzhou,shenzhen
india/indian|delhi,mumbai,bangalore,kolkata,chennai
indonesia/indonesian|jakarta
japan/japanese|tokyo,osaka
korea/korean|seoul,pyongyang
malaysia/malaysian|kuala
nepal/nepalese|kathmandu
pakistan/pakistani|islamabad,karachi,lahore
philippines/philippine,filipino|manila
singapore/singaporean
taiwan/taiwanese|taipei
thailand/thai|bangkok
vietnam/vietnamese|hanoi
asia/asian
# middle east
bahrain/bahraini
egypt/egyptian|cairo
iran/iranian|tehran
iraq/iraqi|baghdad
israel/israeli|jerusalem,aviv
kuwait/kuwaiti
lebanon/lebanese|beirut
libya/libyan|tripoli,benghazi
palestine/palestinian|gaza
qatar/qatari|doha
saudi
syria/syrian|damascus,aleppo
yemen/yemeni
# africa
algeria/algerian|algiers
cameroon/cameroonian
congo/congolese|kinshasa
ethiopia/ethiopian|addis
ghana/ghanaian
kenya/kenyan|nairobi
morocco/moroccan
nigeria/nigerian|lagos,abuja
rwanda/rwandan
somalia/somali
sudan/sudanese|khartoum
tanzania/tanzanian
tunisia/tunisian
uganda/ugandan
zimbabwe/zimbabwean
africa/african
# south america
argentina/argentine,argentinian|aires
brazil/brazilian|rio,paulo,brasilia
chile/chilean
colombia/colombian|bogota
peru/peruvian|lima
venezuela/venezuelan|caracas
# oceania
australia/australian,aussie|canberra,sydney,melbourne,brisbane,perth,adelaide
# north america
bolivia/bolivian
canada/canadian|ottawa,toronto,vancouver,montreal,quebec,ontario,alberta,calgary
cuba/cuban|havana
mexico/mexican
alabama
alaska/alaskan
arizona
arkansas
california/californian|angeles,francisco,sacramento,oakland
colorado|denver
connecticut
delaware
florida|miami,orlando,tampa
hawaii/hawaiian|honolulu
idaho
illinois|chicago
indiana|indianapolis
iowa
kansas
kentucky|louisville
louisiana|orleans
maine
maryland|baltimore
massachusetts|boston
michigan|detroit
minnesota|minneapolis
mississippi
missouri
montana
nebraska
nevada|vegas
ohio|cleveland,cincinnati
oklahoma
oregon|portland
pennsylvania|philadelphia,pittsburgh,harrisburg
rhode
tennessee|nashville,memphis
texas/texan|houston,dallas
utah
vermont
virginia
wisconsin|milwaukee
wyoming
york|manhattan,brooklyn,nyc
carolina
dakota
`;

/** Term → the place it names (a city names its country or state). */
const PLACE_OF = new Map<string, string>();
/** Demonym term → its place's term. */
const DEMONYMS = new Map<string, string>();

const term = (w: string) => stem(foldWord(w));
for (const line of GAZETTEER.split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [head, parts = ''] = line.trim().split('|') as [string, string?];
  const [name, demonyms = ''] = head.split('/') as [string, string?];
  const place = term(name);
  PLACE_OF.set(place, place);
  for (const d of demonyms.split(',').filter(Boolean)) {
    DEMONYMS.set(term(d), place);
    PLACE_OF.set(term(d), place);
  }
  for (const p of parts.split(',').filter(Boolean)) PLACE_OF.set(term(p), place);
}

/** The place a term names ("moscow" → "russia", "cincinnati" → "ohio"), if the gazetteer has it. */
export function placeOf(t: string): string | undefined {
  return PLACE_OF.get(t);
}

/** A demonym's place ("russian" → "russia"), else the term itself. */
export function foldDemonym(t: string): string {
  return DEMONYMS.get(t) ?? t;
}
