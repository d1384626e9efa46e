// Signing in and out of the web app: POST /api/auth/login sets the HttpOnly, SameSite=Strict session cookie (the token
// never reaches script), GET /api/auth/session says who is signed in and gives the antiforgery token that api.js sends
// with every write, POST /api/auth/logout ends it. Base layer: no page elements.
import { fetchJson } from './api.js';
import { session } from './session.js';

/** The user of the API's session answer, in session.js's shape. */
const toUser = u => (u ? { ...u, name: u.display_name || u.username } : null);

/** Reads who is signed in (a page load keeps the session of the cookie) and the antiforgery token. */
export async function loadSession() {
  const { data } = await fetchJson('/api/auth/session');
  session.setAntiforgery(data.antiforgery_header, data.antiforgery_token);
  session.set(toUser(data.user));
  return session.user;
}

/** Signs in; throws ApiError (400 invalid_grant) on bad credentials. The antiforgery token is renewed for the new user. */
export async function signIn(username, password) {
  await fetchJson('/api/auth/login', {
    method: 'POST', body: JSON.stringify({ username, password }), headers: { 'Content-Type': 'application/json' },
  });
  return loadSession();
}

export async function signOut() {
  await fetchJson('/api/auth/logout', { method: 'POST' });
  return loadSession();
}
