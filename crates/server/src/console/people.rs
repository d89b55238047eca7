//! People in the console: one-time invites for mentees and mentors (a code and its QR code, with
//! an expiry), pairing and unpairing, revoking a device, and deactivating a person (their server
//! data is deleted; their phone keeps its own). Every action goes in the audit log.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use dioxus::prelude::*;
use serde::Deserialize;
use steady_core::i18n::Phrase;

use super::pages::page;
use super::{StaffForm, c, did_not_go_through, noted_first, refusal, session, signed_out};
use crate::storage::staff::{Audited, PeopleChange, PersonRow};
use crate::{Invite, ServerState, create_invite, now};
use steady_core::protocol::Role;

fn date(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).map_or_else(String::new, |t| {
        steady_core::domain::time::day_month_year(super::lang(), t.date_naive())
    })
}

/// "mentee" or "mentor", in the page's language.
fn role_words(role: &str) -> String {
    if role == "mentor" {
        c!("con-role-mentor")
    } else {
        c!("con-role-mentee")
    }
}

/// The invite code as a QR code (SVG), for a phone's camera.
fn qr_svg(code: &str) -> String {
    qrcode::QrCode::new(code.as_bytes())
        .map(|qr| {
            qr.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(180, 180)
                .build()
        })
        .unwrap_or_default()
}

fn render(
    state: &ServerState,
    name: &str,
    csrf: &str,
    invite: Option<&Invite>,
    notice: Option<&str>,
) -> String {
    let people = state.store.people().unwrap_or_default();
    let mentees: Vec<&PersonRow> = people.iter().filter(|p| p.role == "mentee").collect();
    let mentors: Vec<&PersonRow> = people.iter().filter(|p| p.role == "mentor").collect();
    let today = now();
    page(
        &c!("con-people"),
        Some((name, csrf)),
        rsx! {
            h1 { {c!("con-people")} }
            if let Some(notice) = notice { p { role: "status", id: "notice", class: "card", "{notice}" } }
            if let Some(invite) = invite {
                section { class: "card", id: "invite", aria_labelledby: "invite-title",
                    h2 { id: "invite-title", {c!("con-invite-for", name = &invite.person.display_name)} }
                    p { {c!("con-invite-give", name = &invite.person.display_name, date = date(invite.expires_at))} }
                    label { r#for: "invite-code", {c!("con-invite-code")} }
                    div { class: "row",
                        input { id: "invite-code", class: "invite-code", readonly: true, value: "{invite.code}",
                            autocomplete: "off", spellcheck: "false" }
                        // Shown by the console's one script; without it, select the code to copy it.
                        button { r#type: "button", hidden: true, "data-copy": "invite-code", {c!("con-copy-code")} }
                    }
                    p { id: "invite-code-copied", role: "status", class: "muted" }
                    div { class: "qr", role: "img", aria_label: c!("con-qr", code = &invite.code),
                        dangerous_inner_html: qr_svg(&invite.code),
                    }
                }
            }
            form { method: "post", action: "/staff/people/invite", class: "card", id: "invite-form",
                h2 { {c!("con-invite-someone")} }
                input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                fieldset {
                    legend { {c!("con-they-are")} }
                    label { class: "choice", input { r#type: "radio", name: "role", value: "mentee", checked: true } " " {c!("con-role-mentee")} }
                    label { class: "choice", input { r#type: "radio", name: "role", value: "mentor" } " " {c!("con-role-mentor")} }
                }
                label { r#for: "invite-name", {c!("con-first-name")} }
                input { id: "invite-name", name: "name", required: true, maxlength: "60" }
                button { r#type: "submit", class: "primary", id: "create-invite", {c!("con-create-invite")} }
            }
            if !mentees.is_empty() && !mentors.is_empty() {
                form { method: "post", action: "/staff/people/pair", class: "card", id: "pair-form",
                    h2 { {c!("con-pair-title")} }
                    input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                    label { r#for: "pair-mentee", {c!("con-mentee")} }
                    select { id: "pair-mentee", name: "mentee",
                        for m in mentees.iter() { option { key: "{m.id}", value: "{m.id}", "{m.name}" } }
                    }
                    label { r#for: "pair-mentor", {c!("con-mentor")} }
                    select { id: "pair-mentor", name: "mentor",
                        for m in mentors.iter() { option { key: "{m.id}", value: "{m.id}", "{m.name}" } }
                    }
                    button { r#type: "submit", class: "primary", id: "pair", {c!("con-pair")} }
                }
            }
            h2 { {c!("con-everyone")} }
            p { class: "muted", {c!("con-last-synced-day")} }
            for person in people.iter() {
                {person_card(person, csrf, today)}
            }
        },
    )
}

/// One person: their invites waiting, their devices and when each last synced, their pairings.
fn person_card(person: &PersonRow, csrf: &str, today: i64) -> Element {
    let has_device = person.devices.iter().any(|d| !d.revoked);
    let title_id = format!("person-{}", person.id);
    let hidden = |field: &'static str, value: &str| {
        rsx! { input { r#type: "hidden", name: field, value: "{value}" } }
    };
    rsx! {
        section { key: "{person.id}", class: "card person", "data-person": "{person.name}",
            aria_labelledby: "{title_id}",
            h3 { id: "{title_id}", {c!("con-person-title", name = &person.name, role = role_words(&person.role))} }
            if !person.invites.is_empty() || !has_device {
                div { class: "person-part invites",
                    for (i, expires) in person.invites.iter().enumerate() {
                        p { key: "{i}", class: "invite-waiting",
                            if *expires > today {
                                {c!("con-invite-waiting", date = date(*expires))}
                            } else {
                                {c!("con-invite-ran-out", date = date(*expires))}
                            }
                        }
                    }
                    if person.invites.is_empty() { p { class: "muted", {c!("con-no-device")} } }
                    div { class: "row",
                        form { method: "post", action: "/staff/people/new-code",
                            {hidden("csrf", csrf)} {hidden("id", &person.id)}
                            button { r#type: "submit", class: "new-code",
                                aria_label: c!("con-new-code-aria", name = &person.name), {c!("con-new-code")} }
                        }
                        if !person.invites.is_empty() {
                            form { method: "post", action: "/staff/people/cancel-invite",
                                {hidden("csrf", csrf)} {hidden("id", &person.id)}
                                button { r#type: "submit", class: "cancel-invite",
                                    aria_label: c!("con-cancel-invite-aria", name = &person.name), {c!("con-cancel-invite")} }
                            }
                        }
                    }
                }
            }
            if !person.devices.is_empty() {
                div { class: "person-part",
                    h4 { {c!("con-devices")} }
                    ul { class: "plain-list devices",
                        for device in person.devices.iter() {
                            li { key: "{device.id}", class: "row",
                                span {
                                    {c!("con-device-added", date = date(device.enrolled_at))}
                                    " "
                                    match device.last_seen {
                                        Some(at) => c!("con-device-synced", date = date(at)),
                                        None => c!("con-device-not-synced"),
                                    }
                                }
                                if device.revoked {
                                    span { class: "muted", {c!("con-device-removed")} }
                                } else {
                                    form { method: "post", action: "/staff/people/revoke",
                                        {hidden("csrf", csrf)} {hidden("id", &device.id)}
                                        button { r#type: "submit", class: "revoke",
                                            aria_label: c!("con-remove-device-aria", name = &person.name, date = date(device.enrolled_at)),
                                            {c!("con-remove-device")}
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if !person.partners.is_empty() {
                div { class: "person-part",
                    h4 { {c!("con-paired-with")} }
                    if person.role == "mentee" {
                        p { class: "hint", {c!("con-end-match-hint")} }
                    }
                    ul { class: "plain-list partners",
                        for (partner, partner_name) in person.partners.iter() {
                            li { key: "{partner}", class: "row",
                                span { "{partner_name}" }
                                if person.role == "mentee" {
                                    form { method: "post", action: "/staff/people/unpair",
                                        {hidden("csrf", csrf)} {hidden("mentee", &person.id)} {hidden("mentor", partner)}
                                        button { r#type: "submit", class: "end-match",
                                            aria_label: c!("con-end-match-aria", mentee = &person.name, mentor = partner_name), {c!("con-end-match")} }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            form { method: "post", action: "/staff/people/deactivate",
                {hidden("csrf", csrf)} {hidden("id", &person.id)}
                button { r#type: "submit", aria_label: c!("con-deactivate-aria", name = &person.name), {c!("con-deactivate")} }
            }
        }
    }
}

pub(crate) async fn show(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(session) = session(&state, &headers) else {
        return signed_out();
    };
    Html(render(&state, &session.name, &session.csrf, None, None)).into_response()
}

/// Every people form: the token, plus whichever of these the action needs.
#[derive(Deserialize)]
pub(crate) struct PeopleForm {
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    mentee: String,
    #[serde(default)]
    mentor: String,
    #[serde(default)]
    confirm: String,
}

impl super::WithCsrf for PeopleForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

pub(crate) async fn invite(
    State(state): State<ServerState>,
    StaffForm { session, form }: StaffForm<PeopleForm>,
) -> Response {
    let name = form.name.trim();
    let Some(role) = Role::from_key(&form.role) else {
        return refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-choose-role"),
        );
    };
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-first-name-rule"),
        );
    }
    let what = match role {
        Role::Mentee => "invited a mentee",
        Role::Mentor => "invited a mentor",
    };
    if let Err(refused) = noted_first(&state, &session.name, what, name) {
        return *refused;
    }
    match create_invite(&state.store, role, name, None, state.invite_days) {
        Ok(invite) => Html(render(
            &state,
            &session.name,
            &session.csrf,
            Some(&invite),
            None,
        ))
        .into_response(),
        Err(_) => {
            did_not_go_through(&state, &session.name, what, name);
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                &c!("con-sorry"),
                &c!("con-invite-failed"),
            )
        }
    }
}

pub(crate) async fn act(
    State(state): State<ServerState>,
    axum::extract::Path(action): axum::extract::Path<String>,
    StaffForm { session, form }: StaffForm<PeopleForm>,
) -> Response {
    let store = &state.store;
    let name_of = |id: &str| store.person(id).map(|p| p.display_name).unwrap_or_default();
    let match_words = |key| {
        Phrase::new(
            key,
            &[
                ("mentee", &name_of(&form.mentee)),
                ("mentor", &name_of(&form.mentor)),
            ],
        )
        .to_text()
    };
    let (change, what, detail) = match action.as_str() {
        "pair" => (
            PeopleChange::Pair {
                mentee: &form.mentee,
                mentor: &form.mentor,
            },
            "paired",
            match_words("audit-detail-paired"),
        ),
        "unpair" => (
            PeopleChange::Unpair {
                mentee: &form.mentee,
                mentor: &form.mentor,
            },
            "ended a match",
            match_words("audit-detail-unpaired"),
        ),
        "revoke" => (
            PeopleChange::RemoveDevice { device: &form.id },
            "removed a device",
            form.id.clone(),
        ),
        "cancel-invite" => (
            PeopleChange::CancelInvites { person: &form.id },
            "cancelled an invite",
            name_of(&form.id),
        ),
        "new-code" => {
            // The old code stops working the moment the new one exists.
            let Ok(person) = store.person(&form.id) else {
                return refusal(
                    StatusCode::BAD_REQUEST,
                    &c!("con-didnt-work"),
                    &c!("con-person-gone"),
                );
            };
            if let Err(refused) = noted_first(
                &state,
                &session.name,
                "made a new invite code",
                &person.display_name,
            ) {
                return *refused;
            }
            let made = store
                .cancel_invites(&person.id)
                .map_err(crate::error::ServerError::from)
                .and_then(|_| {
                    create_invite(
                        store,
                        person.role,
                        &person.display_name,
                        Some(&person.id),
                        state.invite_days,
                    )
                });
            return match made {
                Ok(invite) => Html(render(
                    &state,
                    &session.name,
                    &session.csrf,
                    Some(&invite),
                    None,
                ))
                .into_response(),
                Err(_) => {
                    did_not_go_through(
                        &state,
                        &session.name,
                        "made a new invite code",
                        &person.display_name,
                    );
                    refusal(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        &c!("con-sorry"),
                        &c!("con-new-code-failed"),
                    )
                }
            };
        }
        "deactivate" if form.confirm != "yes" => {
            let who = name_of(&form.id);
            return Html(page(
                &c!("con-deactivate"),
                Some((&session.name, &session.csrf)),
                rsx! {
                    h1 { {c!("con-deactivate-q", name = &who)} }
                    p { {c!("con-deactivate-explain", name = &who)} }
                    form { method: "post", action: "/staff/people/deactivate",
                        input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
                        input { r#type: "hidden", name: "id", value: "{form.id}" }
                        input { r#type: "hidden", name: "confirm", value: "yes" }
                        button { r#type: "submit", class: "primary", id: "confirm-deactivate", {c!("con-deactivate-yes", name = &who)} }
                    }
                    p { a { href: "/staff/people", {c!("con-go-back")} } }
                },
            ))
            .into_response();
        }
        "deactivate" => (
            PeopleChange::Delete { person: &form.id },
            "deactivated a person",
            name_of(&form.id),
        ),
        _ => {
            return refusal(
                StatusCode::NOT_FOUND,
                &c!("con-not-found"),
                &c!("con-nothing-here"),
            );
        }
    };
    let line = Audited::now(&session.name, what, &detail);
    if !store
        .change_people(&change, now(), Some(&line))
        .unwrap_or(false)
    {
        return refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-didnt-work"),
            &c!("con-maybe-done"),
        );
    }
    Redirect::to("/staff/people").into_response()
}
