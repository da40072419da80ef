// demo/names: fictional people, places, countries and organisations for the demo newsroom.
//
// Surnames and place names are built from syllables, so they belong to no real person or
// town and two unrelated events almost never share one; first names come from a plain
// list (a first name alone identifies nobody).
import type { Rng } from './random.ts';

const FIRST_NAMES = [
  'Amara', 'Tobias', 'Ines', 'Marek', 'Leona', 'Rafael', 'Yusra', 'Henrik', 'Clara', 'Dmitri', 'Selin', 'Oskar',
  'Nadia', 'Julian', 'Freya', 'Matteo', 'Aiko', 'Samuel', 'Lucia', 'Kwame', 'Elif', 'Viktor', 'Greta', 'Tomas',
  'Priya', 'Anton', 'Maren', 'Idris', 'Sofia', 'Bastian', 'Leila', 'Pavel', 'Noemi', 'Hugo', 'Zara', 'Emil',
  'Rosa', 'Felix', 'Hana', 'Gabriel', 'Ilse', 'Omar', 'Vera', 'Jonas', 'Mira', 'Stefan', 'Alba', 'Ruben',
] as const;

const SURNAME_HEADS = ['Var', 'Hol', 'Brenn', 'Ask', 'Marr', 'Dov', 'Kest', 'Lind', 'Quen', 'Ros', 'Tarv', 'Well',
  'Fenn', 'Gald', 'Ilm', 'Jor', 'Mol', 'Ness', 'Orr', 'Pell', 'Sand', 'Thal', 'Ulv', 'Wex', 'Cald', 'Edr'] as const;
const SURNAME_MIDS = ['', '', 'a', 'e', 'i', 'o', 'en', 'er', 'am', 'il'] as const;
const SURNAME_TAILS = ['wick', 'stone', 'ley', 'mont', 'sby', 'dal', 'ric', 'ton', 'vane', 'holt', 'ard', 'ek',
  'ova', 'ini', 'sen', 'ström', 'ez', 'acre', 'ling', 'worth'] as const;

const PLACE_HEADS = ['Ash', 'Bel', 'Cor', 'Dun', 'Elm', 'Fal', 'Gren', 'Hav', 'Kel', 'Lor', 'Mer', 'Nor', 'Ost',
  'Pry', 'Quar', 'Rav', 'Sel', 'Tam', 'Ulm', 'Ves', 'Wyn', 'Zel', 'Brad', 'Calver'] as const;
const PLACE_MIDS = ['', 'a', 'en', 'er', 'il', 'o', 'ing', 'mar', 'ro', 'es'] as const;
const PLACE_TAILS = ['ford', 'haven', 'holm', 'mouth', 'stad', 'bury', 'vale', 'port', 'wick', 'gate', 'moor',
  'field', 'burgh', 'stow', 'ness', 'by'] as const;

/** Fictional countries; unlike towns they repeat across events, as countries do. */
export const COUNTRIES = ['Veltria', 'Ostmarra', 'Calvenia', 'Norrvik', 'Sardovia', 'Kelvara', 'Ambria',
  'Tessaly', 'Varnistan', 'Lusenia', 'Dravica', 'Morwen', 'Pellucia', 'Quorland', 'Estavia',
  'Halvania'] as const;

const RIVERS_TAIL = ['water', 'burn', 'ey', 'a', 'el'] as const;

/** A person in an event: full name, the role the article gives them, and the surname for
 * second references. */
export interface Person {
  name: string;
  surname: string;
  role: string;
}

export function surname(r: Rng): string {
  return r.pick(SURNAME_HEADS) + r.pick(SURNAME_MIDS) + r.pick(SURNAME_TAILS);
}

export function person(r: Rng, role: string): Person {
  const last = surname(r);
  return { name: `${r.pick(FIRST_NAMES)} ${last}`, surname: last, role };
}

export function placeName(r: Rng): string {
  return r.pick(PLACE_HEADS) + r.pick(PLACE_MIDS) + r.pick(PLACE_TAILS);
}

export function riverName(r: Rng): string {
  return r.pick(PLACE_HEADS) + r.pick(RIVERS_TAIL);
}

export function country(r: Rng): string {
  return r.pick(COUNTRIES);
}

/** A first name for bylines and vox pops. */
export function firstName(r: Rng): string {
  return r.pick(FIRST_NAMES);
}

/** Formats a whole number with thousands separators ("12,400"). */
export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The weekday name of a date in UTC ("on Tuesday"). */
export function weekday(d: Date): string {
  return WEEKDAYS[d.getUTCDay()]!;
}
