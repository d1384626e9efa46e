// The phone's memory for a patrol (IndexedDB): the patrol under way, its GPS fixes as they come, and what waits to be
// sent — photos, problems reported on the way, finished patrols — so nothing is lost while the network is down.

const DB = 'rivergis-patrol';

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export class PatrolQueue {
  constructor(db) { this.db = db; }

  static async open() {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('meta');
      db.createObjectStore('fixes', { autoIncrement: true }).createIndex('patrol', 'patrol');
      db.createObjectStore('items', { keyPath: 'id' }).createIndex('kind', 'kind');
    };
    return new PatrolQueue(await request(open));
  }

  store(name, mode = 'readonly') { return this.db.transaction(name, mode).objectStore(name); }

  /** The patrol under way ({ id, started }), or undefined. */
  current() { return request(this.store('meta').get('current')); }

  setCurrent(patrol) { return request(this.store('meta', 'readwrite').put(patrol, 'current')); }

  clearCurrent() { return request(this.store('meta', 'readwrite').delete('current')); }

  addFix(patrol, fix) { return request(this.store('fixes', 'readwrite').add({ patrol, ...fix })); }

  /** The fixes of a patrol in the order they came. */
  fixes(patrol) { return request(this.store('fixes').index('patrol').getAll(patrol)); }

  async dropFixes(patrol) {
    const keys = await request(this.store('fixes').index('patrol').getAllKeys(patrol));
    const store = this.store('fixes', 'readwrite');
    await Promise.all(keys.map(k => request(store.delete(k))));
  }

  /** Something to send: { id, kind: 'photo' | 'report' | 'patrol', patrol, … }. */
  put(item) { return request(this.store('items', 'readwrite').put(item)); }

  items(kind) { return request(this.store('items').index('kind').getAll(kind)); }

  remove(id) { return request(this.store('items', 'readwrite').delete(id)); }
}
