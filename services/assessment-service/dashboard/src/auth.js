// OpenID Connect authorization code flow with PKCE against Keycloak (public client brain-console): the
// page never sees a password, and the token stays in this tab's session storage.
const KEY = 'brain.assessment.token';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function redirectUri() {
  return window.location.origin + window.location.pathname;
}

async function login(config) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(KEY + '.verifier', verifier);
  sessionStorage.setItem(KEY + '.state', state);
  const query = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  window.location.assign(config.issuer + '/protocol/openid-connect/auth?' + query);
  return new Promise(() => {}); // the page is leaving
}

async function exchange(config, code) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUri(),
    code_verifier: sessionStorage.getItem(KEY + '.verifier') || '',
  });
  const response = await fetch(config.issuer + '/protocol/openid-connect/token', { method: 'POST', body });
  if (!response.ok) {
    throw new Error('Keycloak refused the login: ' + response.status + ' ' + await response.text());
  }
  const token = await response.json();
  sessionStorage.setItem(KEY, JSON.stringify({ access: token.access_token, expires: Date.now() + token.expires_in * 1000 }));
}

/** The access token, logging in first when there is none or it is about to expire. */
export async function accessToken(config) {
  const params = new URLSearchParams(window.location.search);
  if (params.has('code')) {
    if (params.get('state') !== sessionStorage.getItem(KEY + '.state')) {
      throw new Error('login state does not match: start again');
    }
    await exchange(config, params.get('code'));
    window.history.replaceState(null, '', redirectUri());
  }
  const stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (!stored || stored.expires - Date.now() < 15000) {
    return login(config);
  }
  return stored.access;
}

export function claims(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(part))));
}

export function logout(config) {
  sessionStorage.removeItem(KEY);
  window.location.assign(config.issuer + '/protocol/openid-connect/logout?' + new URLSearchParams({
    client_id: config.clientId, post_logout_redirect_uri: redirectUri(),
  }));
}
