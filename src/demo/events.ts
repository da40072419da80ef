// demo/events: the newsroom's content model — fictional events with their facts.
//
// An event is a kind of story (a bridge collapse, a takeover, a cup final …) filled in with
// generated facts: a town, a country, people with roles, numbers and quotes, and a timeline
// of developments (first report, follow-ups). Outlets write their own articles from these
// facts (see article.ts), so coverage of one event shares names, places and numbers but
// not wording. Text is written with "{a|b}" alternations that each outlet resolves its own
// way. Everything here is invented; nothing is taken from real reporting.
import { rngFor, type Rng } from './random.ts';
import { COUNTRIES, country, person, placeName, riverName, surname, thousands, type Person } from './names.ts';

export const SECTIONS = ['world', 'politics', 'business', 'science', 'technology', 'sport', 'culture', 'health'] as const;
export type Section = (typeof SECTIONS)[number];

/** A quote and who said it. */
export interface Quote {
  by: Person;
  text: string;
}

/** One step in an event's timeline: what an article written at that point reports. */
export interface Development {
  /** Headline wordings (outlets pick one; alternations allowed). */
  headlines: string[];
  standfirst: string;
  /** The news in one sentence, without dateline. */
  lead: string;
  /** Further facts, one sentence each. */
  facts: string[];
  quotes: Quote[];
}

/** A fictional news event. */
export interface NewsEvent {
  id: number;
  section: Section;
  kind: string;
  city: string;
  country: string;
  people: Person[];
  /** The names and numbers that identify this event (what related articles share). */
  keyFacts: string[];
  developments: Development[];
  /** Context sentences any article may use. */
  background: string[];
  tags: string[];
  image: { caption: string; hue: number; alt: string };
}

/** What a kind builds before the common fields are added. */
type Draft = Omit<NewsEvent, 'id' | 'section' | 'kind' | 'city' | 'country'>;

interface Kind {
  name: string;
  section: Section;
  build(r: Rng, city: string, land: string): Draft;
}

const pct = (r: Rng, lo: number, hi: number): string => `${r.int(lo, hi)} percent`;
const money = (r: Rng, lo: number, hi: number): string => `${r.int(lo, hi)} million crowns`;

const KINDS: Kind[] = [
  {
    name: 'bridge-collapse', section: 'world',
    build(r, city, land) {
      const river = riverName(r);
      const bridge = `${placeName(r)} Bridge`;
      const len = r.int(120, 480);
      const hurt = r.int(4, 38);
      const year = r.int(1951, 1988);
      const chief = person(r, `head of the ${land} civil protection agency`);
      const eng = person(r, `a structural engineer at the University of ${city}`);
      const local = person(r, 'a baker whose shop faces the river');
      const minister = person(r, `${land}'s transport minister`);
      return {
        people: [chief, eng, local, minister],
        keyFacts: [bridge, river, String(len), String(hurt), chief.surname, eng.surname],
        developments: [{
          headlines: [`${bridge} collapses into the ${river} in ${city}, ${hurt} injured`, `{Dozens|At least ${hurt}} hurt as ${bridge} gives way in ${city}`, `${city} bridge collapse: ${hurt} people {hurt|injured} as span falls into river`],
          standfirst: `A ${len}-metre section of the ${bridge} fell into the ${river} during the morning rush; rescuers {searched the water|combed the riverbanks} for hours.`,
          lead: `{A ${len}-metre section of|Part of} the ${bridge} in ${city} {collapsed into|fell into} the ${river} {during the morning rush|shortly after 8am}, injuring ${hurt} people, {emergency services said|according to the emergency services}.`,
          facts: [
            `{By midday|Before noon}, {rescue divers|divers from the fire service} had {pulled|brought} {three cars|three vehicles} and a delivery van out of the water.`,
            `The bridge, {opened in ${year}|which dates from ${year}}, had been {scheduled for repairs|due for a renovation} next spring.`,
            `{Traffic across ${city}|Traffic in the city centre} was {diverted|rerouted} over the two remaining crossings, {causing long queues|and queues stretched for kilometres}.`,
            `${chief.name}, ${chief.role}, said {no one was reported missing|there were no reports of missing people}.`,
          ],
          quotes: [
            { by: chief, text: 'We were lucky that the bus lane on the collapsed section was empty at that moment' },
            { by: local, text: 'There was a sound like thunder and then the whole middle of the bridge was simply gone' },
          ],
        }, {
          headlines: [`Inspectors flagged ${bridge} cracks {two years|months} before collapse`, `${city} bridge collapse: {reports|inspection records} show warnings were ignored`, `${minister.name} orders checks on {all|every} bridge built before 1990`],
          standfirst: `Inspection records seen by reporters show cracks in the ${bridge} were {noted|recorded} before it fell into the ${river}.`,
          lead: `{Inspection records|Documents} show {engineers|inspectors} {found|recorded} cracks in the supports of the ${bridge} {two years before|long before} it fell into the ${river} in ${city}.`,
          facts: [
            `${minister.name}, ${minister.role}, {ordered|announced} {checks on|inspections of} every road bridge in ${land} built before 1990.`,
            `{Six|Five} of the ${hurt} people injured {remain|were still} in hospital, {two of them in a serious condition|two in serious condition}.`,
            `${eng.name}, ${eng.role}, said the steel {had corroded|was corroded} where water collected under the deck.`,
          ],
          quotes: [
            { by: eng, text: 'A crack report on a bridge of that age should have closed at least one lane the same week' },
            { by: minister, text: 'Nobody will drive over a bridge in this country that has not been checked' },
          ],
        }],
        background: [
          `The ${bridge} {carried|took} about ${thousands(r.int(18, 60) * 1000)} vehicles a day {across the ${river}|over the river}.`,
          `${city} has {argued with|lobbied} the national government for years over {money for|funding for} {road repairs|its ageing roads}.`,
        ],
        tags: ['Infrastructure', city, land, 'Transport'],
        image: { caption: `Rescue boats beside the collapsed span of the ${bridge} in ${city}`, hue: 205, alt: `The collapsed ${bridge}` },
      };
    },
  },
  {
    name: 'floods', section: 'world',
    build(r, city, land) {
      const river = riverName(r);
      const homes = r.int(300, 4200);
      const rain = r.int(90, 260);
      const mayor = person(r, `mayor of ${city}`);
      const met = person(r, `a forecaster at the ${land} weather service`);
      const res = person(r, 'a retired teacher who was evacuated');
      return {
        people: [mayor, met, res],
        keyFacts: [river, String(homes), String(rain), mayor.surname, met.surname],
        developments: [{
          headlines: [`Thousands {leave their homes|evacuated} as the ${river} floods ${city}`, `${city} floods: ${thousands(homes)} homes under water after ${rain}mm of rain`, `{Record|Heavy} rain sends the ${river} over its banks in ${city}`],
          standfirst: `${rain} millimetres of rain fell in two days; the army has been sent to help with evacuations in ${city}.`,
          lead: `{About|Some} ${thousands(homes)} homes in ${city} {were flooded|stood under water} after the ${river} {burst its banks|broke its banks} following ${rain} millimetres of rain in two days.`,
          facts: [
            `{Soldiers|Army engineers} {helped|were helping} {firefighters|the fire service} {evacuate|move} residents from the lower town {in boats|by boat}.`,
            `${mayor.name}, ${mayor.role}, {declared|announced} a state of emergency {on the first night|overnight}.`,
            `Schools {stayed closed|were closed} and the {railway line|train line} to the capital was {suspended|cut}.`,
          ],
          quotes: [
            { by: mayor, text: 'The water rose faster than any of our plans assumed it could' },
            { by: res, text: 'I have lived on this street for forty years and never seen water in the kitchen' },
          ],
        }, {
          headlines: [`${city} {begins clean-up|starts to clean up} as the ${river} {falls|recedes}`, `Flood damage in ${city} {put at|estimated at} ${money(r, 40, 300)}`],
          standfirst: `As the ${river} falls, residents of ${city} return to {mud-filled|muddy} houses and ask why the defences failed.`,
          lead: `{Residents of ${city}|People in ${city}} {began returning|started to return} to their homes as the ${river} {fell|dropped} {below|back under} flood level.`,
          facts: [
            `${met.name}, ${met.role}, said the rainfall was {the heaviest|the most} {recorded|measured} in the region {since records began|in a century}.`,
            `Insurers {estimated|put} the {damage|cost of the damage} at ${money(r, 40, 300)}.`,
          ],
          quotes: [
            { by: met, text: 'Two months of rain in two days is not something a river of that size can carry' },
          ],
        }],
        background: [
          `The ${river} {last flooded|previously flooded} ${city} in ${r.int(1962, 2009)}, {when defences were raised|after which the embankment was raised}.`,
        ],
        tags: ['Floods', 'Weather', city, land],
        image: { caption: `Residents wade through a flooded street in ${city}`, hue: 195, alt: `A flooded street in ${city}` },
      };
    },
  },
  {
    name: 'peace-talks', section: 'world',
    build(r, city) {
      const [a, b] = ((): [string, string] => { const x = r.pick(COUNTRIES); let y = r.pick(COUNTRIES); while (y === x) y = r.pick(COUNTRIES); return [x, y]; })();
      const km = r.int(40, 380);
      const envoyA = person(r, `${a}'s foreign minister`);
      const envoyB = person(r, `${b}'s chief negotiator`);
      const mediator = person(r, 'the mediator who chaired the talks');
      return {
        people: [envoyA, envoyB, mediator],
        keyFacts: [a, b, String(km), envoyA.surname, envoyB.surname],
        developments: [{
          headlines: [`${a} and ${b} {agree|sign} border deal after talks in ${city}`, `{Breakthrough|Deal} in ${city}: ${a} and ${b} settle ${km}km border dispute`, `${a}, ${b} end {decades-old|long-running} border row`],
          standfirst: `The agreement signed in ${city} settles a ${km}-kilometre stretch of disputed border and reopens {two crossings|the crossings}.`,
          lead: `${a} and ${b} {signed|reached} an agreement in ${city} {settling|that settles} a dispute over ${km} kilometres of their shared border {after|following} {eleven days|nearly two weeks} of talks.`,
          facts: [
            `The {deal|agreement} {reopens|will reopen} two border crossings {closed|shut} since ${r.int(2011, 2021)}.`,
            `${mediator.name}, ${mediator.role}, said {both sides|the two governments} had {given ground|made concessions} on fishing rights in the lake that forms part of the border.`,
            `The text must still be {approved|ratified} by both parliaments.`,
          ],
          quotes: [
            { by: envoyA, text: 'Our grandchildren will cross this border without showing a passport' },
            { by: envoyB, text: 'Nobody got everything they wanted, which is how you know it is fair' },
          ],
        }, {
          headlines: [`${b}'s parliament {ratifies|approves} border deal with ${a}`, `Border crossings between ${a} and ${b} reopen`],
          standfirst: `The first {lorries|cars} crossed {at dawn|in the early morning} as the border deal agreed in ${city} came into force.`,
          lead: `{The first lorries|Hundreds of vehicles} crossed between ${a} and ${b} as the border agreement {signed|agreed} in ${city} came into force.`,
          facts: [
            `${b}'s parliament {ratified|approved} the deal by ${r.int(101, 160)} votes to ${r.int(20, 90)}.`,
            `${envoyB.name}, ${envoyB.role}, {attended|was at} the reopening of the northern crossing.`,
          ],
          quotes: [{ by: envoyB, text: 'Today the border is a line on a map again, not a wall' }],
        }],
        background: [`The border between ${a} and ${b} was {drawn|fixed} by a ${r.int(1890, 1935)} treaty {that both sides read differently|whose wording both sides disputed}.`],
        tags: ['Diplomacy', a, b],
        image: { caption: `${envoyA.name} and ${envoyB.name} shake hands in ${city}`, hue: 30, alt: 'Two negotiators shaking hands' },
      };
    },
  },
  {
    name: 'bill-vote', section: 'politics',
    build(r, city, land) {
      const bill = r.pick(['rent cap', 'four-day week', 'water privatisation', 'school meals', 'rail nationalisation', 'data retention']);
      const yes = r.int(151, 210);
      const no = r.int(90, 150);
      const sponsor = person(r, `the ${land} housing and labour minister`);
      const opp = person(r, 'leader of the opposition Civic Alliance');
      const analyst = person(r, `a political scientist at ${city} University`);
      return {
        people: [sponsor, opp, analyst],
        keyFacts: [bill, String(yes), String(no), sponsor.surname, opp.surname],
        developments: [{
          headlines: [`${land} parliament {passes|approves} ${bill} bill by ${yes} votes to ${no}`, `{Lawmakers|MPs} back ${bill} law after {all-night|marathon} debate`, `${bill.charAt(0).toUpperCase() + bill.slice(1)} bill clears parliament in ${land}`],
          standfirst: `The vote in ${city} ended {a fourteen-hour debate|fourteen hours of debate}; the opposition says it will challenge the law in court.`,
          lead: `${land}'s parliament {voted|has voted} ${yes} to ${no} to {pass|approve} the ${bill} bill after {a fourteen-hour debate|fourteen hours of debate} in ${city}.`,
          facts: [
            `${sponsor.name}, ${sponsor.role}, {steered|guided} the bill through {three readings|its final reading}.`,
            `${opp.name}, ${opp.role}, said {her party|the opposition} would {ask|petition} the constitutional court to {review|examine} the law.`,
            `{The law|It} {takes effect|comes into force} on the first day of next quarter.`,
          ],
          quotes: [
            { by: sponsor, text: 'This is the promise we made on every doorstep, and tonight we kept it' },
            { by: opp, text: 'A law written this fast will be rewritten by the courts' },
          ],
        }, {
          headlines: [`Constitutional court {to hear|will hear} challenge to ${bill} law`, `${opp.name} files court challenge to ${bill} law`],
          standfirst: `The Civic Alliance says the ${bill} law breaks the constitution; the government says it is confident.`,
          lead: `${opp.name} {filed|lodged} a challenge to the ${bill} law at the constitutional court, {days after|a week after} parliament passed it ${yes} to ${no}.`,
          facts: [`${analyst.name}, ${analyst.role}, said the court {usually takes|typically takes} {months|several months} to rule.`],
          quotes: [{ by: analyst, text: 'The court has never struck down a law on a vote this large' }],
        }],
        background: [`The ${bill} {was|had been} a {central|key} promise of the governing coalition {at the last election|in its election campaign}.`],
        tags: ['Parliament', land, bill],
        image: { caption: `Members of parliament vote on the ${bill} bill in ${city}`, hue: 350, alt: 'The parliament chamber during the vote' },
      };
    },
  },
  {
    name: 'resignation', section: 'politics',
    build(r, city, land) {
      const min = person(r, `${land}'s finance minister`);
      const pm = person(r, `${land}'s prime minister`);
      const amount = r.int(12, 95);
      const aide = person(r, 'a former adviser at the ministry');
      return {
        people: [min, pm, aide],
        keyFacts: [min.surname, pm.surname, String(amount)],
        developments: [{
          headlines: [`${land} finance minister ${min.name} resigns over {travel expenses|expenses claims}`, `${min.surname} {quits|steps down} after expenses {row|scandal}`, `${land}'s finance minister resigns as expenses inquiry {widens|grows}`],
          standfirst: `${min.name} {quit|resigned} after it emerged that ${amount},000 crowns in travel claims {were|had been} charged to the ministry.`,
          lead: `${min.name}, ${min.role}, {resigned|stepped down} {on Monday|late on Monday} after {reports|it emerged} that ${amount},000 crowns of private travel had been charged to the ministry.`,
          facts: [
            `${pm.name}, ${pm.role}, {accepted the resignation|said he had accepted the resignation} {within hours|the same evening}.`,
            `The claims covered {flights|trips} to ${placeName(r)} and ${placeName(r)} {over two years|between two budget rounds}.`,
            `${min.surname} said {he would repay|he intended to repay} the money {in full|all of the money}.`,
          ],
          quotes: [
            { by: min, text: 'I made mistakes in how my travel was booked, and I will not let them distract the government' },
            { by: aide, text: 'Everyone in the building knew the travel office asked no questions' },
          ],
        }, {
          headlines: [`${pm.surname} {names|appoints} new finance minister after ${min.surname} exit`, `Prosecutors open inquiry into ${min.surname} expenses`],
          standfirst: `Prosecutors in ${city} will examine ${amount},000 crowns of claims made by the former minister.`,
          lead: `Prosecutors in ${city} {opened|have opened} {an inquiry|a preliminary investigation} into the ${amount},000 crowns of travel claims that {ended|cost} ${min.name} {his job|his post}.`,
          facts: [`${pm.name} {named|appointed} ${person(r, '').name} as {acting|interim} finance minister.`],
          quotes: [{ by: pm, text: 'The rules on ministerial travel will be published in full by the end of the month' }],
        }],
        background: [`${min.surname} {had been|was} finance minister since ${r.int(2016, 2023)} and {was seen as|was regarded as} a possible successor to ${pm.surname}.`],
        tags: ['Government', land, 'Expenses'],
        image: { caption: `${min.name} leaves the finance ministry in ${city}`, hue: 10, alt: `${min.name} outside the ministry` },
      };
    },
  },
  {
    name: 'local-election', section: 'politics',
    build(r, city, land) {
      const win = person(r, `the Green Harbour candidate for mayor of ${city}`);
      const lose = person(r, 'the incumbent mayor');
      const share = r.int(51, 63);
      const turnout = r.int(38, 71);
      return {
        people: [win, lose],
        keyFacts: [win.surname, lose.surname, String(share), String(turnout)],
        developments: [{
          headlines: [`${win.name} wins ${city} mayoral race with ${share}% of the vote`, `{Upset|Surprise} in ${city} as ${lose.surname} loses mayoralty after {three|two} terms`, `${city} elects ${win.surname} as mayor`],
          standfirst: `Turnout was ${turnout} percent; the new mayor promised {free buses|cheaper buses} and {a new harbour park|a park on the old docks}.`,
          lead: `${win.name} {won|took} the race for mayor of ${city} with ${share} percent of the vote, {ending|unseating} ${lose.name} after {three terms|twelve years}.`,
          facts: [
            `Turnout was ${turnout} percent, {the highest|higher than} in {any|every} local vote in ${land} {since 2004|for two decades}.`,
            `${lose.surname} {conceded|admitted defeat} {shortly before midnight|just before midnight}.`,
            `${win.surname}, {a former|formerly a} {ferry engineer|harbour engineer}, {campaigned|ran} on free buses and a park on the old docks.`,
          ],
          quotes: [
            { by: win, text: 'The docks belong to the people of this city, not to the car parks' },
            { by: lose, text: 'I called to congratulate her and offered every help with the handover' },
          ],
        }],
        background: [`${city} is {the third-largest|one of the largest} {city|cities} in ${land}.`],
        tags: ['Elections', city, land],
        image: { caption: `${win.name} greets supporters in ${city}`, hue: 120, alt: `${win.name} with supporters` },
      };
    },
  },
  {
    name: 'takeover', section: 'business',
    build(r, city, land) {
      const buyer = `${surname(r)} Group`;
      const target = `${placeName(r)} Freight`;
      const price = r.int(2, 19) + '.' + r.int(1, 9);
      const premium = r.int(18, 46);
      const ceo = person(r, `chief executive of ${buyer}`);
      const union = person(r, 'a spokeswoman for the dockers\' union');
      const analyst = person(r, `an analyst at ${surname(r)} Securities`);
      return {
        people: [ceo, union, analyst],
        keyFacts: [buyer, target, price, String(premium), ceo.surname],
        developments: [{
          headlines: [`${buyer} {agrees|strikes} ${price} billion crown deal to buy ${target}`, `${target} shares jump ${premium}% on ${buyer} takeover`, `${buyer} to {take over|acquire} ${target} in ${price}bn deal`],
          standfirst: `The offer values ${target} at a ${premium} percent premium; the ${city}-based logistics firm's board recommends it.`,
          lead: `${buyer} {agreed|has agreed} to buy ${target}, the ${city}-based {freight|logistics} company, for ${price} billion crowns, a premium of ${premium} percent {to|over} {its|Friday's} closing price.`,
          facts: [
            `${target}'s board {recommended|backed} the offer {to shareholders|unanimously}.`,
            `{The deal|The takeover} needs {approval|clearance} from competition authorities in ${land} and ${r.pick(COUNTRIES)}.`,
            `${target} {employs|has} ${thousands(r.int(3, 22) * 1000)} {people|staff}, most of them at ports.`,
          ],
          quotes: [
            { by: ceo, text: 'Together we can move a container from the quay to the shop shelf without it ever changing hands' },
            { by: analyst, text: 'The price is generous, which tells you how much they want the port contracts' },
          ],
        }, {
          headlines: [`Regulator {opens|launches} in-depth probe into ${buyer}'s ${target} deal`, `Dockers {threaten|warn of} strike over ${target} takeover`],
          standfirst: `The competition authority says the ${price} billion crown deal could {raise prices|push up shipping costs} at three ports.`,
          lead: `${land}'s competition authority {opened|has opened} an in-depth investigation into ${buyer}'s ${price} billion crown takeover of ${target}.`,
          facts: [`${union.name}, ${union.role}, said members {would|could} strike if {jobs were cut|the deal led to job cuts}.`],
          quotes: [{ by: union, text: 'We have heard promises about jobs before every merger on this coast' }],
        }],
        background: [`${target} {was founded|started} in ${city} in ${r.int(1921, 1975)} as a {family barge company|small barge operator}.`],
        tags: ['Mergers', buyer, target, 'Shipping'],
        image: { caption: `Containers stacked at a ${target} terminal in ${city}`, hue: 45, alt: 'Shipping containers at a port' },
      };
    },
  },
  {
    name: 'factory-strike', section: 'business',
    build(r, city, land) {
      const firm = `${surname(r)} Motors`;
      const workers = r.int(1200, 9000);
      const raise = r.int(6, 14);
      const offer = r.int(2, 5);
      const rep = person(r, `chair of the works council at ${firm}`);
      const boss = person(r, `${firm}'s head of operations`);
      return {
        people: [rep, boss],
        keyFacts: [firm, String(workers), String(raise), rep.surname],
        developments: [{
          headlines: [`${thousands(workers)} workers {walk out|strike} at ${firm} plant in ${city}`, `${firm} {production halted|lines stop} as strike {begins|starts} in ${city}`, `Strike at ${firm}: union demands ${raise}% pay rise`],
          standfirst: `The union wants a ${raise} percent pay rise; management has offered ${offer} percent.`,
          lead: `{About|Some} ${thousands(workers)} workers at ${firm}'s {assembly plant|factory} in ${city} {walked out|went on strike} {on Tuesday|at the start of the early shift}, demanding a ${raise} percent pay rise.`,
          facts: [
            `Management {has offered|offered} ${offer} percent {over two years|spread over two years}.`,
            `The plant {builds|makes} {electric vans|delivery vans} for {customers|buyers} across ${land}.`,
            `Pickets {gathered|stood} at {all four gates|the main gates} {from dawn|before sunrise}.`,
          ],
          quotes: [
            { by: rep, text: 'Our members build the vans that made this company its record profit' },
            { by: boss, text: `An offer above ${offer} percent would put the second production line at risk` },
          ],
        }, {
          headlines: [`${firm} strike ends with ${Math.round((raise + offer) / 2)}% pay deal`, `Workers {return|go back} to ${firm} lines after pay deal`],
          standfirst: `After {nine|eight} days, the works council {accepted|agreed} a deal that {splits the difference|meets the union halfway}.`,
          lead: `Workers at ${firm} in ${city} {returned to work|went back to work} after the union {accepted|agreed} a ${Math.round((raise + offer) / 2)} percent pay rise.`,
          facts: [`${rep.name}, ${rep.role}, said {members had voted|members voted} {by a large margin|clearly} to accept.`],
          quotes: [{ by: rep, text: 'Nobody wins a strike, but this deal is one our members can live on' }],
        }],
        background: [`${firm} {reported|posted} record profits last year.`],
        tags: ['Strikes', firm, 'Labour', city],
        image: { caption: `Workers picket the gates of the ${firm} plant in ${city}`, hue: 15, alt: 'Striking workers at a factory gate' },
      };
    },
  },
  {
    name: 'central-bank', section: 'business',
    build(r, _city, land) {
      const rate = `${r.int(1, 6)}.${r.pick(['25', '5', '75'])}`;
      const infl = `${r.int(2, 8)}.${r.int(1, 9)}`;
      const gov = person(r, `governor of the Bank of ${land}`);
      const eco = person(r, `chief economist at ${surname(r)} Bank`);
      return {
        people: [gov, eco],
        keyFacts: [rate, infl, gov.surname],
        developments: [{
          headlines: [`Bank of ${land} {raises|lifts} rates to ${rate}% as inflation hits ${infl}%`, `${land} central bank {surprises|wrong-foots} markets with rate rise to ${rate}%`, `Interest rates in ${land} up to ${rate}%`],
          standfirst: `Inflation of ${infl} percent is {well above|far above} the bank's target; {mortgage holders|borrowers} face higher payments.`,
          lead: `The Bank of ${land} {raised|increased} its main interest rate to ${rate} percent, {saying|arguing} that inflation of ${infl} percent {was|had become} too {persistent|stubborn} to {wait|leave alone}.`,
          facts: [
            `{Most|Many} {economists|analysts} had expected {no change|rates to stay on hold}.`,
            `The crown {rose|climbed} {against the euro|on currency markets} {after|following} the decision.`,
          ],
          quotes: [
            { by: gov, text: 'Prices that rise this fast hurt the people with the least savings first' },
            { by: eco, text: 'The bank has decided it would rather be early than sorry' },
          ],
        }],
        background: [`{Rates|Interest rates} in ${land} {had been|were} unchanged for {eleven|ten} months.`],
        tags: ['Interest rates', 'Inflation', land],
        image: { caption: `${gov.name} at a press conference at the Bank of ${land}`, hue: 140, alt: 'The central bank governor speaking' },
      };
    },
  },
  {
    name: 'fossil', section: 'science',
    build(r, city, land) {
      const genus = surname(r).toLowerCase();
      const species = `${genus.charAt(0).toUpperCase() + genus.slice(1)}saurus ${placeName(r).toLowerCase()}ensis`;
      const age = r.int(70, 240);
      const len = r.int(2, 14);
      const lead = person(r, `a palaeontologist at the ${city} Natural History Museum`);
      const finder = person(r, 'the quarry worker who found the first bone');
      return {
        people: [lead, finder],
        keyFacts: [species, String(age), String(len), lead.surname, finder.surname],
        developments: [{
          headlines: [`New dinosaur {species|found} in ${land} quarry named ${species}`, `${age}-million-year-old {fossil|skeleton} found near ${city} is a new species`, `Quarry worker's find {turns out to be|is} new ${len}-metre dinosaur`],
          standfirst: `The ${len}-metre animal lived ${age} million years ago; its skeleton is {among the most complete|one of the most complete} found in the region.`,
          lead: `{Scientists|Researchers} {have described|described} a new species of dinosaur, ${species}, from a skeleton found in a quarry near ${city} that is ${age} million years old.`,
          facts: [
            `The animal {was about|measured roughly} ${len} metres long and {walked on|moved on} two legs.`,
            `{The study|The description} {was published|appeared} in a {journal|peer-reviewed journal} {this week|on Wednesday}.`,
            `${finder.name}, ${finder.role}, {spotted|noticed} {a rib|the first rib} {in a block of limestone|sticking out of the limestone} {four years ago|in 20${r.int(18, 21)}}.`,
          ],
          quotes: [
            { by: lead, text: 'The skull is so well preserved that we can see where the muscles for the jaw were attached' },
            { by: finder, text: 'I thought it was an old tree root until I touched it' },
          ],
        }],
        background: [`Quarries around ${city} have {produced|yielded} {fossils|marine fossils} since the nineteenth century.`],
        tags: ['Dinosaurs', 'Palaeontology', land],
        image: { caption: `A reconstruction of ${species} at the ${city} Natural History Museum`, hue: 80, alt: `A model of ${species}` },
      };
    },
  },
  {
    name: 'space-probe', section: 'science',
    build(r, city, land) {
      const probe = `${placeName(r)}-${r.int(1, 4)}`;
      const target = r.pick(['Europa', 'Ceres', 'Titan', 'the asteroid Vesta', 'Enceladus']);
      const years = r.int(4, 9);
      const cost = r.int(300, 1900);
      const dir = person(r, `mission director at the ${land} Space Agency`);
      const sci = person(r, `principal investigator at ${city} Observatory`);
      return {
        people: [dir, sci],
        keyFacts: [probe, target, String(cost), dir.surname],
        developments: [{
          headlines: [`${land} {launches|sends} ${probe} probe towards ${target}`, `${probe} {lifts off|blasts off} on ${years}-year journey to ${target}`, `{Liftoff|Launch} for ${land}'s ${probe} mission`],
          standfirst: `The ${cost} million crown probe will take ${years} years to reach ${target}.`,
          lead: `The ${probe} {probe|spacecraft} {lifted off|launched} {at dawn|before dawn} from ${land}'s {coastal|southern} launch site, {beginning|starting} a ${years}-year journey to ${target}.`,
          facts: [
            `The mission {cost|has cost} ${cost} million crowns {over ten years|in total}.`,
            `{Controllers|Engineers} {confirmed|reported} that the solar panels {had unfolded|unfolded} {about|roughly} an hour after launch.`,
          ],
          quotes: [
            { by: dir, text: 'Every system answered when we called it, which is all you can ask on day one' },
            { by: sci, text: 'We are going to look for the chemistry that life would need' },
          ],
        }, {
          headlines: [`${probe} {back in contact|talking to Earth again} after antenna fault`, `${probe} probe {fixes|recovers from} antenna fault`],
          standfirst: `Engineers in ${city} say the probe's {main antenna|antenna} is working again after a tense week.`,
          lead: `{Engineers|Controllers} in ${city} {restored|regained} contact with the ${probe} probe's main antenna after {a week|six days} of {silence|problems}.`,
          facts: [`${dir.name}, ${dir.role}, said the fault {was caused by|came from} a stuck hinge.`],
          quotes: [{ by: dir, text: 'We shook it loose with a command we had never sent before' }],
        }],
        background: [`${probe} is the {largest|biggest} spacecraft {built in|ever built in} ${land}.`],
        tags: ['Space', probe, target],
        image: { caption: `The ${probe} rocket lifts off`, hue: 260, alt: 'A rocket launch at dawn' },
      };
    },
  },
  {
    name: 'data-breach', section: 'technology',
    build(r, _city, land) {
      const firm = `${surname(r)}Pay`;
      const users = r.int(2, 40) * 100000;
      const cso = person(r, `${firm}'s chief security officer`);
      const reg = person(r, `${land}'s data protection commissioner`);
      const expert = person(r, 'an independent security researcher');
      return {
        people: [cso, reg, expert],
        keyFacts: [firm, String(users), cso.surname, reg.surname],
        developments: [{
          headlines: [`${firm} {data breach|hack} exposes details of ${thousands(users)} customers`, `Hackers {steal|stole} data on ${thousands(users)} ${firm} users`, `${firm} {admits|confirms} breach affecting ${thousands(users)} accounts`],
          standfirst: `Names, e-mail addresses and partial card numbers were taken; ${firm} says passwords were not.`,
          lead: `{The payments app|Payments company} ${firm} {said|confirmed} that {hackers|attackers} {had taken|took} names, e-mail addresses and partial card numbers of ${thousands(users)} customers.`,
          facts: [
            `The company {said|insisted} passwords and full card numbers {were|had been} {stored separately|kept separately} and {not affected|untouched}.`,
            `{Customers|Users} {are being told|were told} to {watch for|beware of} {phishing e-mails|fake e-mails}.`,
            `${reg.name}, ${reg.role}, {opened|has opened} an investigation.`,
          ],
          quotes: [
            { by: cso, text: 'We closed the door within hours, but not before data had left the building' },
            { by: expert, text: 'Partial card numbers plus an e-mail address is exactly what a phishing gang needs' },
          ],
        }, {
          headlines: [`${firm} {fined|faces fine} over data breach`, `Breach at ${firm} {began|started} with a {stolen|leaked} contractor password`],
          standfirst: `The regulator says ${firm} failed to {use|enforce} two-factor logins for contractors.`,
          lead: `{Investigators|The regulator} {found|said} that the ${firm} breach {began|started} with a contractor's password {bought|sold} on a criminal forum.`,
          facts: [`${reg.name} said ${firm} {could face|faces} a fine of up to ${pct(r, 2, 4)} of its turnover.`],
          quotes: [{ by: reg, text: 'Two-factor login is not a luxury for a company that holds card data' }],
        }],
        background: [`${firm} {has|says it has} about ${thousands(users * r.int(3, 8))} customers across ${land}.`],
        tags: ['Cybersecurity', firm, 'Privacy'],
        image: { caption: `The ${firm} app on a phone screen`, hue: 220, alt: 'A phone showing a payments app' },
      };
    },
  },
  {
    name: 'chip-plant', section: 'technology',
    build(r, city, land) {
      const firm = `${placeName(r)} Semiconductor`;
      const jobs = r.int(800, 3500);
      const invest = r.int(2, 12);
      const nm = r.pick([3, 5, 7, 12]);
      const ceo = person(r, `chief executive of ${firm}`);
      const mayor = person(r, `mayor of ${city}`);
      return {
        people: [ceo, mayor],
        keyFacts: [firm, String(jobs), String(invest), ceo.surname],
        developments: [{
          headlines: [`${firm} to build ${invest} billion crown chip plant in ${city}`, `${city} {wins|lands} ${firm} chip factory with ${thousands(jobs)} jobs`, `{Chipmaker|Chip maker} ${firm} picks ${city} for new plant`],
          standfirst: `The factory will make ${nm}-nanometre chips from {2027|the end of the decade}; the state will pay a {third|share} of the cost.`,
          lead: `${firm} {will build|plans to build} a ${invest} billion crown chip factory in ${city}, {creating|bringing} ${thousands(jobs)} jobs, {the company said|it announced}.`,
          facts: [
            `The plant {will make|is to make} ${nm}-nanometre chips for {cars|carmakers} and {industrial machines|factory equipment}.`,
            `The government of ${land} {will cover|is covering} {a third|about a third} of the cost {with subsidies|through subsidies}.`,
            `${mayor.name}, ${mayor.role}, said the city would {build|put up} ${r.int(400, 1500)} new homes {for workers|near the site}.`,
          ],
          quotes: [
            { by: ceo, text: 'We came for the engineers, the water and the port, in that order' },
            { by: mayor, text: 'This is the biggest investment in our city since the shipyard closed' },
          ],
        }],
        background: [`Chip factories {use|need} {large amounts|enormous amounts} of water, {a concern|which worries} {some|many} residents of ${city}.`],
        tags: ['Semiconductors', firm, city],
        image: { caption: `An artist's impression of the ${firm} plant in ${city}`, hue: 180, alt: 'A rendering of a factory' },
      };
    },
  },
  {
    name: 'outage', section: 'technology',
    build(r, _city, land) {
      const firm = `${surname(r)}Net`;
      const hours = r.int(3, 14);
      const users = r.int(1, 9);
      const cto = person(r, `${firm}'s chief technology officer`);
      const shop = person(r, 'who runs a small online shop');
      return {
        people: [cto, shop],
        keyFacts: [firm, String(hours), cto.surname],
        developments: [{
          headlines: [`${firm} outage {cuts off|knocks out} ${users} million users for ${hours} hours`, `{Internet|Mobile and broadband} {down|outage} across ${land} as ${firm} {network fails|suffers fault}`, `${firm} blames {software update|faulty update} for ${hours}-hour outage`],
          standfirst: `Card payments, emergency calls and train ticket machines were affected; ${firm} blames a faulty update.`,
          lead: `{About|Roughly} ${users} million ${firm} customers {lost|were left without} internet and mobile service for ${hours} hours after {a faulty software update|a software update went wrong}, the company said.`,
          facts: [
            `Card terminals in {shops|supermarkets} and {train ticket machines|ticket machines} {stopped working|failed} {across ${land}|around the country}.`,
            `{Emergency calls|Calls to emergency numbers} were {routed|redirected} through other networks.`,
          ],
          quotes: [
            { by: cto, text: 'An update that passed every test in the lab behaved differently on the live network' },
            { by: shop, text: 'For a small shop a whole day without card payments is a whole day without sales' },
          ],
        }],
        background: [`${firm} is {the largest|the biggest} telecoms operator in ${land}.`],
        tags: ['Telecoms', firm, land],
        image: { caption: `A ${firm} engineer at a network centre`, hue: 240, alt: 'Server racks in a network centre' },
      };
    },
  },
  {
    name: 'cup-final', section: 'sport',
    build(r, city, land) {
      const home = `${city} ${r.pick(['United', 'Rovers', 'Athletic', 'Wanderers'])}`;
      const away = `${placeName(r)} ${r.pick(['City', 'Albion', 'Town', 'Harriers'])}`;
      const g1 = r.int(2, 4);
      const g2 = r.int(0, g1 - 1);
      const min = r.int(70, 93);
      const scorer = person(r, `${home} striker`);
      const coach = person(r, `${home} coach`);
      const rival = person(r, `${away} manager`);
      const crowd = thousands(r.int(30, 80) * 1000);
      return {
        people: [scorer, coach, rival],
        keyFacts: [home, away, `${g1}-${g2}`, scorer.surname, String(min)],
        developments: [{
          headlines: [`${home} beat ${away} ${g1}-${g2} to win the ${land} Cup`, `${scorer.surname}'s late goal {wins|settles} cup final for ${home}`, `Cup glory for ${home} after ${g1}-${g2} win over ${away}`],
          standfirst: `${scorer.name} scored in the ${min}th minute in front of ${crowd} fans.`,
          lead: `${home} {won|lifted} the ${land} Cup {for the first time in ${r.int(12, 40)} years|after a long wait}, beating ${away} ${g1}-${g2} {in|at} the national stadium.`,
          facts: [
            `${scorer.name} {scored|struck} the decisive goal in the ${min}th minute {with a header|from a corner}.`,
            `{The crowd of|A crowd of} ${crowd} {filled|packed} the stadium.`,
            `${away} {had|hit} the post twice {before half-time|in the first half}.`,
          ],
          quotes: [
            { by: coach, text: 'These players have carried this city on their backs all season' },
            { by: rival, text: 'We had the chances, they had the goals' },
          ],
        }],
        background: [`${home} {finished|ended} the league season in ${r.pick(['third', 'fifth', 'second'])} place.`],
        tags: ['Football', home, away, 'Cup final'],
        image: { caption: `${scorer.name} celebrates after scoring for ${home}`, hue: 100, alt: `${scorer.name} celebrating a goal` },
      };
    },
  },
  {
    name: 'marathon-record', section: 'sport',
    build(r, city) {
      const runner = person(r, 'the winner');
      const time = `2:0${r.int(1, 5)}:${String(r.int(10, 59))}`;
      const old = `2:0${r.int(5, 7)}:${String(r.int(10, 59))}`;
      const second = person(r, 'who finished second');
      const org = person(r, `race director of the ${city} Marathon`);
      return {
        people: [runner, second, org],
        keyFacts: [runner.surname, time, second.surname],
        developments: [{
          headlines: [`${runner.name} {breaks|smashes} course record at ${city} Marathon`, `${runner.surname} wins ${city} Marathon in ${time}`, `{Record run|Course record} in ${city} for ${runner.surname}`],
          standfirst: `${runner.surname} ran ${time}, beating the old course best of ${old}.`,
          lead: `${runner.name} {won|took} the ${city} Marathon in ${time}, {breaking|beating} the course record of ${old}.`,
          facts: [
            `${second.name}, ${second.role}, {was|finished} {41|38} seconds behind.`,
            `{Cool|Mild} weather and {no wind|a light tailwind} {helped|favoured} the {runners|field}.`,
            `{More than|Over} ${thousands(r.int(8, 30) * 1000)} runners {started|took part}.`,
          ],
          quotes: [
            { by: runner, text: 'At thirty kilometres I told myself the record was possible, and then I stopped thinking' },
            { by: org, text: 'We changed the route this year to take out two hills, and it showed' },
          ],
        }],
        background: [`The ${city} Marathon {was first run|began} in ${r.int(1970, 1995)}.`],
        tags: ['Athletics', 'Marathon', city],
        image: { caption: `${runner.name} crosses the finish line in ${city}`, hue: 60, alt: `${runner.name} at the finish` },
      };
    },
  },
  {
    name: 'film-festival', section: 'culture',
    build(r, city, land) {
      const film = `The ${r.pick(['Salt', 'Glass', 'Winter', 'Harbour', 'Paper', 'Quiet'])} ${r.pick(['Orchard', 'Keepers', 'Tide', 'Hours', 'Letters', 'Bridge'])}`;
      const dir = person(r, 'director');
      const jury = person(r, 'president of the jury');
      const actor = person(r, 'actor');
      return {
        people: [dir, jury, actor],
        keyFacts: [film, dir.surname, jury.surname],
        developments: [{
          headlines: [`'${film}' wins top prize at ${city} Film Festival`, `${dir.name}'s '${film}' takes {Golden Gull|the Golden Gull} in ${city}`, `${city} festival: {debut|first} film '${film}' wins main award`],
          standfirst: `${dir.surname}'s film about {a family of lighthouse keepers|three sisters running a failing orchard} {beat|saw off} ${r.int(14, 24)} other films.`,
          lead: `'${film}', {directed by|the debut feature from} ${dir.name}, {won|took} the Golden Gull, the top prize {at|of} the ${city} Film Festival.`,
          facts: [
            `${actor.name} {won|took} the award for best performance for {her|a} role in the film.`,
            `${jury.name}, ${jury.role}, {called|described} the film {a work of rare patience|rare in its patience}.`,
            `The festival {sold|reported} ${thousands(r.int(40, 120) * 1000)} tickets, a record.`,
          ],
          quotes: [
            { by: dir, text: 'We shot it in my grandmother\'s village with people who had never seen a camera crew' },
            { by: jury, text: 'It trusts its audience to sit with silence' },
          ],
        }],
        background: [`The ${city} Film Festival {is|has become} the {oldest|largest} film festival in ${land}.`],
        tags: ['Film', 'Festivals', city],
        image: { caption: `${dir.name} holds the Golden Gull in ${city}`, hue: 300, alt: `${dir.name} with the award` },
      };
    },
  },
  {
    name: 'painting-stolen', section: 'culture',
    build(r, city) {
      const painter = person(r, 'painter');
      const work = `${r.pick(['Girl with a Lantern', 'Harbour at Dusk', 'The Ferryman', 'Orchard in Snow', 'Two Sisters Reading'])}`;
      const value = r.int(4, 60);
      const museum = `${city} ${r.pick(['Museum of Art', 'Gallery', 'Kunsthalle'])}`;
      const dir = person(r, `director of the ${museum}`);
      const police = person(r, 'a police spokesman');
      return {
        people: [painter, dir, police],
        keyFacts: [work, museum, String(value), painter.surname, dir.surname],
        developments: [{
          headlines: [`${painter.surname}'s '${work}' stolen from ${museum}`, `Thieves {take|steal} ${value} million crown painting from ${museum}`, `{Night-time|Overnight} raid at ${museum}: '${work}' missing`],
          standfirst: `The thieves {cut|forced} a skylight and were inside for {less than ten minutes|under ten minutes}, police say.`,
          lead: `{Thieves|Burglars} {stole|took} '${work}' by ${painter.name} from the ${museum} {overnight|during the night}, {police said|according to police}.`,
          facts: [
            `The painting {is valued at|is worth} {about|roughly} ${value} million crowns.`,
            `{The thieves|They} {cut through|got in through} a skylight and {were inside|spent} {less than ten minutes|under ten minutes} {in the building|inside}.`,
            `${police.name}, ${police.role}, {appealed for|asked for} {witnesses|anyone who saw a van near the museum}.`,
          ],
          quotes: [
            { by: dir, text: 'A painting this famous cannot be sold, so we hope whoever has it understands that quickly' },
          ],
        }, {
          headlines: [`Stolen '${work}' found {undamaged|intact} in ${city} {garage|lock-up}`, `Police {recover|find} ${painter.surname} painting {taken|stolen} from ${museum}`],
          standfirst: `Two men were arrested; the ${museum} says the canvas needs only {cleaning|light cleaning}.`,
          lead: `Police {found|recovered} '${work}' {wrapped in a blanket|rolled in a blanket} in a {garage|lock-up} on the edge of ${city} and {arrested|detained} two men.`,
          facts: [`${dir.name}, ${dir.role}, said the canvas {needed only|would need only} light cleaning.`],
          quotes: [{ by: police, text: 'A neighbour noticed a van that only moved at night, and she was right' }],
        }],
        background: [`${painter.surname} {painted|finished} '${work}' in ${r.int(1880, 1930)}.`],
        tags: ['Art', 'Crime', museum],
        image: { caption: `The empty wall where '${work}' hung in the ${museum}`, hue: 330, alt: 'An empty frame on a gallery wall' },
      };
    },
  },
  {
    name: 'outbreak', section: 'health',
    build(r, city, land) {
      const cases = r.int(30, 400);
      const hosp = r.int(3, 40);
      const officer = person(r, `${city}'s chief medical officer`);
      const doc = person(r, `an infectious diseases doctor at ${city} General Hospital`);
      const parent = person(r, 'a mother of two');
      return {
        people: [officer, doc, parent],
        keyFacts: [String(cases), String(hosp), officer.surname, doc.surname],
        developments: [{
          headlines: [`Measles outbreak in ${city}: ${cases} cases {confirmed|reported}`, `${city} {opens|sets up} vaccination clinics as measles cases reach ${cases}`, `{Health officials|Doctors} {warn|urge} parents as measles spreads in ${city}`],
          standfirst: `${hosp} children are in hospital; officials urge parents to check their children's vaccinations.`,
          lead: `Health officials in ${city} {confirmed|reported} ${cases} cases of measles {in three weeks|since the start of the month}, {with|and} ${hosp} {children|young patients} {in hospital|admitted to hospital}.`,
          facts: [
            `${officer.name}, ${officer.role}, {opened|set up} {drop-in|walk-in} vaccination clinics in {four|five} schools.`,
            `{Vaccination rates|Vaccine uptake} in {parts of|some districts of} ${city} {have fallen|fell} below ${r.int(72, 86)} percent.`,
          ],
          quotes: [
            { by: officer, text: 'Two doses protect almost everyone, and it is never too late for the second one' },
            { by: parent, text: 'We missed the appointment during the move and just never rebooked it' },
          ],
        }, {
          headlines: [`${city} measles cases {fall|drop} after vaccination {drive|campaign}`, `Measles outbreak in ${city} {slowing|slows}, officials say`],
          standfirst: `More than ${thousands(r.int(4, 20) * 1000)} doses were given in the clinics, ${officer.surname} says.`,
          lead: `New measles cases in ${city} {fell|dropped} {for a second week|for the second week running}, {officials said|according to health officials}, {after|following} the {vaccination drive|vaccination campaign} in schools.`,
          facts: [`${doc.name}, ${doc.role}, said {no child|none of the children} {had died|died}.`],
          quotes: [{ by: doc, text: 'The clinics in the schools made the difference; parents came because it was easy' }],
        }],
        background: [`${land} {declared|had declared} measles eliminated in ${r.int(2005, 2016)}.`],
        tags: ['Measles', 'Vaccination', city],
        image: { caption: `A nurse prepares a vaccine at a school clinic in ${city}`, hue: 160, alt: 'A nurse preparing a vaccine' },
      };
    },
  },
  {
    name: 'drug-trial', section: 'health',
    build(r, city) {
      const drug = `${surname(r).toLowerCase().slice(0, 5)}imab`;
      const patients = r.int(300, 2400);
      const cut = r.int(18, 41);
      const lead = person(r, `a cardiologist at ${city} University Hospital who led the trial`);
      const critic = person(r, 'a professor of pharmacology who was not involved');
      return {
        people: [lead, critic],
        keyFacts: [drug, String(patients), String(cut), lead.surname],
        developments: [{
          headlines: [`{Trial|Study}: ${drug} cuts heart attack risk by ${cut}%`, `New drug ${drug} {shows promise|succeeds} in ${thousands(patients)}-patient heart trial`, `${city} {study|trial} finds injection lowers heart attacks`],
          standfirst: `The twice-yearly injection lowered cholesterol and cut heart attacks by ${cut} percent over three years.`,
          lead: `{A twice-yearly injection|An injection given twice a year}, ${drug}, {cut|reduced} the risk of heart attack by ${cut} percent in a trial of ${thousands(patients)} patients {led from|run at} ${city} University Hospital.`,
          facts: [
            `{Patients|Participants} {were followed|were monitored} for three years.`,
            `Side effects {were mostly|were largely} {mild|minor} {reactions at the injection site|soreness where the injection was given}.`,
            `The results {were presented|were published} {at a cardiology congress|this week}.`,
          ],
          quotes: [
            { by: lead, text: 'Two injections a year is a treatment people actually keep taking' },
            { by: critic, text: 'The result is strong, but the price will decide how many patients ever get it' },
          ],
        }],
        background: [`Heart disease {is|remains} the {leading|most common} cause of death in the region.`],
        tags: ['Heart disease', 'Medicine', drug],
        image: { caption: `${lead.name} in the trial clinic at ${city} University Hospital`, hue: 0, alt: 'A doctor in a clinic' },
      };
    },
  },
];

/** Every kind of story the newsroom can report, by section. */
export const KIND_NAMES: readonly string[] = KINDS.map((k) => k.name);

/**
 * The kind of event `id`: events are dealt out in rounds of every kind once, in a shuffled
 * order per round, so two events of one kind are about a round apart (a round is 20 events:
 * several slots) and the events of one slot are of different kinds. Real news rarely has
 * two bridge collapses or two cup finals in the same few hours; when the newsroom made
 * them, a story could not tell them apart but by their names.
 */
function kindOf(seed: number, id: number): Kind {
  const round = Math.floor(id / KINDS.length);
  const order = rngFor(seed, 'kind-round', round).shuffle(KINDS.map((_, k) => k));
  return KINDS[order[id % KINDS.length]!]!;
}

/** Builds event number `id` for a seed. Pure: the same (seed, id) always gives the same
 * event. Event ids are laid out by `slot * perSlot + b` (see newsroom.ts). */
export function eventAt(seed: number, id: number): NewsEvent {
  const kind = kindOf(seed, id);
  const r = rngFor(seed, 'event', id);
  const city = placeName(r);
  const land = country(r);
  const draft = kind.build(r, city, land);
  return { id, section: kind.section, kind: kind.name, city, country: land, ...draft };
}

/** A catalogue of the first `count` events for a seed (e.g. to browse the content model). */
export function eventCatalogue(seed: number, count: number): NewsEvent[] {
  return Array.from({ length: count }, (_, id) => eventAt(seed, id));
}
