//! The staff console at `/staff`: sign-in (Argon2id passwords, a growing delay after failures),
//! a session cookie (HttpOnly, SameSite=Strict, Path=/staff, Secure behind TLS, 8 hours), a CSRF
//! token on every form, sign-out, program totals and the audit log. Every route but sign-in
//! refuses a signed-out request. The console never receives entry content; it cannot decrypt any.

mod directory;
mod pages;
mod people;

use std::time::Duration;

use axum::Form;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Deserialize;

use super::ServerState;
use super::staff_store::StaffSession;
use crate::crypto::{random_bytes, same_secret, sha256_hex, verify_password};

const SESSION_COOKIE: &str = "steady_staff";
const SIGN_IN_COOKIE: &str = "steady_sign_in";
const SESSION_SECONDS: i64 = 8 * 3600;
/// Forms are small; anything bigger is refused before it is read.
const MAX_FORM_BYTES: usize = 16 * 1024;

pub(crate) fn routes(state: ServerState) -> Router {
    Router::new()
        .route("/staff", get(home))
        .route("/staff/sign-in", get(sign_in_page).post(sign_in))
        .route("/staff/sign-out", post(sign_out))
        .route("/staff/audit", get(audit))
        .route("/staff/directory", get(directory::show))
        .route("/staff/directory/save", post(directory::save))
        .route("/staff/directory/change", post(directory::change))
        .route("/staff/directory/publish", post(directory::publish))
        .route("/staff/people", get(people::show))
        .route("/staff/people/invite", post(people::invite))
        .route("/staff/people/{action}", post(people::act))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .with_state(state)
}

fn token() -> String {
    random_bytes().map(|b| B64.encode(b)).unwrap_or_default()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn set_cookie(state: &ServerState, name: &str, value: &str, max_age: i64) -> String {
    let secure = if state.behind_tls { "; Secure" } else { "" };
    format!("{name}={value}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

fn refusal(status: StatusCode, words: &str, message: &str) -> Response {
    (status, Html(pages::refused(words, message))).into_response()
}

fn signed_out() -> Response {
    refusal(
        StatusCode::UNAUTHORIZED,
        "Please sign in",
        "You're signed out, or your session ended. Sign in to continue.",
    )
}

/// The signed-in staff member, if the session cookie is valid.
fn session(state: &ServerState, headers: &HeaderMap) -> Option<StaffSession> {
    let token = cookie(headers, SESSION_COOKIE)?;
    state
        .store
        .staff_session(&sha256_hex(token.as_bytes()), super::now())
        .ok()
        .flatten()
}

/// The session, after checking the form's CSRF token against it.
fn session_for_form(
    state: &ServerState,
    headers: &HeaderMap,
    csrf: &str,
) -> Result<StaffSession, Box<Response>> {
    let session = session(state, headers).ok_or_else(|| Box::new(signed_out()))?;
    if same_secret(session.csrf.as_bytes(), csrf.as_bytes()) {
        Ok(session)
    } else {
        Err(Box::new(refusal(
            StatusCode::FORBIDDEN,
            "That form had expired",
            "For your safety the form was not sent. Go back, reload the page and try again.",
        )))
    }
}

/// A form that carries a CSRF token.
pub(crate) trait WithCsrf {
    fn csrf(&self) -> &str;
}

/// The signed-in staff member and their form, in the order every console form is checked:
/// signed out is answered as such before the form is read; then the form must be readable; then
/// its CSRF token must match the session's.
pub(crate) fn signed_in_form<T: WithCsrf>(
    state: &ServerState,
    headers: &HeaderMap,
    form: Result<Form<T>, axum::extract::rejection::FormRejection>,
) -> Result<(StaffSession, T), Box<Response>> {
    if session(state, headers).is_none() {
        return Err(Box::new(signed_out()));
    }
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return Err(Box::new(unreadable_form(&rejection))),
    };
    let session = session_for_form(state, headers, form.csrf())?;
    Ok((session, form))
}

async fn home(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(session) = session(&state, &headers) else {
        return Redirect::to("/staff/sign-in").into_response();
    };
    let totals = state.store.totals(super::now()).unwrap_or_default();
    let program = state.store.program_name().unwrap_or_default();
    Html(pages::home(&session.name, &session.csrf, &program, &totals)).into_response()
}

async fn audit(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(session) = session(&state, &headers) else {
        return signed_out();
    };
    let lines = state.store.audit_log(500).unwrap_or_default();
    Html(pages::audit(&session.name, &session.csrf, &lines)).into_response()
}

fn sign_in_form(
    state: &ServerState,
    problem: Option<&str>,
    name: &str,
    status: StatusCode,
) -> Response {
    let csrf = token();
    (
        status,
        [(
            header::SET_COOKIE,
            set_cookie(state, SIGN_IN_COOKIE, &csrf, 3600),
        )],
        Html(pages::sign_in(&csrf, problem, name)),
    )
        .into_response()
}

async fn sign_in_page(State(state): State<ServerState>) -> Response {
    sign_in_form(&state, None, "", StatusCode::OK)
}

/// A form that could not be read: too big (413) or not the form this page sends (400).
fn unreadable_form(rejection: &axum::extract::rejection::FormRejection) -> Response {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            "That was too much",
            "The form was bigger than the console accepts, so nothing was saved.",
        )
    } else {
        refusal(
            StatusCode::BAD_REQUEST,
            "That didn't work",
            "The form could not be read. Reload the page and try again.",
        )
    }
}

#[derive(Deserialize)]
struct SignIn {
    csrf: String,
    name: String,
    password: String,
}

/// How long to wait before answering after `failed` wrong passwords in a row: nothing at first,
/// then 0.5 s, 1 s, 2 s ... up to 16 s, so guessing is slow and a typo costs nothing.
pub fn sign_in_delay(failed: u32) -> Duration {
    match failed {
        0..=2 => Duration::ZERO,
        n => Duration::from_millis(500u64 << (n - 3).min(5)),
    }
}

async fn sign_in(
    State(state): State<ServerState>,
    headers: HeaderMap,
    form: Result<Form<SignIn>, axum::extract::rejection::FormRejection>,
) -> Response {
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => return unreadable_form(&rejection),
    };
    let expected = cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_secret(expected.as_bytes(), form.csrf.as_bytes()) {
        return sign_in_form(
            &state,
            Some("For your safety that form was not sent. Please sign in again."),
            &form.name,
            StatusCode::FORBIDDEN,
        );
    }
    let account = state.store.staff_login(form.name.trim()).ok().flatten();
    let failed = account.as_ref().map_or(0, |(_, _, failed)| *failed);
    tokio::time::sleep(sign_in_delay(failed)).await;
    let verified = match &account {
        Some((_, hash, _)) => verify_password(&form.password, hash),
        None => {
            // Spend the same effort for an unknown name, so timing doesn't reveal who exists.
            let _ = verify_password(&form.password, DUMMY_HASH);
            false
        }
    };
    let Some((staff_id, _, _)) = account.filter(|_| verified) else {
        let _ = state.store.sign_in_failed(form.name.trim());
        tracing::info!("a staff sign-in failed");
        return sign_in_form(
            &state,
            Some("That name and password don't match. Check them and try again."),
            &form.name,
            StatusCode::UNAUTHORIZED,
        );
    };
    let session_token = token();
    let now = super::now();
    if state
        .store
        .start_session(
            &staff_id,
            &sha256_hex(session_token.as_bytes()),
            &token(),
            now + SESSION_SECONDS,
        )
        .is_err()
    {
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry",
            "Signing in failed. Try again soon.",
        );
    }
    let _ = state.store.audit(form.name.trim(), "signed in", "", now);
    let mut response = Redirect::to("/staff").into_response();
    let headers = response.headers_mut();
    for value in [
        set_cookie(&state, SESSION_COOKIE, &session_token, SESSION_SECONDS),
        set_cookie(&state, SIGN_IN_COOKIE, "", 0),
    ] {
        if let Ok(value) = value.parse() {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

async fn sign_out(
    State(state): State<ServerState>,
    headers: HeaderMap,
    form: Result<Form<CsrfOnly>, axum::extract::rejection::FormRejection>,
) -> Response {
    if session(&state, &headers).is_none() {
        return signed_out();
    }
    let csrf = form.map(|Form(f)| f.csrf).unwrap_or_default();
    let session = match session_for_form(&state, &headers, &csrf) {
        Ok(session) => session,
        Err(response) => return *response,
    };
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        let _ = state.store.end_session(&sha256_hex(token.as_bytes()));
    }
    let _ = state
        .store
        .audit(&session.name, "signed out", "", super::now());
    (
        [(
            header::SET_COOKIE,
            set_cookie(&state, SESSION_COOKIE, "", 0),
        )],
        Redirect::to("/staff/sign-in"),
    )
        .into_response()
}

/// A valid hash of a random password, checked against for unknown names.
const DUMMY_HASH: &str = "argon2id$v=19$m=19456,t=2,p=1$c3RlYWR5LWR1bW15LXNhbHQ$4mK4Kx7rR0c9n1bZb2u0m9o8Hc2m3n1b2V5x6y7z8A0";
