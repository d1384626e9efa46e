// Who is using the page. Anonymous (role `public`) until the accounts work signs someone in; a base module so that
// api.js can take a token from here and any view can ask what the role allows.

export const ROLES = ['public', 'chief', 'office', 'admin'];

class Session {
  #user = null;
  #listeners = [];

  /** The signed-in user ({ name, role, area_code?, chief_id? }), or null when anonymous. */
  get user() { return this.#user; }

  get role() { return this.#user?.role ?? 'public'; }

  /** Whether the current role is one of `roles`; no list means everyone. */
  allows(roles) { return !roles || roles.includes(this.role); }

  set(user) {
    if (user && !ROLES.includes(user.role)) throw new Error(`unknown role: ${user.role}`);
    this.#user = user ? Object.freeze({ ...user }) : null;
    this.#listeners.forEach(fn => fn(this.#user));
  }

  clear() { this.set(null); }

  /**
   * Headers naming the signed-in user to the service. Until accounts and tokens exist (issue 10) these are the
   * identity headers a gateway would set (README: Access); anonymous pages send none.
   */
  authHeaders() {
    const u = this.#user;
    if (!u) return {};
    const headers = { 'X-RiverGis-Role': u.role };
    if (u.chief_id) headers['X-RiverGis-Chief-Id'] = u.chief_id;
    if (u.area_code) headers['X-RiverGis-Area-Code'] = u.area_code;
    return headers;
  }

  onChange(fn) { this.#listeners.push(fn); }
}

export const session = new Session();
