import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { asName, asNumber, dictGet, type PdfValue } from './pdf-syntax.js';

/**
 * The standard security handler of PDF (ISO 32000-1 §7.6.3 and ISO 32000-2 §7.6.4) for the one
 * case a crawler can read: an empty user password, which is how most "protected" PDFs on the
 * web are shipped (they open without a prompt; only printing or copying is restricted).
 *
 * - R2-R4 (RC4 40-128 bit, AESV2): the file key is Algorithm 2 (MD5 over the padded password,
 *   /O, /P, the first /ID string), checked against /U (Algorithms 4 and 5), then a key per
 *   object (Algorithm 1).
 * - R5 (the Adobe extension level 3) and R6 (PDF 2.0), AESV3: the password hash is SHA-256
 *   (R5) or Algorithm 2.B (R6, rounds of SHA-256/384/512 and AES-128), checked against /U;
 *   the file key is /UE decrypted with it. One key for every object.
 *
 * Anything else (another handler, a user password, a missing /ID, an unknown method) makes
 * the file `unreadable`: callers then read no string and no stream, rather than garbage.
 * RC4 is written here: OpenSSL 3 ships it only in its legacy provider.
 */

export type CryptMethod = 'none' | 'rc4' | 'aesv2' | 'aesv3';

export interface Decryptor {
  /** Decrypts a string or stream of object `num`/`gen`; null when the data is not valid. */
  decrypt(kind: 'string' | 'stream', num: number, gen: number, data: Uint8Array): Buffer | null;
}

export type Encryption =
  | { kind: 'none' }
  | { kind: 'unreadable'; why: string; encryptMetadata: boolean }
  | { kind: 'ok'; decryptor: Decryptor; encryptMetadata: boolean };

/** The 32-byte padding string of Algorithm 2 (ISO 32000-1 §7.6.3.3). */
export const PASSWORD_PAD = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);

/** RC4 (the stream cipher is its own inverse). */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

function bytesOf(v: PdfValue | undefined): Buffer | null {
  return v?.kind === 'string' ? Buffer.from(v.bytes) : null;
}

/** Algorithm 2: the file key of R2-R4 for the empty user password. */
export function legacyFileKey(p: {
  o: Uint8Array;
  permissions: number;
  id0: Uint8Array;
  revision: number;
  keyBytes: number;
  encryptMetadata: boolean;
}): Buffer {
  const perms = Buffer.alloc(4);
  perms.writeInt32LE(p.permissions | 0);
  const parts: Uint8Array[] = [PASSWORD_PAD, p.o.subarray(0, 32), perms, p.id0];
  if (p.revision >= 4 && !p.encryptMetadata) parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let h = md5(...parts);
  const n = p.revision === 2 ? 5 : p.keyBytes;
  if (p.revision >= 3) for (let i = 0; i < 50; i++) h = md5(h.subarray(0, n));
  return h.subarray(0, n);
}

/** Algorithms 4 and 5: the /U value the file key gives for the empty user password. */
export function legacyUserCheck(key: Uint8Array, revision: number, id0: Uint8Array): Buffer {
  if (revision === 2) return rc4(key, PASSWORD_PAD);
  let x = rc4(key, md5(PASSWORD_PAD, id0));
  for (let i = 1; i <= 19; i++)
    x = rc4(
      key.map((b) => b ^ i),
      x,
    );
  return x; // 16 bytes: compared with the first 16 of /U
}

/** Algorithm 2.B (ISO 32000-2): the R6 hash of a password with a salt (user: no extra data). */
export function hashR6(password: Uint8Array, salt: Uint8Array, udata: Uint8Array): Buffer {
  let k: Buffer = createHash('sha256').update(password).update(salt).update(udata).digest();
  for (let round = 0; ; ) {
    const unit = Buffer.concat([password, k, udata]);
    const k1 = Buffer.concat(Array.from({ length: 64 }, () => unit));
    const cipher = createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32));
    cipher.setAutoPadding(false);
    const e = Buffer.concat([cipher.update(k1), cipher.final()]);
    // The first 16 bytes as a number mod 3 is the sum of those bytes mod 3 (256 ≡ 1 mod 3).
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i]!;
    const algo = ['sha256', 'sha384', 'sha512'][sum % 3]!;
    k = createHash(algo).update(e).digest();
    round++;
    if (round >= 64 && e[e.length - 1]! <= round - 32) break;
  }
  return k.subarray(0, 32);
}

function hashFor(revision: number, salt: Uint8Array): Buffer {
  const empty = Buffer.alloc(0);
  return revision === 5 ? createHash('sha256').update(salt).digest() : hashR6(empty, salt, empty);
}

function aesDecrypt(key: Uint8Array, data: Uint8Array): Buffer | null {
  // 16-byte IV, then whole blocks; an empty string may be written as the IV alone.
  if (data.length < 16 || data.length % 16 !== 0) return null;
  if (data.length === 16) return Buffer.alloc(0);
  try {
    const algo = key.length === 32 ? 'aes-256-cbc' : 'aes-128-cbc';
    const d = createDecipheriv(algo, key, data.subarray(0, 16));
    return Buffer.concat([d.update(data.subarray(16)), d.final()]);
  } catch {
    return null; // bad padding: not data encrypted with this key
  }
}

function methodOf(encrypt: PdfValue, filterName: string | undefined): CryptMethod | null {
  // No /StrF or /StmF means Identity: not encrypted.
  if (filterName === undefined || filterName === 'Identity') return 'none';
  const cfm = asName(dictGet(dictGet(dictGet(encrypt, 'CF'), filterName), 'CFM'));
  if (cfm === 'None') return 'none';
  if (cfm === 'V2') return 'rc4';
  if (cfm === 'AESV2') return 'aesv2';
  if (cfm === 'AESV3') return 'aesv3';
  return null;
}

/**
 * Opens the encryption of a file from its /Encrypt dictionary (resolved) and the first
 * string of the trailer's /ID. `encrypt` undefined: not encrypted.
 */
export function openEncryption(encrypt: PdfValue | undefined, id0: Uint8Array | null): Encryption {
  if (encrypt === undefined) return { kind: 'none' };
  const em = dictGet(encrypt, 'EncryptMetadata');
  const encryptMetadata = !(em?.kind === 'bool' && em.value === false);
  const unreadable = (why: string): Encryption => ({ kind: 'unreadable', why, encryptMetadata });
  if (encrypt.kind !== 'dict') return unreadable('no encryption dictionary');
  if (asName(dictGet(encrypt, 'Filter')) !== 'Standard') {
    return unreadable('not the standard security handler');
  }
  const v = asNumber(dictGet(encrypt, 'V')) ?? 0;
  const r = asNumber(dictGet(encrypt, 'R'));
  const o = bytesOf(dictGet(encrypt, 'O'));
  const u = bytesOf(dictGet(encrypt, 'U'));
  const permissions = asNumber(dictGet(encrypt, 'P'));
  if (r === undefined || !o || !u || permissions === undefined) {
    return unreadable('incomplete encryption dictionary');
  }

  let strMethod: CryptMethod | null;
  let stmMethod: CryptMethod | null;
  if (v === 1 || v === 2) {
    strMethod = 'rc4';
    stmMethod = 'rc4';
  } else if (v === 4 || v === 5) {
    strMethod = methodOf(encrypt, asName(dictGet(encrypt, 'StrF')));
    stmMethod = methodOf(encrypt, asName(dictGet(encrypt, 'StmF')));
  } else {
    return unreadable(`encryption version ${v}`);
  }
  if (strMethod === null || stmMethod === null) {
    return unreadable('unknown crypt filter method');
  }

  let fileKey: Buffer;
  if (r >= 2 && r <= 4) {
    if (!id0) return unreadable('no /ID in the trailer');
    const bits = asNumber(dictGet(encrypt, 'Length')) ?? (v === 4 ? 128 : 40);
    const keyBytes = Math.round(bits / 8);
    if (keyBytes < 5 || keyBytes > 16) return unreadable('bad key length');
    fileKey = legacyFileKey({ o, permissions, id0, revision: r, keyBytes, encryptMetadata });
    const check = legacyUserCheck(fileKey, r, id0);
    const len = r === 2 ? 32 : 16;
    if (u.length < len || !check.subarray(0, len).equals(u.subarray(0, len))) {
      return unreadable('needs a user password');
    }
  } else if (r === 5 || r === 6) {
    const ue = bytesOf(dictGet(encrypt, 'UE'));
    if (u.length < 48 || !ue || ue.length < 32) {
      return unreadable('incomplete encryption dictionary');
    }
    if (!hashFor(r, u.subarray(32, 40)).equals(u.subarray(0, 32))) {
      return unreadable('needs a user password');
    }
    const d = createDecipheriv('aes-256-cbc', hashFor(r, u.subarray(40, 48)), Buffer.alloc(16));
    d.setAutoPadding(false);
    fileKey = Buffer.concat([d.update(ue.subarray(0, 32)), d.final()]);
  } else {
    return unreadable(`security handler revision ${r}`);
  }

  const decryptor: Decryptor = {
    decrypt(kind, num, gen, data) {
      const method = kind === 'string' ? strMethod : stmMethod;
      if (method === 'none') return Buffer.from(data);
      if (method === 'aesv3') return aesDecrypt(fileKey, data);
      const key = objectKey(fileKey, num, gen, method === 'aesv2');
      return method === 'rc4' ? rc4(key, data) : aesDecrypt(key, data);
    },
  };
  return { kind: 'ok', decryptor, encryptMetadata };
}

/** Algorithm 1: the key of one object (R2-R4). */
export function objectKey(fileKey: Uint8Array, num: number, gen: number, aes: boolean): Buffer {
  const suffix = Buffer.from([
    num & 0xff,
    (num >> 8) & 0xff,
    (num >> 16) & 0xff,
    gen & 0xff,
    (gen >> 8) & 0xff,
  ]);
  const h = aes ? md5(fileKey, suffix, Buffer.from('sAlT', 'latin1')) : md5(fileKey, suffix);
  return h.subarray(0, Math.min(fileKey.length + 5, 16));
}
