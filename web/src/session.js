// SPDX-License-Identifier: AGPL-3.0-or-later
// Who is logged in. The session cookie itself is HttpOnly; we only keep the
// user record and the CSRF token that came with it.
import { setCsrf } from './api.js';

export const session = { user: null };

/** data: the body of /login or /me: {csrf_token, user}. */
export function setSession(data) {
  session.user = data.user;
  setCsrf(data.csrf_token);
}

export function clearSession() {
  session.user = null;
  setCsrf(null);
}
