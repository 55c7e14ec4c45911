import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import {
  hashR6,
  legacyFileKey,
  legacyUserCheck,
  objectKey,
  rc4,
} from '../../src/extract/pdf-crypt.js';

/**
 * A tiny PDF writer for tests: real files with a correct cross-reference section (classic
 * table, or a cross-reference stream when objects are packed into object streams).
 */

type Part = string | Buffer;

const toBuf = (p: Part): Buffer => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p);

/** A PDF literal string with the characters that need it escaped. */
export function literal(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A PDF hex string of raw bytes. */
export function hex(bytes: Uint8Array): string {
  return `<${Buffer.from(bytes).toString('hex').toUpperCase()}>`;
}

/** A UTF-16BE text string with its FE FF byte-order mark, written as hex. */
export function utf16Hex(s: string): string {
  const be = Buffer.from(s, 'utf16le').swap16();
  return hex(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
}

/** An XMP packet with a dc:title alternative per language. */
export function xmpPacket(titles: { lang: string; text: string }[]): string {
  const lis = titles.map((t) => `<rdf:li xml:lang="${t.lang}">${t.text}</rdf:li>`).join('');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `<dc:title><rdf:Alt>${lis}</rdf:Alt></dc:title>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

export class PdfBuilder {
  private plain = new Map<number, Buffer>();
  private packed = new Map<number, { container: number; index: number }>();
  private nextNum = 1;

  /** Reserves an object number, for objects that refer to each other. */
  reserve(): number {
    return this.nextNum++;
  }

  /** Sets the body of object `num` (the text between `obj` and `endobj`). */
  set(num: number, body: Part): number {
    this.plain.set(num, toBuf(body));
    return num;
  }

  add(body: Part): number {
    return this.set(this.reserve(), body);
  }

  /** A stream object; `compress` deflates the data and adds /Filter /FlateDecode. */
  addStream(
    dict: string,
    data: Part,
    opts: { compress?: boolean; num?: number; crypt?: TestEncrypter } = {},
  ): number {
    const num = opts.num ?? this.reserve();
    const raw = toBuf(data);
    const packed = opts.compress ? deflateSync(raw) : raw;
    const bytes = opts.crypt ? opts.crypt.bytes(num, packed) : packed;
    const filter = opts.compress ? ' /Filter /FlateDecode' : '';
    const body = Buffer.concat([
      toBuf(`<< ${dict} /Length ${bytes.length}${filter} >>\nstream\n`),
      bytes,
      toBuf('\nendstream'),
    ]);
    return this.set(num, body);
  }

  /** Packs already-numbered objects into one compressed object stream (/Type /ObjStm). */
  addObjectStream(members: { num: number; body: string }[], crypt?: TestEncrypter): number {
    const container = this.reserve();
    let header = '';
    let content = '';
    members.forEach((m, i) => {
      header += `${m.num} ${content.length} `;
      content += `${m.body}\n`;
      this.packed.set(m.num, { container, index: i });
    });
    const data = Buffer.from(header + content, 'latin1');
    const dict = `/Type /ObjStm /N ${members.length} /First ${header.length}`;
    return this.addStream(dict, data, {
      compress: true,
      num: container,
      ...(crypt ? { crypt } : {}),
    });
  }

  /**
   * The whole file. `firstObject` is written first (e.g. a linearization dictionary).
   * A cross-reference stream is used whenever objects were packed.
   */
  build(trailer: {
    root: number;
    info?: number;
    firstObject?: number;
    /** Extra trailer entries, e.g. `/Encrypt 9 0 R /ID [<..> <..>]`. */
    extra?: string;
  }): Buffer {
    const parts: Buffer[] = [toBuf('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
    let offset = parts[0]!.length;
    const offsets = new Map<number, number>();
    const order = [...this.plain.keys()].sort((a, b) => a - b);
    if (trailer.firstObject !== undefined) {
      order.splice(order.indexOf(trailer.firstObject), 1);
      order.unshift(trailer.firstObject);
    }
    for (const num of order) {
      const obj = Buffer.concat([
        toBuf(`${num} 0 obj\n`),
        this.plain.get(num)!,
        toBuf('\nendobj\n'),
      ]);
      offsets.set(num, offset);
      parts.push(obj);
      offset += obj.length;
    }
    const refs = `/Root ${trailer.root} 0 R${trailer.info ? ` /Info ${trailer.info} 0 R` : ''}${trailer.extra ? ` ${trailer.extra}` : ''}`;
    const xrefOffset = offset;
    if (this.packed.size === 0) {
      const size = this.nextNum;
      let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
      for (let n = 1; n < size; n++) {
        const off = offsets.get(n);
        table +=
          off === undefined
            ? '0000000000 65535 f \n'
            : `${String(off).padStart(10, '0')} 00000 n \n`;
      }
      parts.push(toBuf(`${table}trailer\n<< /Size ${size} ${refs} >>\n`));
    } else {
      const xrefNum = this.reserve();
      offsets.set(xrefNum, xrefOffset);
      const size = this.nextNum;
      const rows = Buffer.alloc(size * 7);
      for (let n = 0; n < size; n++) {
        const off = offsets.get(n);
        const packed = this.packed.get(n);
        const type = off !== undefined ? 1 : packed ? 2 : 0;
        rows.writeUInt8(type, n * 7);
        rows.writeUInt32BE(off ?? packed?.container ?? 0, n * 7 + 1);
        rows.writeUInt16BE(packed?.index ?? (n === 0 ? 0xffff : 0), n * 7 + 5);
      }
      const dict = `<< /Type /XRef /Size ${size} /W [1 4 2] ${refs} /Length ${rows.length} >>`;
      parts.push(
        Buffer.concat([
          toBuf(`${xrefNum} 0 obj\n${dict}\nstream\n`),
          rows,
          toBuf('\nendstream\nendobj\n'),
        ]),
      );
    }
    parts.push(toBuf(`startxref\n${xrefOffset}\n%%EOF\n`));
    return Buffer.concat(parts);
  }
}

/**
 * Adds a balanced page tree with `pageCount` leaves, `fanout` kids per node; returns the
 * root /Pages object number. Kids of a node are reserved before the node is written.
 */
export function addPageTree(b: PdfBuilder, pageCount: number, fanout = 4): number {
  const root = b.reserve();
  fillPages(b, root, null, pageCount, fanout);
  return root;
}

function fillPages(
  b: PdfBuilder,
  num: number,
  parent: number | null,
  count: number,
  fanout: number,
): void {
  const parentRef = parent === null ? '' : ` /Parent ${parent} 0 R`;
  const kids: number[] = [];
  if (count <= fanout) {
    for (let i = 0; i < count; i++) {
      kids.push(b.add(`<< /Type /Page /Parent ${num} 0 R /MediaBox [0 0 612 792] >>`));
    }
  } else {
    const per = Math.ceil(count / fanout);
    for (let left = count; left > 0; left -= per) {
      const kid = b.reserve();
      fillPages(b, kid, num, Math.min(per, left), fanout);
      kids.push(kid);
    }
  }
  const kidRefs = kids.map((k) => `${k} 0 R`).join(' ');
  b.set(num, `<< /Type /Pages${parentRef} /Kids [${kidRefs}] /Count ${count} >>`);
}

/** Encryption schemes of the standard security handler, as the test encrypter writes them. */
export type TestScheme = 'rc4-40' | 'rc4-128' | 'aes-128' | 'aes-256-r6';

/**
 * Encrypts the strings and streams of a test PDF for the empty user password, with the key
 * derivation of src/extract/pdf-crypt.ts (the qpdf-made fixtures check that derivation
 * independently). Strings and streams are encrypted per object: pass the object number.
 */
export class TestEncrypter {
  readonly id0 = randomBytes(16);
  private readonly fileKey: Buffer;
  private readonly dict: string;

  constructor(readonly scheme: TestScheme) {
    const permissions = -4;
    if (scheme === 'aes-256-r6') {
      this.fileKey = randomBytes(32);
      const vsalt = randomBytes(8);
      const ksalt = randomBytes(8);
      const empty = Buffer.alloc(0);
      const u = Buffer.concat([hashR6(empty, vsalt, empty), vsalt, ksalt]);
      const c = createCipheriv('aes-256-cbc', hashR6(empty, ksalt, empty), Buffer.alloc(16));
      c.setAutoPadding(false);
      const ue = Buffer.concat([c.update(this.fileKey), c.final()]);
      this.dict =
        `<< /Filter /Standard /V 5 /R 6 /Length 256 /P ${permissions} /O ${hex(randomBytes(48))}` +
        ` /U ${hex(u)} /OE ${hex(randomBytes(32))} /UE ${hex(ue)} /Perms ${hex(randomBytes(16))}` +
        ' /CF << /StdCF << /CFM /AESV3 /Length 32 /AuthEvent /DocOpen >> >> /StrF /StdCF /StmF /StdCF >>';
      return;
    }
    const o = randomBytes(32);
    const revision = scheme === 'rc4-40' ? 2 : scheme === 'rc4-128' ? 3 : 4;
    const keyBytes = scheme === 'rc4-40' ? 5 : 16;
    this.fileKey = legacyFileKey({
      o,
      permissions,
      id0: this.id0,
      revision,
      keyBytes,
      encryptMetadata: true,
    });
    const check = legacyUserCheck(this.fileKey, revision, this.id0);
    const u = revision === 2 ? check : Buffer.concat([check, Buffer.alloc(16)]);
    const common = `/Filter /Standard /R ${revision} /P ${permissions} /O ${hex(o)} /U ${hex(u)}`;
    this.dict =
      scheme === 'aes-128'
        ? `<< ${common} /V 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /Length 16 >> >> /StrF /StdCF /StmF /StdCF >>`
        : `<< ${common} /V ${revision === 2 ? 1 : 2} /Length ${keyBytes * 8} >>`;
  }

  /** The /Encrypt dictionary. */
  encryptDict(): string {
    return this.dict;
  }

  /** The trailer's /ID array. */
  idArray(): string {
    return `[${hex(this.id0)} ${hex(this.id0)}]`;
  }

  bytes(num: number, data: Uint8Array): Buffer {
    if (this.scheme === 'aes-256-r6') return aesEncrypt(this.fileKey, data);
    const key = objectKey(this.fileKey, num, 0, this.scheme === 'aes-128');
    return this.scheme === 'aes-128' ? aesEncrypt(key, data) : rc4(key, data);
  }

  /** A UTF-16BE text string for object `num`, encrypted, as hex. */
  string(num: number, text: string): string {
    const be = Buffer.from(text, 'utf16le').swap16();
    return hex(this.bytes(num, Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
  }
}

function aesEncrypt(key: Uint8Array, data: Uint8Array): Buffer {
  const iv = randomBytes(16);
  const c = createCipheriv(key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc', key, iv);
  return Buffer.concat([iv, c.update(data), c.final()]);
}
