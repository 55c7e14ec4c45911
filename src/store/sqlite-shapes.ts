import type Database from 'better-sqlite3';
import type { ShapeBook } from './compact.js';

/** Shapes kept at most: past it, new key lists stay plain JSON objects (see compact.ts). */
const MAX_SHAPES = 4_096;

/**
 * The shape dictionary of the compact encoding, in the `shapes` table. A new shape is committed
 * on its own as soon as it is named, before any row using it is written, so no row can ever
 * name a shape the file lacks; one named by another process is read when first met.
 * Call `idOf` outside a transaction (a rolled-back one would take the shape with it).
 */
export function sqliteShapeBook(db: Database.Database): ShapeBook {
  const insert = db.prepare<[string]>('INSERT OR IGNORE INTO shapes (keys) VALUES (?)');
  const byKeys = db.prepare<[string], { id: number }>('SELECT id FROM shapes WHERE keys = ?');
  const byId = db.prepare<[number], { keys: string }>('SELECT keys FROM shapes WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM shapes');
  const ids = new Map<string, number>();
  const lists = new Map<number, readonly string[]>();
  let full = false;
  return {
    idOf(keys) {
      const name = JSON.stringify(keys);
      const known = ids.get(name);
      if (known !== undefined) return known;
      let row = byKeys.get(name);
      if (!row) {
        if (full || (count.get() as { n: number }).n >= MAX_SHAPES) {
          full = true;
          return null;
        }
        insert.run(name);
        row = byKeys.get(name) as { id: number };
      }
      ids.set(name, row.id);
      lists.set(row.id, keys);
      return row.id;
    },
    keysOf(id) {
      const known = lists.get(id);
      if (known) return known;
      const row = byId.get(id);
      if (!row) throw new Error(`the history names a document shape (${id}) it does not hold`);
      const keys = JSON.parse(row.keys) as string[];
      lists.set(id, keys);
      ids.set(row.keys, id);
      return keys;
    },
  };
}
