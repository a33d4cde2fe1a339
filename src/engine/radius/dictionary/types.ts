/** Value types a FreeRADIUS-format dictionary can declare (v3 names; `vsa`/`extended`/`evs` are containers). */
export const ATTR_TYPES = [
  'string',
  'octets',
  'ipaddr',
  'ipv6addr',
  'ipv6prefix',
  'ipv4prefix',
  'integer',
  'date',
  'integer64',
  'ether',
  'tlv',
  'byte',
  'short',
  'signed',
  'ifid',
  'abinary',
  'combo-ip',
  'vsa',
  'extended',
  'long-extended',
  'evs',
] as const;
export type AttrType = (typeof ATTR_TYPES)[number];

/**
 * One attribute definition. `key` is the dotted path on the wire: "1" (User-Name), "26.9.1"
 * (Cisco-AVPair), "241.1" (RFC 6929 extended), "241.26.9.1" (extended vendor-specific), "241.5.1"
 * (a TLV member). `code` is the last component.
 */
export interface AttrDef {
  name: string;
  key: string;
  code: number;
  type: AttrType;
  /** Vendor id for VSAs and EVS members. */
  vendor?: number;
  /** The RFC 6929 container type (241..246) when the attribute lives in the extended space. */
  extended?: number;
  /** 1 = User-Password (RFC 2865 §5.2), 2 = Tunnel-Password (RFC 2868 §3.5), 3 = Ascend secret. */
  encrypt: 0 | 1 | 2 | 3;
  hasTag: boolean;
  /** Fixed size from `octets[16]`. */
  size?: number;
  /** VALUE names: name → number and number → first name. */
  values: Map<string, number>;
  valueNames: Map<number, string>;
  /** Where it was defined, for messages. */
  source: string;
}

export interface VendorDef {
  id: number;
  name: string;
  /** `format=t,l`: widths of the sub-attribute type (1, 2 or 4) and length (0, 1 or 2) fields. */
  typeLength: 1 | 2 | 4;
  lengthLength: 0 | 1 | 2;
  /** WiMAX-style continuation byte (`format=1,1,c`). */
  continuation: boolean;
}

export interface DictionaryWarning {
  file: string;
  line: number;
  message: string;
}
