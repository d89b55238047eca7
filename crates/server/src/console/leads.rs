//! The safeguarding leads: each has a key of their own, made in their browser and wrapped under
//! their own passphrase, and each inbox key is sealed, in a lead's browser, to every lead's key.
//! So one lead leaving or forgetting their passphrase loses nothing, and no passphrase is ever
//! shared. The server vouches for a lead's key with the program key when that lead sets it from
//! their own signed-in session; a key row written straight into the database carries no such
//! word, and the console never offers to give it access. Each lead's key has a fingerprint both
//! leads can compare, out loud, before one gives the other access.

use crate::error::ServerResult;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use dioxus::prelude::*;
use serde::Deserialize;

use super::inbox::wrapped_is_sound;
use super::pages::page;
use super::{SafeguardingForm, did_not_go_through, noted_first};
use super::{WithCsrf, c, refusal};
use crate::storage::care::{Grant, LeadKey, SafeguardingKeyRow, StaffLead};
use crate::storage::staff::{Audited, StaffSession};
use crate::{ServerState, now};

/// A key's fingerprint as people read it aloud: the first 80 bits of SHA-256 over its raw
/// bytes, in five groups of four (console.js `fingerprint` computes the same).
pub(crate) fn fingerprint(public_key: &str) -> String {
    use base64::Engine;
    let Ok(raw) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(public_key) else {
        return String::new();
    };
    let hex = steady_core::crypto::sha256_hex(&raw).to_uppercase();
    hex.as_bytes()[..20]
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a lead's key is checked against: the current program key (from the data folder, never
/// the database). Read once per page.
pub(crate) struct Vouch {
    program: Option<String>,
}

impl Vouch {
    pub(crate) fn read(state: &ServerState) -> Vouch {
        Vouch {
            program: crate::program_key::load(&state.data_dir, state.store.as_ref())
                .ok()
                .map(|key| key.public()),
        }
    }

    /// Whether the current program key vouched for this lead's key. A rotation vouches again
    /// for every key the old one had (in its transaction), so an older key's vouch never counts:
    /// a retired key that got out (an old backup) cannot vouch for a key of its own.
    pub(crate) fn holds(&self, staff_id: &str, key: &LeadKey) -> bool {
        self.program.as_deref().is_some_and(|program| {
            key.signed_by == program
                && steady_core::crypto::lead_key_vouched(
                    &key.signed_by,
                    staff_id,
                    &key.public_key,
                    &key.signature,
                )
        })
    }
}

/// A lead's key as sent from their browser, checked, and vouched for by the program key.
pub(crate) fn new_lead_key(
    state: &ServerState,
    staff_id: &str,
    public_key: &str,
    wrapped: &str,
) -> Option<LeadKey> {
    let public_key = public_key.trim();
    if steady_core::crypto::concern::parse_public_key(public_key).is_err()
        || !wrapped_is_sound(wrapped)
    {
        return None;
    }
    let program = crate::program_key::load(&state.data_dir, state.store.as_ref()).ok()?;
    Some(vouched_by(&program, staff_id, public_key, wrapped))
}

/// `key` as the program key in force now vouches for it, for a caller that holds the key's turn:
/// a rotation between signing and keeping would otherwise leave it vouched for by a retired key.
pub(crate) fn revouched_now(
    program: &steady_core::crypto::ProgramKey,
    staff_id: &str,
    key: &LeadKey,
) -> LeadKey {
    LeadKey {
        created_at: key.created_at,
        ..vouched_by(program, staff_id, &key.public_key, &key.wrapped)
    }
}

fn vouched_by(
    program: &steady_core::crypto::ProgramKey,
    staff_id: &str,
    public_key: &str,
    wrapped: &str,
) -> LeadKey {
    LeadKey {
        public_key: public_key.to_owned(),
        wrapped: wrapped.to_owned(),
        signed_by: program.public(),
        signature: program.vouch_for_lead(staff_id, public_key),
        created_at: now(),
    }
}

/// A sealed grant's shape, as the browser makes it (console.js `sealTo`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SealedGrant {
    v: u32,
    epk: String,
    nonce: String,
    ct: String,
}

pub(crate) fn grant_is_sound(text: &str) -> bool {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    text.len() <= 2048
        && serde_json::from_str::<SealedGrant>(text).is_ok_and(|g| {
            g.v == 1
                && b64.decode(&g.epk).is_ok_and(|e| e.len() == 32)
                && b64.decode(&g.nonce).is_ok_and(|n| n.len() == 12)
                && b64
                    .decode(&g.ct)
                    .is_ok_and(|c| (32..=256).contains(&c.len()))
        })
}

/// One grant as the browser posts it: for `staff_id`, sealed to the lead key it read on the page.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PostedGrant {
    pub staff_id: String,
    pub lead_key: String,
    pub key_id: i64,
    pub sealed: String,
}

/// The posted grants, each for a lead who has the role and whose vouched key is the one it was
/// sealed to, of a key the server holds; None when any of them is not.
pub(crate) fn checked_grants(
    state: &ServerState,
    posted: &str,
    keys: &[SafeguardingKeyRow],
) -> Option<Vec<PostedGrant>> {
    checked_grants_with(state, posted, keys, None)
}

/// [`checked_grants`], with `own` as the key one lead is about to keep (setting the inbox up
/// keeps it in the same transaction as the grants).
pub(crate) fn checked_grants_with(
    state: &ServerState,
    posted: &str,
    keys: &[SafeguardingKeyRow],
    own: Option<(&str, &LeadKey)>,
) -> Option<Vec<PostedGrant>> {
    if posted.len() > 64 * 1024 {
        return None;
    }
    let grants: Vec<PostedGrant> = serde_json::from_str(posted).ok()?;
    let mut staff = crate::staff_seal::leads(state).ok()?;
    if let Some((staff_id, key)) = own {
        for lead in staff.iter_mut().filter(|s| s.staff_id == staff_id) {
            lead.key = Some(key.clone());
        }
    }
    let vouch = Vouch::read(state);
    let sound = grants.iter().all(|grant| {
        grant_is_sound(&grant.sealed)
            && keys.iter().any(|k| k.id == grant.key_id)
            && staff.iter().any(|s| {
                s.staff_id == grant.staff_id
                    && s.safeguarding
                    && s.key.as_ref().is_some_and(|key| {
                        key.public_key == grant.lead_key && vouch.holds(&s.staff_id, key)
                    })
            })
    });
    (sound && !grants.is_empty()).then_some(grants)
}

/// Whether someone other than `leaving` can still open the inbox key phones seal to now.
fn someone_else_can_open(
    vouch: &Vouch,
    staff: &[StaffLead],
    grants: &[Grant],
    published: &SafeguardingKeyRow,
    leaving: &str,
) -> bool {
    let others_with_the_role = staff
        .iter()
        .any(|s| s.safeguarding && s.staff_id != leaving);
    let shared_passphrase = !published.wrapped.is_empty();
    others_with_the_role
        && (shared_passphrase
            || grants.iter().any(|g| {
                g.key_id == published.id
                    && g.staff_id != leaving
                    && staff.iter().any(|s| {
                        s.staff_id == g.staff_id
                            && s.safeguarding
                            && s.key.as_ref().is_some_and(|k| vouch.holds(&s.staff_id, k))
                    })
            }))
}

/// The inbox key phones seal to now, when there is one; an error when it can't be told (then
/// nothing that could lock the inbox is done).
fn published_key(state: &ServerState) -> ServerResult<Option<SafeguardingKeyRow>> {
    let keys = state.store.safeguarding_keys()?;
    Ok(super::care::published_safeguarding(state)?
        .and_then(|inbox| keys.into_iter().find(|k| k.public_key == inbox.key)))
}

/// Whether `staff_id` giving up their access (a new passphrase, or leaving) would leave nobody
/// able to open the inbox; true when that can't be told.
fn would_lock_the_inbox(state: &ServerState, staff_id: &str) -> bool {
    let Ok(published) = published_key(state) else {
        return true;
    };
    let Some(published) = published else {
        return false;
    };
    let (Ok(staff), Ok(grants)) = (crate::staff_seal::leads(state), state.store.grants()) else {
        return true;
    };
    let has_access = grants
        .iter()
        .any(|g| g.staff_id == staff_id && g.key_id == published.id);
    has_access && !someone_else_can_open(&Vouch::read(state), &staff, &grants, &published, staff_id)
}

/// The leads part of the inbox page: who they are, whether each can open the inbox, their key's
/// fingerprint, and what this lead can do about it.
pub(crate) fn render_leads(
    state: &ServerState,
    session: &StaffSession,
    staff: &[StaffLead],
    grants: &[Grant],
    published: &SafeguardingKeyRow,
) -> Element {
    let leads: Vec<&StaffLead> = staff.iter().filter(|s| s.safeguarding).collect();
    let others: Vec<&StaffLead> = staff.iter().filter(|s| !s.safeguarding).collect();
    let vouch = Vouch::read(state);
    let has_access = |id: &str| {
        grants
            .iter()
            .any(|g| g.staff_id == id && g.key_id == published.id)
    };
    rsx! {
        section { class: "card", id: "leads", aria_labelledby: "leads-title",
            h2 { id: "leads-title", {c!("con-leads-title")} }
            p { {c!("con-leads-intro")} }
            ul { class: "plain-list",
                for lead in leads.iter() {
                    li { key: "{lead.staff_id}", class: "lead", "data-lead": "{lead.staff_id}",
                        "data-lead-name": "{lead.name}",
                        "data-lead-public": lead.key.as_ref().filter(|k| vouch.holds(&lead.staff_id, k)).map(|k| k.public_key.clone()).unwrap_or_default(),
                        "data-self": if lead.staff_id == session.staff_id { "yes" } else { "" },
                        strong { "{lead.name}" }
                        if lead.staff_id == session.staff_id { " " {c!("con-leads-you")} }
                        match &lead.key {
                            None => rsx! { p { class: "muted lead-status", {c!("con-lead-no-passphrase", name = &lead.name)} } },
                            Some(key) if !vouch.holds(&lead.staff_id, key) => rsx! {
                                p { class: "error lead-status", {c!("con-lead-not-vouched")} }
                            },
                            Some(key) => rsx! {
                                // A lead's own code is shown only once their passphrase has
                                // unlocked the key (console.js): a key swapped in the database
                                // would otherwise show its own code on their own page.
                                if lead.staff_id == session.staff_id {
                                    p { class: "muted own-code", hidden: true }
                                } else {
                                    p { class: "muted lead-fingerprint",
                                        span { aria_hidden: "true", {c!("con-lead-fingerprint", fingerprint = fingerprint(&key.public_key))} }
                                        span { class: "visually-hidden",
                                            {c!("con-lead-fingerprint", fingerprint = steady_cards::spoken_code(&fingerprint(&key.public_key)))}
                                        }
                                    }
                                }
                                if has_access(&lead.staff_id) {
                                    p { class: "lead-status has-access", {c!("con-lead-has-access")} }
                                } else {
                                    p { class: "lead-status waiting", {c!("con-lead-waiting", name = &lead.name)} }
                                    button { r#type: "button", class: "give-access", hidden: true,
                                        aria_label: c!("con-give-access-aria", name = &lead.name),
                                        {c!("con-give-access")}
                                    }
                                }
                            },
                        }
                        if lead.staff_id != session.staff_id {
                            form { method: "post", action: "/staff/safeguarding/remove-lead",
                                input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
                                input { r#type: "hidden", name: "staff_id", value: "{lead.staff_id}" }
                                button { r#type: "submit", class: "remove-lead",
                                    aria_label: c!("con-remove-lead-aria", name = &lead.name),
                                    {c!("con-remove-lead")}
                                }
                            }
                        }
                    }
                }
            }
            p { role: "status", id: "grant-status" }
            form { method: "post", action: "/staff/safeguarding/grant", id: "grant-form", hidden: true,
                input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
                input { r#type: "hidden", name: "staff_id", id: "grant-staff" }
                input { r#type: "hidden", name: "grants", id: "grant-grants" }
            }
            if !others.is_empty() {
                form { method: "post", action: "/staff/safeguarding/add-lead", id: "add-lead",
                    input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
                    label { r#for: "add-lead-name", {c!("con-add-lead")} }
                    select { id: "add-lead-name", name: "staff_id",
                        for other in others.iter() {
                            option { key: "{other.staff_id}", value: "{other.staff_id}", "{other.name}" }
                        }
                    }
                    button { r#type: "submit", {c!("con-add-lead-button")} }
                }
            }
            p { class: "hint", {c!("con-leads-removed-hint")} }
        }
    }
}

/// The form where a lead chooses their own passphrase (again, when `again`).
pub(crate) fn render_lead_key_form(session: &StaffSession, again: bool) -> Element {
    rsx! {
        form { method: "post", action: "/staff/safeguarding/lead-key", class: "card", id: "lead-key-form",
            input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
            input { r#type: "hidden", name: "public_key", id: "lead-public" }
            input { r#type: "hidden", name: "wrapped", id: "lead-wrapped" }
            h2 { if again { {c!("con-lead-key-again-title")} } else { {c!("con-lead-key-title")} } }
            p { if again { {c!("con-lead-key-again-body")} } else { {c!("con-lead-key-body")} } }
            p { id: "lead-key-problem", role: "alert", class: "error" }
            label { r#for: "lead-passphrase", {c!("con-setup-passphrase")} }
            input { id: "lead-passphrase", r#type: "password", autocomplete: "new-password", required: true }
            label { r#for: "lead-again", {c!("con-setup-again")} }
            input { id: "lead-again", r#type: "password", autocomplete: "new-password", required: true }
            button { r#type: "submit", class: "primary", id: "make-lead-key", {c!("con-lead-key-button")} }
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct LeadKeyForm {
    csrf: String,
    #[serde(default)]
    public_key: String,
    #[serde(default)]
    wrapped: String,
}

impl WithCsrf for LeadKeyForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// A lead sets their own key (or a new one, when they forgot their passphrase: every grant to
/// the old one goes, and another lead gives them access again).
pub(crate) async fn set_lead_key(
    State(state): State<ServerState>,
    SafeguardingForm { session, form }: SafeguardingForm<LeadKeyForm>,
) -> Response {
    let Some(key) = new_lead_key(&state, &session.staff_id, &form.public_key, &form.wrapped) else {
        return refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            &c!("con-not-set-up"),
            &c!("con-setup-no-key"),
        );
    };
    let had_one = crate::staff_seal::leads(&state)
        .unwrap_or_default()
        .iter()
        .any(|s| s.staff_id == session.staff_id && s.key.is_some());
    // A new passphrase drops this lead's access: not while nobody else could open the inbox.
    if had_one && would_lock_the_inbox(&state, &session.staff_id) {
        return refusal(
            StatusCode::CONFLICT,
            &c!("con-lead-key-kept-title"),
            &c!("con-lead-key-kept-body"),
        );
    }
    let action = if had_one {
        "chose a new safeguarding passphrase"
    } else {
        "chose their own safeguarding passphrase"
    };
    let line = Audited::now(&session.name, action, "");
    // Kept under the key's turn: a rotation that ran since the key was signed did not see it,
    // so it is vouched for again with the key in force now.
    let kept = crate::program_key::with_key(&state.data_dir, state.store.as_ref(), |program| {
        let key = if program.public() == key.signed_by {
            key.clone()
        } else {
            revouched_now(program, &session.staff_id, &key)
        };
        Ok(state.store.set_lead_key(&session.staff_id, &key, &line))
    });
    match kept {
        Ok(Ok(())) => Redirect::to("/staff/safeguarding").into_response(),
        Ok(Err(_)) => refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-not-set-up"),
            &c!("con-key-in-use"),
        ),
        Err(err) => {
            tracing::error!("a lead's key could not be kept: {err}");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                &c!("con-sorry"),
                &c!("con-not-saved"),
            )
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct GrantForm {
    csrf: String,
    #[serde(default)]
    staff_id: String,
    #[serde(default)]
    grants: String,
}

impl WithCsrf for GrantForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// A lead who opened the inbox in their browser gives another lead (or themselves, from a key
/// that still had the old shared passphrase) access: each inbox key sealed to that lead's key.
pub(crate) async fn grant(
    State(state): State<ServerState>,
    SafeguardingForm { session, form }: SafeguardingForm<GrantForm>,
) -> Response {
    let keys = state.store.safeguarding_keys().unwrap_or_default();
    let grants = checked_grants(&state, &form.grants, &keys)
        .filter(|grants| grants.iter().all(|g| g.staff_id == form.staff_id));
    let Some(grants) = grants else {
        return refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            &c!("con-not-given"),
            &c!("con-not-given-body"),
        );
    };
    let name = crate::staff_seal::leads(&state)
        .unwrap_or_default()
        .into_iter()
        .find(|s| s.staff_id == form.staff_id)
        .map(|s| s.name)
        .unwrap_or_default();
    let sealed: Vec<(i64, String)> = grants.into_iter().map(|g| (g.key_id, g.sealed)).collect();
    let line = Audited::now(
        &session.name,
        "gave access to the safeguarding inbox",
        &name,
    );
    if state
        .store
        .add_grants(&form.staff_id, &sealed, &session.name, now(), &line)
        .is_err()
    {
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            &c!("con-not-given"),
            &c!("con-not-given-body"),
        );
    }
    Redirect::to("/staff/safeguarding").into_response()
}

#[derive(Deserialize)]
pub(crate) struct LeadForm {
    csrf: String,
    #[serde(default)]
    staff_id: String,
    /// "yes" once the person removing a lead has confirmed it.
    #[serde(default)]
    confirm: String,
}

impl WithCsrf for LeadForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// Gives a staff member the safeguarding role; they then choose their own passphrase.
pub(crate) async fn add_lead(
    State(state): State<ServerState>,
    SafeguardingForm { session, form }: SafeguardingForm<LeadForm>,
) -> Response {
    let staff = crate::staff_seal::leads(&state).unwrap_or_default();
    let Some(person) = staff
        .iter()
        .find(|s| s.staff_id == form.staff_id && !s.safeguarding)
    else {
        return refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-lead-not-found"),
        );
    };
    if let Err(refused) = noted_first(
        &state,
        &session.name,
        "added a safeguarding lead",
        &person.name,
    ) {
        return *refused;
    }
    if !crate::staff_seal::make_lead(&state, &person.staff_id).unwrap_or(false) {
        did_not_go_through(
            &state,
            &session.name,
            "added a safeguarding lead",
            &person.name,
        );
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            &c!("con-didnt-work"),
            &c!("con-lead-not-found"),
        );
    }
    Redirect::to("/staff/safeguarding").into_response()
}

/// Takes a lead's role, key and access away, unless nobody else could then open the inbox.
pub(crate) async fn remove_lead(
    State(state): State<ServerState>,
    SafeguardingForm { session, form }: SafeguardingForm<LeadForm>,
) -> Response {
    let staff = crate::staff_seal::leads(&state).unwrap_or_default();
    let Some(person) = staff
        .iter()
        .find(|s| s.staff_id == form.staff_id && s.safeguarding)
    else {
        return refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-lead-not-found"),
        );
    };
    // Never oneself (another lead does it), never the one whose leaving would lock the inbox,
    // and never the last one with the role: nobody could then give access again.
    let last_with_the_role = !staff
        .iter()
        .any(|s| s.safeguarding && s.staff_id != person.staff_id);
    if person.staff_id == session.staff_id
        || last_with_the_role
        || would_lock_the_inbox(&state, &person.staff_id)
    {
        return refusal(
            StatusCode::CONFLICT,
            &c!("con-lead-last-title"),
            &c!("con-lead-last-body", name = &person.name),
        );
    }
    if form.confirm != "yes" {
        // Asked once, plainly: a lead removed by a slip can't read concerns until given access
        // again.
        return Html(page(
            &c!("con-remove-lead"),
            Some((&session.name, &session.csrf)),
            rsx! {
                h1 { {c!("con-remove-lead-q", name = &person.name)} }
                p { {c!("con-remove-lead-explain", name = &person.name)} }
                form { method: "post", action: "/staff/safeguarding/remove-lead",
                    input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
                    input { r#type: "hidden", name: "staff_id", value: "{person.staff_id}" }
                    input { r#type: "hidden", name: "confirm", value: "yes" }
                    button { r#type: "submit", class: "primary", id: "confirm-remove-lead",
                        {c!("con-remove-lead-yes", name = &person.name)}
                    }
                }
                p { a { href: "/staff/safeguarding", {c!("con-go-back")} } }
            },
        ))
        .into_response();
    }
    let line = Audited::now(&session.name, "removed a safeguarding lead", &person.name);
    if !crate::staff_seal::remove_lead(&state, &person.staff_id, &line).unwrap_or(false) {
        return refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-lead-not-found"),
        );
    }
    Redirect::to("/staff/safeguarding").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_five_groups_of_four_from_the_keys_hash() {
        let key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let print = fingerprint(key);
        assert_eq!(print.len(), 24, "{print}");
        assert_eq!(print.split(' ').count(), 5);
        // SHA-256 of 32 zero bytes begins 66687aadf862bd776c8f.
        assert_eq!(print, "6668 7AAD F862 BD77 6C8F");
        assert_eq!(fingerprint("not base64!"), "");
    }

    #[test]
    fn a_grant_must_have_the_browsers_shape() {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let good = serde_json::json!({
            "v": 1, "epk": b64.encode([1u8; 32]), "nonce": b64.encode([2u8; 12]),
            "ct": b64.encode([3u8; 64]),
        });
        assert!(grant_is_sound(&good.to_string()));
        let mut extra = good.clone();
        extra["note"] = "x".into();
        assert!(!grant_is_sound(&extra.to_string()));
        let mut short = good.clone();
        short["epk"] = b64.encode([1u8; 31]).into();
        assert!(!grant_is_sound(&short.to_string()));
        assert!(!grant_is_sound("not json"));
    }
}

#[cfg(test)]
mod vouch_tests {
    use std::sync::Arc;

    use super::*;
    use crate::storage::ServerStore;

    fn lead_key(by: &steady_core::crypto::ProgramKey, staff_id: &str, public_key: &str) -> LeadKey {
        LeadKey {
            public_key: public_key.to_owned(),
            wrapped: "{}".to_owned(),
            signed_by: by.public(),
            signature: by.vouch_for_lead(staff_id, public_key),
            created_at: 0,
        }
    }

    fn x25519_public(seed: u8) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([seed; 32])
    }

    /// The audit line the test's own writes keep.
    const LINE: Audited<'static> = Audited {
        staff: "test",
        action: "chose their own safeguarding passphrase",
        detail: "",
        at: 0,
    };

    #[test]
    fn a_rotation_carries_each_leads_key_over_and_a_retired_key_vouches_for_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn ServerStore> =
            Arc::new(crate::SqliteStore::open(dir.path(), "Bright Paths").unwrap());
        for name in ["Dana", "Kim"] {
            crate::add_staff(&store, dir.path(), name, "a long staff password").unwrap();
            crate::set_safeguarding(&store, dir.path(), name, true).unwrap();
        }
        let state = ServerState::new(
            store.clone(),
            &crate::Config {
                data_dir: dir.path().to_owned(),
                ..crate::Config::default()
            },
        );
        let id_of = |name: &str| {
            crate::staff_seal::leads(&state)
                .unwrap()
                .into_iter()
                .find(|lead| lead.name == name)
                .unwrap()
                .staff_id
        };
        let (dana, kim) = (id_of("Dana"), id_of("Kim"));
        let first = crate::program_key::load(dir.path(), store.as_ref()).unwrap();
        store
            .set_lead_key(&dana, &lead_key(&first, &dana, &x25519_public(1)), &LINE)
            .unwrap();
        let key_of = |staff_id: &str| {
            crate::staff_seal::leads(&state)
                .unwrap()
                .into_iter()
                .find(|lead| lead.staff_id == staff_id)
                .and_then(|lead| lead.key)
        };
        assert!(Vouch::read(&state).holds(&dana, &key_of(&dana).unwrap()));

        state.rotate_program_key().unwrap();
        // Dana's key is vouched for by the new key now, in the rotation's own transaction.
        let carried = key_of(&dana).unwrap();
        assert_ne!(carried.signed_by, first.public());
        assert!(Vouch::read(&state).holds(&dana, &carried));

        // Someone kept the retired key (an old backup) and can write to the database: a key of
        // their own for Kim, vouched for by the retired key, is not trusted.
        store
            .set_lead_key(&kim, &lead_key(&first, &kim, &x25519_public(2)), &LINE)
            .unwrap();
        assert!(!Vouch::read(&state).holds(&kim, &key_of(&kim).unwrap()));
        // Nor is Dana's old vouch, put back as it was before the rotation.
        store
            .set_lead_key(&dana, &lead_key(&first, &dana, &x25519_public(1)), &LINE)
            .unwrap();
        assert!(!Vouch::read(&state).holds(&dana, &key_of(&dana).unwrap()));
    }
}
