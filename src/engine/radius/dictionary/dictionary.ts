import { BoundedMemo } from '../../bounded';
import type { AttrDef, VendorDef } from './types';

/** Spellings of attribute names byName remembers (names come from lab files and API calls). */
const SPELLINGS = 4096;

/**
 * Attribute and vendor definitions by name (case-insensitive, as FreeRADIUS matches them) and by wire
 * key. Later definitions of a name or key replace earlier ones, so a user's dictionary can override.
 */
export class Dictionary {
  readonly #byName = new Map<string, AttrDef>();
  /** byName's answers by the name as written: replies name the same attributes on every packet,
   * and lower-casing each name would allocate a string per attribute. */
  readonly #asWritten = new BoundedMemo<string, AttrDef>(SPELLINGS);
  readonly #byKey = new Map<string, AttrDef>();
  /** byKey for "1" … "255" as an array: looked up for every attribute a server reads. */
  readonly #byType: (AttrDef | undefined)[] = new Array<AttrDef | undefined>(256).fill(undefined);
  readonly #vendors = new Map<number, VendorDef>();
  readonly #vendorByName = new Map<string, VendorDef>();

  addAttribute(def: AttrDef): void {
    this.#byName.set(def.name.toLowerCase(), def);
    this.#asWritten.clear();
    // The first name defined for a key is the display name (FreeRADIUS keeps aliases the same way).
    if (!this.#byKey.has(def.key)) {
      this.#byKey.set(def.key, def);
      if (/^\d+$/.test(def.key) && Number(def.key) < 256) this.#byType[Number(def.key)] = def;
    }
  }

  addVendor(v: VendorDef): void {
    this.#vendors.set(v.id, v);
    this.#vendorByName.set(v.name.toLowerCase(), v);
  }

  byName(name: string): AttrDef | undefined {
    const hit = this.#asWritten.get(name);
    if (hit) return hit;
    const def = this.#byName.get(name.toLowerCase());
    // Only known names are kept, and only so many spellings of them.
    return def && this.#asWritten.set(name, def);
  }

  byKey(key: string): AttrDef | undefined {
    return this.#byKey.get(key);
  }

  /** Top-level RFC attribute by type number. */
  byType(type: number): AttrDef | undefined {
    return type >= 0 && type < 256 ? this.#byType[type] : this.#byKey.get(String(type));
  }

  vendor(id: number): VendorDef | undefined {
    return this.#vendors.get(id);
  }

  vendorByName(name: string): VendorDef | undefined {
    return this.#vendorByName.get(name.toLowerCase());
  }

  get attributeCount(): number {
    return this.#byName.size;
  }

  get vendorCount(): number {
    return this.#vendors.size;
  }

  *attributes(): IterableIterator<AttrDef> {
    yield* this.#byName.values();
  }
}

/** Display name for a key the dictionary does not know, FreeRADIUS style: "Attr-26.9.77". */
export function unknownName(key: string): string {
  return `Attr-${key}`;
}

/** The number of a VALUE name or a decimal/hex number; undefined when neither. */
export function valueNumber(def: AttrDef, text: string): number | undefined {
  const named = def.values.get(text) ?? findCaseless(def.values, text);
  if (named !== undefined) return named;
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return undefined;
}

function findCaseless(values: Map<string, number>, text: string): number | undefined {
  const lower = text.toLowerCase();
  for (const [k, v] of values) if (k.toLowerCase() === lower) return v;
  return undefined;
}
