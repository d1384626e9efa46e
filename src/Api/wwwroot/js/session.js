// Who is using the page: the signed-in user and role (anonymous = `public`), and the antiforgery token the page sends
// with its writes. A base module without HTTP (auth.js signs in and out), so that api.js can take the token from here
// and any view can ask what the role allows. The session itself is an HttpOnly cookie the page never sees.

export const ROLES = ['public', 'chief', 'office', 'admin'];

class Session {
  #user = null;
  #antiforgery = null;
  #listeners = [];

  /** The signed-in user ({ name, role, area_code?, chief_id?, username? }), or null when anonymous. */
  get user() { return this.#user; }

  get role() { return this.#user?.role ?? 'public'; }

  /** The antiforgery request token and its header ({ header, token }), or null before the session was read. */
  get antiforgery() { return this.#antiforgery; }

  /** Whether the current role is one of `roles`; no list means everyone. */
  allows(roles) { return !roles || roles.includes(this.role); }

  set(user) {
    if (user && !ROLES.includes(user.role)) throw new Error(`unknown role: ${user.role}`);
    this.#user = user ? Object.freeze({ ...user }) : null;
    this.#listeners.forEach(fn => fn(this.#user));
  }

  setAntiforgery(header, token) { this.#antiforgery = token ? Object.freeze({ header, token }) : null; }

  clear() { this.set(null); }

  onChange(fn) { this.#listeners.push(fn); }
}

export const session = new Session();
