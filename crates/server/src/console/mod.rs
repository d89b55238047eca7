//! The staff console at `/staff`: sign-in (Argon2id passwords checked off the async workers; a
//! throttle per name, per name and address, and per address that locks after a few wrong tries,
//! counted before the password is checked so parallel guesses are locked out too, and the same
//! for names that do not exist), a session cookie (HttpOnly, SameSite=Strict, Path=/staff, Secure
//! unless the console is on this machine without TLS, 8 hours), a CSRF token on every form,
//! security headers on every page (a strict CSP, no framing, no referrer, no caching), sign-out,
//! program totals and the audit log. Every route but sign-in refuses a signed-out request. The
//! console never receives entry content; it cannot decrypt any.

mod care;
mod inbox;
pub(crate) use care::published_safeguarding;
mod directory;
mod leads;
mod pages;
mod people;

use axum::Form;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ServerState;
use super::staff_seal::{SessionRow, StaffAccount};
use crate::storage::staff::{Audited, StaffSession};
use steady_core::crypto::{random_bytes, same_secret, sha256_hex, verify_password};
use steady_core::i18n::Lang;

const SESSION_COOKIE: &str = "steady_staff";
const SIGN_IN_COOKIE: &str = "steady_sign_in";
const SESSION_SECONDS: i64 = 8 * 3600;
/// Marks a browser that has signed in to an account with its right password (see
/// [`known_browser_mark`]); kept half a year, and across signing out.
const KNOWN_COOKIE: &str = "steady_known";
const KNOWN_SECONDS: i64 = 183 * 86_400;
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
        .route("/staff/directory/add-line", post(directory::add_line))
        .route("/staff/care", get(care::show_care).post(care::save_care))
        .route("/staff/safeguarding", get(inbox::show_inbox))
        .route("/staff/safeguarding/setup", post(inbox::setup))
        .route("/staff/safeguarding/handled", post(inbox::handled))
        .route("/staff/safeguarding/lead-key", post(leads::set_lead_key))
        .route("/staff/safeguarding/grant", post(leads::grant))
        .route("/staff/safeguarding/add-lead", post(leads::add_lead))
        .route("/staff/safeguarding/remove-lead", post(leads::remove_lead))
        .route("/staff/people", get(people::show))
        .route("/staff/people/invite", post(people::invite))
        .route("/staff/people/{action}", post(people::act))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .layer(axum::middleware::from_fn(in_browser_language))
        // Outside the language's task-local, so the page is drawn inside it; inside the
        // security headers, so every answer has them.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            off_the_async_workers,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Every console page: only the console's own stylesheet and copy script, nothing framing it, no
/// referrer leaving it, and nothing cached (pages show people's names and invite codes).
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        ("content-security-policy", pages::content_security_policy()),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
        ("x-content-type-options", "nosniff"),
    ] {
        if let Ok(value) = axum::http::HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    response
}

tokio::task_local! {
    /// The language of the request being answered (its browser's), for every word rendered.
    static LANG: Lang;
}

/// The language this request's page is written in.
pub(crate) fn lang() -> Lang {
    LANG.try_with(|lang| *lang).unwrap_or_default()
}

/// `c!("key", name = value)`: a console message in the request's language.
macro_rules! c {
    ($($args:tt)*) => {
        steady_core::t!($crate::console::lang(), $($args)*)
    };
}
pub(crate) use c;

/// Answers in the browser's language (its `Accept-Language`); `en-XA` first asks for the
/// pseudo-language the tests read every page in.
async fn in_browser_language(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let header = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let lang = if header
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("en-xa")
    {
        Lang::Pseudo
    } else {
        Lang::from_accept_language(header)
    };
    LANG.scope(lang, next.run(request)).await
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
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    format!("{name}={value}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

fn refusal(status: StatusCode, words: &str, message: &str) -> Response {
    (status, Html(pages::refused(words, message))).into_response()
}

fn signed_out() -> Response {
    refusal(
        StatusCode::UNAUTHORIZED,
        &c!("con-please-sign-in"),
        &c!("con-signed-out"),
    )
}

/// The signed-in staff member, if the session cookie is valid.
fn session(state: &ServerState, headers: &HeaderMap) -> Option<StaffSession> {
    let token = cookie(headers, SESSION_COOKIE)?;
    super::staff_seal::session(state, &sha256_hex(token.as_bytes()), super::now())
}

/// A form that carries a CSRF token.
pub(crate) trait WithCsrf {
    fn csrf(&self) -> &str;
}

/// How many console requests run on the blocking pool at once; the rest wait their turn on the
/// async side, holding no thread. Staff are few, and the sync API's writes share that pool.
pub(crate) const CONSOLE_AT_ONCE: usize = 16;

/// Middleware for every console page and form: the request runs on the blocking pool, not on an
/// async worker, since a page makes many store calls and draws its HTML. The form is read first,
/// on the async side (so a client sending it slowly holds no thread), and at most
/// [`CONSOLE_AT_ONCE`] run at a time. (The sync API keeps its hot path on the workers: an unchanged
/// pull touches no database, a write goes to the blocking pool, and every PostgreSQL wait steps off
/// its worker by itself. Putting every API call on the blocking pool halved the unchanged pulls a
/// node serves; see README's performance table.)
async fn off_the_async_workers(
    State(state): State<ServerState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, MAX_FORM_BYTES + 1).await {
        Ok(bytes) => bytes,
        // Too big: passed on as too big, so the form is refused as such, in the reader's words.
        Err(_) => axum::body::Bytes::from(vec![b'x'; MAX_FORM_BYTES + 1]),
    };
    let request = axum::extract::Request::from_parts(parts, axum::body::Body::from(body));
    let Ok(_turn) = state.console_slots.clone().acquire_owned().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let runtime = tokio::runtime::Handle::current();
    match tokio::task::spawn_blocking(move || runtime.block_on(next.run(request))).await {
        Ok(response) => response,
        // The handler panicked: nothing it did was kept.
        Err(_) => refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            &c!("con-sorry"),
            &c!("con-not-saved"),
        ),
    }
}

/// Notes an action in the audit log before it is taken, for the few whose store write the
/// command line shares and so cannot carry the line itself (signing in, an invite, a new invite
/// code, a lead added). No line, no action: when the log cannot be written, the person is told
/// and nothing is done. Should the action then fail, [`did_not_go_through`] says so in the log.
/// (Every other write keeps its line in its own transaction.)
pub(crate) fn noted_first(
    state: &ServerState,
    staff: &str,
    action: &str,
    detail: &str,
) -> Result<(), Box<Response>> {
    state
        .store
        .audit(staff, action, detail, super::now())
        .map_err(|err| {
            tracing::error!("the audit log could not be written, so nothing was done: {err}");
            Box::new(refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                &c!("con-sorry"),
                &c!("con-not-logged"),
            ))
        })
}

/// After [`noted_first`], when the action then failed: the log says it did not go through, so it
/// never claims what did not happen. Best effort: the log was just written, and this is a note.
pub(crate) fn did_not_go_through(state: &ServerState, staff: &str, action: &str, detail: &str) {
    let what = if detail.is_empty() {
        action.to_owned()
    } else {
        format!("{action}: {detail}")
    };
    if let Err(err) = state
        .store
        .audit(staff, "an action did not go through", &what, super::now())
    {
        tracing::error!("the audit log could not say an action failed: {err}");
    }
}

/// A signed-in staff member's form: the only way a console handler gets a form, or a session to
/// act with on a POST. Answered in this order: signed out (the session is looked up once, before
/// the form is read), then a form that cannot be read, then a CSRF token that is not the
/// session's.
pub(crate) struct StaffForm<T> {
    pub session: StaffSession,
    pub form: T,
}

impl<T> FromRequest<ServerState> for StaffForm<T>
where
    T: WithCsrf + DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &ServerState) -> Result<Self, Response> {
        let session = session(state, request.headers());
        let form = Form::<T>::from_request(request, state).await;
        let Some(session) = session else {
            return Err(signed_out());
        };
        let form = match form {
            Ok(Form(form)) => form,
            Err(rejection) => return Err(unreadable_form(&rejection)),
        };
        if !same_secret(session.csrf.as_bytes(), form.csrf().as_bytes()) {
            return Err(refusal(
                StatusCode::FORBIDDEN,
                &c!("con-form-expired"),
                &c!("con-form-expired-body"),
            ));
        }
        Ok(StaffForm { session, form })
    }
}

/// A signed-in safeguarding lead's form, as [`StaffForm`], or the answer that only they can do
/// this.
pub(crate) struct SafeguardingForm<T> {
    pub session: StaffSession,
    pub form: T,
}

impl<T> FromRequest<ServerState> for SafeguardingForm<T>
where
    T: WithCsrf + DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &ServerState) -> Result<Self, Response> {
        let StaffForm { session, form } = StaffForm::from_request(request, state).await?;
        if !session.safeguarding {
            return Err(inbox::safeguarding_only());
        }
        Ok(SafeguardingForm { session, form })
    }
}

async fn home(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(session) = session(&state, &headers) else {
        return Redirect::to("/staff/sign-in").into_response();
    };
    let totals = state.store.totals(super::now()).unwrap_or_default();
    let program = state.store.program_name().unwrap_or_default();
    Html(pages::home(&session.name, &session.csrf, &program, &totals)).into_response()
}

/// Audit actions whose detail names a young person in a safeguarding matter.
const CARE_ACTIONS: [&str; 2] = ["raised a concern", "reported a note"];

async fn audit(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(session) = session(&state, &headers) else {
        return signed_out();
    };
    let mut lines = state.store.audit_log(500).unwrap_or_default();
    // Who a concern or a report was about is for safeguarding staff: everyone else sees that
    // one was raised (the log stays whole), not about whom or whether they were told.
    if !session.safeguarding {
        for line in lines
            .iter_mut()
            .filter(|line| CARE_ACTIONS.contains(&line.action.as_str()))
        {
            // Who raised it names the young person too (a report is raised by the mentee; a
            // mentor with one mentee names them).
            line.staff = steady_core::i18n::Phrase::new("audit-who-someone", &[]).to_text();
            line.detail =
                steady_core::i18n::Phrase::new("audit-detail-safeguarding-only", &[]).to_text();
        }
    }
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
            &c!("con-too-much"),
            &c!("con-too-much-body"),
        )
    } else {
        refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-unreadable"),
        )
    }
}

#[derive(Deserialize)]
struct SignIn {
    csrf: String,
    name: String,
    password: String,
}

/// Free wrong tries before a lock: for one name from one address, for one name from anywhere
/// (many addresses guessing one account), and for one address (one machine guessing many names).
const FREE_FOR_NAME_AND_ADDRESS: u32 = 5;
const FREE_FOR_NAME: u32 = 30;
const FREE_FOR_ADDRESS: u32 = 20;

/// `nonce.tag`: the tag an HMAC-SHA256, keyed by the account's password hash, over the account's
/// id and the nonce. Only the server can make one (the hash never leaves it), it names one
/// account, and a new password forgets every browser that was known before.
fn known_browser_mark(staff_id: &str, password_hash: &str, nonce: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, password_hash.as_bytes());
    let mut message = b"steady-known-browser-v1\0".to_vec();
    message.extend_from_slice(staff_id.as_bytes());
    message.push(0);
    message.extend_from_slice(nonce.as_bytes());
    let tag = ring::hmac::sign(&key, &message);
    format!("{nonce}.{}", B64.encode(tag.as_ref()))
}

/// The nonce of this browser's mark, when it holds a good one for `account`.
fn known_browser(headers: &HeaderMap, account: Option<&StaffAccount>) -> Option<String> {
    let account = account?;
    let mark = cookie(headers, KNOWN_COOKIE)?;
    let (nonce, _) = mark.split_once('.')?;
    let expected = known_browser_mark(&account.id, &account.password_hash, nonce);
    same_secret(expected.as_bytes(), mark.as_bytes()).then(|| nonce.to_owned())
}

/// The throttle's keys for a try at `name` from `peer`. A browser that has signed in to this
/// account before (its mark's `nonce`) is counted on its own: guesses at the name from anywhere
/// else, however many, never lock the account's own browser out; its own wrong tries still lock
/// it after as many as one address gets.
fn throttle_keys(
    name: &str,
    peer: Option<std::net::IpAddr>,
    known: Option<&str>,
) -> Vec<(String, u32)> {
    if let Some(nonce) = known {
        return vec![(format!("known:{nonce}"), FREE_FOR_NAME_AND_ADDRESS)];
    }
    let name = name.to_lowercase();
    let address = peer.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    vec![
        (format!("pair:{name}|{address}"), FREE_FOR_NAME_AND_ADDRESS),
        (format!("name:{name}"), FREE_FOR_NAME),
        (format!("addr:{address}"), FREE_FOR_ADDRESS),
    ]
}

/// Whole minutes until `until`, at least one.
fn minutes_until(until: i64, now: i64) -> i64 {
    ((until - now + 59) / 60).max(1)
}

async fn sign_in(
    State(state): State<ServerState>,
    peer: super::api::Peer,
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
            Some(&c!("con-sign-in-again")),
            &form.name,
            StatusCode::FORBIDDEN,
        );
    }
    // No account's name holds a control character, and PostgreSQL cannot even look one with a
    // zero up: such a name is counted and checked as the unknown name it is.
    let name = form.name.trim().replace(char::is_control, "\u{FFFD}");
    // Only an account the program key sealed can sign in (see `staff_seal`).
    let account = super::staff_seal::login(&state, &name);
    let known = known_browser(&headers, account.as_ref());
    let keys = throttle_keys(&name, peer.0, known.as_deref());
    let now = super::now();
    // Counted before the password is checked, for known and unknown names alike.
    match state.store.throttle_try(&keys, now) {
        Ok(None) => {}
        Ok(Some(until)) => {
            tracing::info!("a staff sign-in was refused: too many wrong tries");
            return sign_in_form(
                &state,
                Some(&c!(
                    "con-too-many-tries",
                    minutes = minutes_until(until, now)
                )),
                &form.name,
                StatusCode::TOO_MANY_REQUESTS,
            );
        }
        Err(_) => {
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                &c!("con-sorry"),
                &c!("con-sign-in-failed"),
            );
        }
    }
    // An unknown name costs the same Argon2 work, so timing doesn't reveal who exists.
    let hash = account.as_ref().map_or_else(
        || DUMMY_HASH.to_owned(),
        |account| account.password_hash.clone(),
    );
    let password = form.password.clone();
    let verified = {
        let _slot = state.password_slots.acquire().await;
        tokio::task::spawn_blocking(move || verify_password(&password, &hash))
            .await
            .unwrap_or(false)
    };
    let Some(account) = account.filter(|_| verified) else {
        tracing::info!("a staff sign-in failed");
        return sign_in_form(
            &state,
            Some(&c!("con-no-match")),
            &form.name,
            StatusCode::UNAUTHORIZED,
        );
    };
    // The name (or this browser) starts again; the address only gets back the try this
    // sign-in counted.
    let (clear, release) = keys.split_at(keys.len().min(2));
    let _ = state.store.throttle_settle(
        &clear.iter().map(|(key, _)| key.clone()).collect::<Vec<_>>(),
        release,
    );
    let mark = known_browser_mark(&account.id, &account.password_hash, &token());
    let session_token = token();
    let session = SessionRow {
        token_hash: sha256_hex(session_token.as_bytes()),
        staff_id: account.id.clone(),
        csrf: token(),
        expires_at: now + SESSION_SECONDS,
    };
    if let Err(refused) = noted_first(&state, &name, "signed in", "") {
        return *refused;
    }
    if super::staff_seal::start_session(&state, &session).is_err() {
        did_not_go_through(&state, &name, "signed in", "");
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            &c!("con-sorry"),
            &c!("con-sign-in-failed"),
        );
    }
    let mut response = Redirect::to("/staff").into_response();
    let headers = response.headers_mut();
    for value in [
        set_cookie(&state, SESSION_COOKIE, &session_token, SESSION_SECONDS),
        set_cookie(&state, SIGN_IN_COOKIE, "", 0),
        set_cookie(&state, KNOWN_COOKIE, &mark, KNOWN_SECONDS),
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

impl WithCsrf for CsrfOnly {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

async fn sign_out(
    State(state): State<ServerState>,
    headers: HeaderMap,
    StaffForm { session, .. }: StaffForm<CsrfOnly>,
) -> Response {
    let line = Audited::now(&session.name, "signed out", "");
    let token = sha256_hex(
        cookie(&headers, SESSION_COOKIE)
            .unwrap_or_default()
            .as_bytes(),
    );
    // With its line in the log, or (when the log cannot be written) without: signing out always
    // works, since the next person at a shared computer must not find the console open.
    let ended = state.store.end_session(&token, Some(&line)).or_else(|err| {
        tracing::error!("signed out without an audit line, which could not be written: {err}");
        state.store.end_session(&token, None)
    });
    if ended.is_err() {
        return refusal(
            StatusCode::SERVICE_UNAVAILABLE,
            &c!("con-sorry"),
            &c!("con-sign-out-failed"),
        );
    }
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
