//! The safeguarding inbox, for staff with the safeguarding role only. The inbox's key pair is
//! made in the browser and its concerns are opened there (assets/console/console.js): the server
//! holds the private key only sealed to each lead's own key, and concerns only sealed.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use dioxus::prelude::*;
use serde::Deserialize;

use super::care::published_safeguarding;
use super::pages::page;
use super::{SafeguardingForm, WithCsrf, c, refusal, session, signed_out};
use crate::storage::care::SafeguardingKeyRow;
use crate::storage::staff::{Audited, StaffSession};
use crate::{ServerState, now};
use steady_core::i18n::Phrase;

fn date_time(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).map_or_else(String::new, |t| {
        c!(
            "con-utc",
            date = t.format("%Y-%m-%d").to_string(),
            time = t.format("%H:%M").to_string()
        )
    })
}

/// Staff without the role are told plainly, and nothing is shown.
pub(crate) fn safeguarding_only() -> Response {
    refusal(
        StatusCode::FORBIDDEN,
        &c!("con-safeguarding-only"),
        &c!("con-safeguarding-only-body"),
    )
}

/// The signing keys of every device the program enrolled for `person_id` (removed ones too: a
/// lost phone's signature on what it shared is still theirs),
/// as JSON `{device id: key}`. The inbox checks the evidence's signature against these, never
/// against a key the sender's app put in the sealed body: a changed app could sign an envelope
/// with a key of its own and name it as the mentee's.
fn enrolled_signing_keys(state: &ServerState, person_id: &str) -> String {
    let keys: serde_json::Map<String, serde_json::Value> = state
        .store
        .signing_keys_ever(person_id)
        .unwrap_or_default()
        .into_iter()
        .map(|(device_id, key)| (device_id, key.into()))
        .collect();
    serde_json::Value::Object(keys).to_string()
}

/// Concerns on one page of the inbox.
const INBOX_PAGE: u32 = 25;

/// `?page=` on the inbox, from 1.
#[derive(Deserialize, Default)]
pub(crate) struct InboxPage {
    #[serde(default)]
    page: Option<u32>,
}

/// What the inbox page shows of the leads and their keys.
struct Leads {
    staff: Vec<crate::storage::care::StaffLead>,
    grants: Vec<crate::storage::care::Grant>,
}

impl Leads {
    fn read(state: &ServerState) -> Leads {
        Leads {
            staff: crate::staff_seal::leads(state).unwrap_or_default(),
            grants: state.store.grants().unwrap_or_default(),
        }
    }

    /// This lead's own key, when they chose a passphrase.
    fn own_key(&self, staff_id: &str) -> Option<&crate::storage::care::LeadKey> {
        self.staff
            .iter()
            .find(|s| s.staff_id == staff_id)
            .and_then(|s| s.key.as_ref())
    }
}

/// Every safeguarding key as the page carries it for the script: its public half and, for a key
/// from before each lead had their own passphrase, the key wrapped under the shared one.
fn key_data(keys: &[SafeguardingKeyRow]) -> Element {
    rsx! {
        for key in keys.iter() {
            div { key: "{key.id}", hidden: true, "data-safeguarding-key": "{key.id}",
                "data-wrapped": "{key.wrapped}", "data-public": "{key.public_key}" }
        }
    }
}

/// This lead's own key and what was sealed to it, for the script to open with their passphrase.
fn own_data(leads: &Leads, session: &StaffSession) -> Element {
    let own = leads.own_key(&session.staff_id).cloned();
    let grants: Vec<&crate::storage::care::Grant> = leads
        .grants
        .iter()
        .filter(|g| g.staff_id == session.staff_id)
        .collect();
    rsx! {
        if let Some(own) = own {
            div { hidden: true, id: "own-lead", "data-public": "{own.public_key}", "data-wrapped": "{own.wrapped}" }
        }
        for grant in grants {
            div { key: "{grant.key_id}", hidden: true, "data-grant": "{grant.key_id}", "data-sealed": "{grant.sealed}" }
        }
    }
}

fn render_inbox(
    state: &ServerState,
    session: &StaffSession,
    keys: &[SafeguardingKeyRow],
    inbox: &steady_core::domain::Safeguarding,
    page_number: u32,
) -> String {
    let leads = Leads::read(state);
    let published = keys
        .iter()
        .find(|k| k.public_key == inbox.key)
        .cloned()
        .unwrap_or_else(|| keys[0].clone());
    let has_own_key = leads.own_key(&session.staff_id).is_some();
    let shared_passphrase = keys.iter().any(|k| !k.wrapped.is_empty());
    let page_number = page_number.max(1);
    let offset = (page_number - 1).saturating_mul(INBOX_PAGE);
    let (concerns, total) = state
        .store
        .concerns_page(offset, INBOX_PAGE)
        .unwrap_or_default();
    let first = (i64::from(offset) + 1).min(total);
    let last = i64::from(offset) + concerns.len() as i64;
    let older = last < total;
    page(
        &c!("con-nav-safeguarding"),
        Some((&session.name, &session.csrf)),
        rsx! {
            h1 { {c!("con-inbox")} }
            p { {c!("con-inbox-goes-to", name = &inbox.name)} }
            {key_data(keys)}
            {own_data(&leads, session)}
            if !has_own_key {
                {super::leads::render_lead_key_form(session, false)}
            }
            if has_own_key || shared_passphrase {
                form { class: "card", id: "safeguarding-open",
                    label { r#for: "open-passphrase", {c!("con-inbox-passphrase")} }
                    if shared_passphrase { p { class: "hint", id: "open-passphrase-hint", {c!("con-inbox-shared-hint")} } }
                    input { id: "open-passphrase", r#type: "password", autocomplete: "off", required: true,
                        aria_describedby: if shared_passphrase { "open-passphrase-hint" } }
                    button { r#type: "submit", class: "primary", id: "open-concerns", {c!("con-open-concerns")} }
                    p { role: "status", id: "open-status" }
                }
            }
            if total == 0 {
                p { id: "no-concerns", {c!("con-no-concerns")} }
            } else {
                p { id: "inbox-showing", class: "muted",
                    {c!("con-inbox-showing", first = first, last = last, total = total)}
                }
            }
            ol { class: "plain-list", id: "concerns",
                for concern in concerns.iter() {
                    li { key: "{concern.id}", class: "card concern", "data-concern": "{concern.id}",
                        "data-kind": "{concern.kind}", "data-mentee-id": "{concern.mentee_id}",
                        "data-author-keys": enrolled_signing_keys(state, concern.author_id()),
                        "data-key-id": "{concern.key_id}", "data-raiser-key": "{concern.device_key}",
                        if concern.kind == "report" {
                            h2 { {c!("con-report-title", mentee = &concern.mentee_name, mentor = &concern.mentor_name)} }
                            p { class: "muted", "{date_time(concern.created_at)}" }
                            p { {c!("con-report-paused", mentee = &concern.mentee_name, mentor = &concern.mentor_name)} }
                        } else {
                            h2 { {c!("con-concern-title", mentee = &concern.mentee_name, mentor = &concern.mentor_name)} }
                            p { class: "muted", "{date_time(concern.created_at)}" }
                            p {
                                if concern.mentee_told {
                                    {c!("con-concern-told", mentee = &concern.mentee_name)}
                                } else {
                                    {c!("con-concern-not-told", mentee = &concern.mentee_name)}
                                }
                            }
                        }
                        pre { hidden: true, class: "sealed", "{concern.sealed}" }
                        div { class: "opened", aria_live: "polite" }
                        match &concern.handled {
                            Some((at, by)) => rsx! { p { class: "muted handled", {c!("con-handled-by", name = by, when = date_time(*at))} } },
                            None => rsx! {
                                form { method: "post", action: "/staff/safeguarding/handled",
                                    input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
                                    input { r#type: "hidden", name: "id", value: "{concern.id}" }
                                    button { r#type: "submit", class: "mark-handled",
                                        aria_label: c!("con-mark-handled-aria", mentee = &concern.mentee_name, when = date_time(concern.created_at)),
                                        {c!("con-mark-handled")}
                                    }
                                }
                            },
                        }
                    }
                }
            }
            if page_number > 1 || older {
                nav { class: "pages", aria_label: c!("con-inbox-pages"),
                    if page_number > 1 {
                        a { class: "button", id: "inbox-previous", href: "/staff/safeguarding?page={page_number - 1}", {c!("con-inbox-previous")} }
                    }
                    if older {
                        a { class: "button", id: "inbox-next", href: "/staff/safeguarding?page={page_number + 1}", {c!("con-inbox-next")} }
                    }
                }
            }
            {super::leads::render_leads(state, session, &leads.staff, &leads.grants, &published)}
            if has_own_key {
                details { class: "card", id: "new-passphrase",
                    summary { {c!("con-lead-forgot")} }
                    {super::leads::render_lead_key_form(session, true)}
                }
                details { class: "card", id: "new-inbox-key",
                    summary { {c!("con-new-inbox-key")} }
                    p { {c!("con-new-inbox-key-body")} }
                    {setup_form(state, session, &leads, None, &inbox.name)}
                }
            }
        },
    )
}

/// The form that makes a new inbox key in this browser and seals it to every lead's own key
/// (and makes this lead's own key first, when they have none).
fn setup_form(
    state: &ServerState,
    session: &StaffSession,
    leads: &Leads,
    problem: Option<&str>,
    contact: &str,
) -> Element {
    let needs_own_key = leads.own_key(&session.staff_id).is_none();
    // Sealed here to this lead alone: other leads are given access one by one, each after the
    // two have compared the other's key code, never all at once unseen. Only a key the program
    // key vouched for: a row written into the database is never sealed to.
    let vouch = super::leads::Vouch::read(state);
    let targets: Vec<(String, String)> = leads
        .own_key(&session.staff_id)
        .filter(|k| vouch.holds(&session.staff_id, k))
        .map(|k| (session.staff_id.clone(), k.public_key.clone()))
        .into_iter()
        .collect();
    rsx! {
        form { method: "post", action: "/staff/safeguarding/setup", class: "card", id: "safeguarding-setup",
            "data-staff": "{session.staff_id}",
            input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
            input { r#type: "hidden", name: "public_key", id: "setup-public" }
            input { r#type: "hidden", name: "lead_public", id: "setup-lead-public" }
            input { r#type: "hidden", name: "lead_wrapped", id: "setup-lead-wrapped" }
            input { r#type: "hidden", name: "grants", id: "setup-grants" }
            for (staff_id, public_key) in targets {
                div { key: "{staff_id}", hidden: true, "data-seal-to": "{staff_id}", "data-public": "{public_key}" }
            }
            p { id: "setup-problem", role: "alert", class: "error", if let Some(p) = problem { "{p}" } }
            label { r#for: "setup-contact", {c!("con-setup-contact")} }
            input { id: "setup-contact", name: "contact_name", required: true, maxlength: "100",
                value: "{contact}", placeholder: c!("con-setup-placeholder") }
            if needs_own_key {
                label { r#for: "setup-passphrase", {c!("con-setup-passphrase")} }
                input { id: "setup-passphrase", r#type: "password", autocomplete: "new-password", required: true }
                label { r#for: "setup-again", {c!("con-setup-again")} }
                input { id: "setup-again", r#type: "password", autocomplete: "new-password", required: true }
            }
            button { r#type: "submit", class: "primary", id: "setup-inbox", {c!("con-setup-button")} }
        }
    }
}

fn render_setup(state: &ServerState, session: &StaffSession, problem: Option<&str>) -> String {
    let leads = Leads::read(state);
    page(
        &c!("con-nav-safeguarding"),
        Some((&session.name, &session.csrf)),
        rsx! {
            h1 { {c!("con-setup-title")} }
            p { {c!("con-setup-1")} }
            p { {c!("con-setup-2")} }
            {setup_form(state, session, &leads, problem, "")}
        },
    )
}

pub(crate) async fn show_inbox(
    State(state): State<ServerState>,
    headers: HeaderMap,
    query: Result<axum::extract::Query<InboxPage>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let page_number = query.map(|q| q.0.page.unwrap_or(1)).unwrap_or(1);
    let Some(session) = session(&state, &headers) else {
        return signed_out();
    };
    if !session.safeguarding {
        return safeguarding_only();
    }
    let keys = state.store.safeguarding_keys().unwrap_or_default();
    // Set up (again) when there is no key, or when the program's signed directory names none
    // of them (a contacts file published without the inbox, a setup whose publish failed):
    // concerns have nowhere to go until a lead makes one.
    let published = published_safeguarding(&state)
        .ok()
        .flatten()
        .filter(|inbox| keys.iter().any(|k| k.public_key == inbox.key));
    let Some(inbox) = published else {
        return Html(render_setup(&state, &session, None)).into_response();
    };
    // Nobody reads the inbox unseen: no line in the log, no inbox.
    if let Err(refused) =
        super::noted_first(&state, &session.name, "opened the safeguarding inbox", "")
    {
        return *refused;
    }
    Html(render_inbox(&state, &session, &keys, &inbox, page_number)).into_response()
}

#[derive(Deserialize)]
pub(crate) struct SetupForm {
    csrf: String,
    #[serde(default)]
    public_key: String,
    #[serde(default)]
    contact_name: String,
    /// This lead's own key, made with the inbox key when they had none.
    #[serde(default)]
    lead_public: String,
    #[serde(default)]
    lead_wrapped: String,
    /// JSON: the new inbox key sealed to each lead's own key (`leads::PostedGrant`, key_id 0).
    #[serde(default)]
    grants: String,
}

impl WithCsrf for SetupForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The wrapped private key's shape, as the browser makes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapped {
    v: u32,
    kdf: String,
    iterations: u32,
    salt: String,
    nonce: String,
    ct: String,
}

pub(crate) fn wrapped_is_sound(text: &str) -> bool {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    serde_json::from_str::<Wrapped>(text).is_ok_and(|w| {
        w.v == 1
            && w.kdf == "PBKDF2-SHA256"
            && w.iterations >= 100_000
            && b64.decode(&w.salt).is_ok_and(|s| s.len() >= 16)
            && b64.decode(&w.nonce).is_ok_and(|n| n.len() == 12)
            && b64
                .decode(&w.ct)
                .is_ok_and(|c| (32..=256).contains(&c.len()))
    })
}

/// A new inbox key: made in the lead's browser, its private half sealed there to every lead's
/// own key (never to a shared passphrase), and published at once so phones seal to it.
pub(crate) async fn setup(
    State(state): State<ServerState>,
    SafeguardingForm { session, form }: SafeguardingForm<SetupForm>,
) -> Response {
    let contact = form.contact_name.trim();
    let unprocessable = |problem: String| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(render_setup(&state, &session, Some(&problem))),
        )
            .into_response()
    };
    if contact.is_empty() || contact.chars().count() > 100 || contact.chars().any(char::is_control)
    {
        return unprocessable(c!("con-setup-contact-rule"));
    }
    if steady_core::crypto::concern::parse_public_key(&form.public_key).is_err() {
        return unprocessable(c!("con-setup-no-key"));
    }
    // This lead's own key, when the form made one now: the new inbox key is sealed to it.
    let own_key = if form.lead_public.trim().is_empty() {
        None
    } else {
        let own = crate::staff_seal::leads(&state)
            .unwrap_or_default()
            .into_iter()
            .find(|s| s.staff_id == session.staff_id)
            .and_then(|s| s.key);
        if own.is_some() {
            return unprocessable(c!("con-setup-no-key"));
        }
        let Some(key) = super::leads::new_lead_key(
            &state,
            &session.staff_id,
            &form.lead_public,
            &form.lead_wrapped,
        ) else {
            return unprocessable(c!("con-setup-no-key"));
        };
        Some(key)
    };
    // The grants name key 0: the key this request makes. Checked against a stand-in row with
    // that id (and the lead's own key as this request would keep it), then kept under the real
    // one.
    let stand_in = SafeguardingKeyRow {
        id: 0,
        public_key: form.public_key.trim().to_owned(),
        wrapped: String::new(),
        contact_name: contact.to_owned(),
        created_at: now(),
        created_by: session.name.clone(),
    };
    let Some(grants) = super::leads::checked_grants_with(
        &state,
        &form.grants,
        &[stand_in],
        own_key.as_ref().map(|key| (session.staff_id.as_str(), key)),
    )
    .filter(|grants| grants.iter().any(|g| g.staff_id == session.staff_id)) else {
        return unprocessable(c!("con-setup-no-key"));
    };
    // Mentors' phones learn where concerns go from the signed directory: the newest signed one
    // again with only this changed (the drafts wait for Publish, which signs only what it
    // shows). From here on every Publish carries this key forward, whatever the database's rows
    // say.
    let inbox = steady_core::domain::Safeguarding {
        name: contact.to_owned(),
        key: form.public_key.trim().to_owned(),
    };
    // One lead, one grant.
    let mut granted = std::collections::BTreeSet::new();
    let grants: Vec<(String, String, String)> = grants
        .into_iter()
        .filter(|grant| granted.insert(grant.staff_id.clone()))
        .map(|grant| (grant.staff_id, grant.lead_key, grant.sealed))
        .collect();
    enum NotSetUp {
        Directory,
        Store,
    }
    // Signed and kept under the key's turn, so no rotation comes between: the lead's own key,
    // the inbox key, every grant and the directory, all or nothing.
    let kept = crate::program_key::with_key(&state.data_dir, state.store.as_ref(), |program| {
        let own_key = own_key
            .as_ref()
            .map(|key| super::leads::revouched_now(program, &session.staff_id, key));
        let directory = match super::directory::signed_with_new_inbox(&state, program, inbox) {
            Ok(directory) => directory,
            Err(err) => {
                tracing::warn!(
                    "the inbox was not set up: its directory could not be signed: {err}"
                );
                return Ok(Err(NotSetUp::Directory));
            }
        };
        let version = directory.0;
        let published =
            Phrase::new("audit-detail-version", &[("version", &version.to_string())]).to_text();
        let line = |action, detail| Audited::now(&session.name, action, detail);
        let mut audit = Vec::new();
        if own_key.is_some() {
            audit.push(line("chose their own safeguarding passphrase", ""));
        }
        audit.push(line("set up the safeguarding inbox", contact));
        audit.push(line("published the crisis contacts", &published));
        let setup = crate::storage::care::InboxSetup {
            own_key: own_key.as_ref().map(|key| (session.staff_id.as_str(), key)),
            public_key: form.public_key.trim(),
            contact_name: contact,
            by: &session.name,
            grants: &grants,
            directory,
            now: now(),
            audit: &audit,
        };
        Ok(match state.store.set_up_inbox(&setup) {
            Ok(_) => Ok(version),
            Err(err) => {
                tracing::warn!("the inbox was not set up: {err}");
                Err(NotSetUp::Store)
            }
        })
    });
    match kept {
        Ok(Ok(_)) => {}
        Ok(Err(NotSetUp::Directory)) => {
            return refusal(
                StatusCode::CONFLICT,
                &c!("con-not-set-up"),
                &c!("con-publish-not-ours"),
            );
        }
        Ok(Err(NotSetUp::Store)) | Err(_) => {
            return refusal(
                StatusCode::CONFLICT,
                &c!("con-not-set-up"),
                &c!("con-setup-failed"),
            );
        }
    };
    Redirect::to("/staff/safeguarding").into_response()
}

#[derive(Deserialize)]
pub(crate) struct HandledForm {
    csrf: String,
    #[serde(default)]
    id: String,
}

impl WithCsrf for HandledForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

pub(crate) async fn handled(
    State(state): State<ServerState>,
    SafeguardingForm { session, form }: SafeguardingForm<HandledForm>,
) -> Response {
    let line = Audited::now(&session.name, "marked a concern handled", "");
    if !state
        .store
        .handle_concern(&form.id, &session.name, now(), &line)
        .unwrap_or(false)
    {
        return refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-maybe-marked"),
        );
    }
    Redirect::to("/staff/safeguarding").into_response()
}
