//! The duty of care in the console: the program's confidentiality statement, coordinator and
//! escalation steps (published to phones with the crisis contacts), and where concerns go (the
//! inbox the program signed into the directory). The inbox itself is `inbox.rs`.

use crate::error::ServerResult;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use dioxus::prelude::*;
use serde::Deserialize;

use super::pages::page;
use super::{StaffForm, WithCsrf, c, refusal, session, signed_out};
use crate::ServerState;
use crate::storage::staff::{Audited, StaffSession};
use steady_core::domain::care::CareWords;
use steady_core::domain::{Coordinator, ProgramCare};
use steady_core::i18n::Say;

/// The statement as staff write it: text fields, steps one per line.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct CareForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    keeps: String,
    #[serde(default)]
    passes_on: String,
    #[serde(default)]
    not_told: String,
    #[serde(default)]
    coordinator_name: String,
    #[serde(default)]
    coordinator_phone: String,
    #[serde(default)]
    coordinator_email: String,
    #[serde(default)]
    escalation: String,
    /// What the program offers mentors themselves.
    #[serde(default)]
    mentor_support: String,
    /// "on" when mentors may write their own words.
    #[serde(default)]
    free_text: String,
    #[serde(default)]
    reply_within_hours: String,
    /// The statement in Spanish; a part left empty shows the English.
    #[serde(default)]
    keeps_es: String,
    #[serde(default)]
    passes_on_es: String,
    #[serde(default)]
    not_told_es: String,
    #[serde(default)]
    escalation_es: String,
    #[serde(default)]
    mentor_support_es: String,
}

impl WithCsrf for CareForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl CareForm {
    fn from_care(care: &ProgramCare) -> Self {
        let coordinator = care.coordinator.clone();
        let es = care.translations.get("es").cloned().unwrap_or_default();
        CareForm {
            keeps_es: es.keeps,
            passes_on_es: es.passes_on,
            not_told_es: es.not_told,
            escalation_es: es.escalation.join("\n"),
            mentor_support_es: es.mentor_support,
            csrf: String::new(),
            keeps: care.keeps.clone(),
            passes_on: care.passes_on.clone(),
            not_told: care.not_told.clone(),
            coordinator_name: coordinator
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            coordinator_phone: coordinator
                .as_ref()
                .map(|c| c.phone.clone())
                .unwrap_or_default(),
            coordinator_email: coordinator.map(|c| c.email).unwrap_or_default(),
            escalation: care.escalation.join("\n"),
            mentor_support: care.mentor_support.clone(),
            free_text: if care.free_text_replies {
                "on".into()
            } else {
                String::new()
            },
            reply_within_hours: if care.reply_within_hours == 0 {
                String::new()
            } else {
                care.reply_within_hours.to_string()
            },
        }
    }

    fn to_care(&self) -> ProgramCare {
        let name = self.coordinator_name.trim();
        let phone = steady_core::domain::people::clean_phone(&self.coordinator_phone)
            .unwrap_or_else(|| self.coordinator_phone.trim().to_owned());
        ProgramCare {
            keeps: self.keeps.trim().to_owned(),
            passes_on: self.passes_on.trim().to_owned(),
            not_told: self.not_told.trim().to_owned(),
            coordinator: (!name.is_empty()).then(|| Coordinator {
                name: name.to_owned(),
                phone: if self.coordinator_phone.trim().is_empty() {
                    String::new()
                } else {
                    phone
                },
                email: self.coordinator_email.trim().to_owned(),
            }),
            escalation: steps(&self.escalation),
            mentor_support: self.mentor_support.trim().to_owned(),
            safeguarding: None,
            translations: {
                let es = CareWords {
                    keeps: self.keeps_es.trim().to_owned(),
                    passes_on: self.passes_on_es.trim().to_owned(),
                    not_told: self.not_told_es.trim().to_owned(),
                    escalation: steps(&self.escalation_es),
                    mentor_support: self.mentor_support_es.trim().to_owned(),
                };
                let written = !es.keeps.is_empty()
                    || !es.passes_on.is_empty()
                    || !es.not_told.is_empty()
                    || !es.escalation.is_empty()
                    || !es.mentor_support.is_empty();
                written.then(|| ("es".to_owned(), es)).into_iter().collect()
            },
            free_text_replies: self.free_text == "on",
            // Not a number counts as too many, so the form says what it wants.
            reply_within_hours: match self.reply_within_hours.trim() {
                "" => 0,
                text => text.parse().unwrap_or(u32::MAX),
            },
        }
    }
}

/// Steps typed one per line.
fn steps(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The statement staff are editing, or the general one to start from.
pub(crate) fn care_draft(state: &ServerState) -> ProgramCare {
    state
        .store
        .care_draft()
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_else(general_care)
}

/// The usual rules, in Spanish too: what staff start from, and what phones get with the inbox
/// before the program has published a statement of its own.
pub(crate) fn general_care() -> ProgramCare {
    let mut care = ProgramCare::general();
    let es = ProgramCare::general_in(steady_core::i18n::Lang::Es);
    care.translations.insert(
        "es".to_owned(),
        CareWords {
            keeps: es.keeps,
            passes_on: es.passes_on,
            not_told: es.not_told,
            escalation: Vec::new(),
            mentor_support: String::new(),
        },
    );
    care
}

/// Where concerns go as the program last signed it: the safeguarding entry of the newest
/// published directory, checked against this server's program key. The database's key rows never
/// decide it: whoever can write one row could otherwise have every new concern sealed to a key
/// of their own at the next Publish. Only setting the inbox up (a lead's own browser making the
/// key) changes it, and that publishes at once. An error when the newest version does not carry
/// the program's signature: someone changed it in the database.
pub(crate) fn published_safeguarding(
    state: &ServerState,
) -> ServerResult<Option<steady_core::domain::Safeguarding>> {
    let key = crate::program_key::load(&state.data_dir, state.store.as_ref())?;
    Ok(
        crate::admin::newest_signed(state.store.as_ref(), &key.public())?
            .and_then(|directory| directory.program)
            .and_then(|care| care.safeguarding),
    )
}

/// The statement as phones get it: the draft, with where concerns go (`new_inbox` when a lead
/// has just set one up, else as last signed); nothing until staff have written one or set the
/// inbox up (phones then say the usual rules).
pub(crate) fn care_to_publish(
    state: &ServerState,
    new_inbox: Option<steady_core::domain::Safeguarding>,
) -> ServerResult<Option<ProgramCare>> {
    let written = state.store.care_draft()?.is_some();
    let safeguarding = match new_inbox {
        Some(inbox) => Some(inbox),
        None => published_safeguarding(state)?,
    };
    if !written && safeguarding.is_none() {
        return Ok(None);
    }
    let mut care = care_draft(state);
    care.safeguarding = safeguarding;
    Ok(Some(care))
}

/// The statement phones show now: the program's, as last signed into the directory, or the
/// usual one (and `false`) until a directory carries one.
fn phones_show(state: &ServerState) -> (ProgramCare, bool) {
    let published = crate::program_key::load(&state.data_dir, state.store.as_ref())
        .ok()
        .and_then(|key| {
            crate::admin::newest_signed(state.store.as_ref(), &key.public())
                .ok()
                .flatten()
        })
        .and_then(|directory| directory.program);
    match published {
        Some(care) => (care, true),
        None => (ProgramCare::general(), false),
    }
}

fn render_care(
    state: &ServerState,
    session: &StaffSession,
    form: &CareForm,
    problem: Option<&str>,
    notice: Option<&str>,
) -> String {
    let (shown, published) = phones_show(state);
    let text_area = |id: &'static str, label: String, value: &str, hint: String| {
        rsx! {
            label { r#for: id, "{label}" }
            if !hint.is_empty() { p { class: "hint", id: "{id}-hint", "{hint}" } }
            textarea { id, name: id, rows: "3", maxlength: "1000",
                aria_describedby: if !hint.is_empty() { "{id}-hint" },
                "{value}"
            }
        }
    };
    let input = |id: &'static str, label: String, value: &str| {
        rsx! {
            label { r#for: id, "{label}" }
            input { id, name: id, value: "{value}" }
        }
    };
    page(
        &c!("con-nav-care"),
        Some((&session.name, &session.csrf)),
        rsx! {
            h1 { {c!("con-nav-care")} }
            p { {c!("con-care-intro")} }
            if let Some(notice) = notice { p { role: "status", id: "notice", class: "card", "{notice}" } }
            // What mentees read today, so nobody has to guess which words their phones hold.
            section { class: "card", id: "phones-show", aria_labelledby: "phones-show-title",
                h2 { id: "phones-show-title", {c!("con-phones-show-title")} }
                p { class: "hint",
                    if published { {c!("con-phones-show-published")} } else { {c!("con-phones-show-general")} }
                }
                dl {
                    dt { {c!("con-keeps")} }
                    dd { class: "shown-keeps", "{shown.keeps}" }
                    dt { {c!("con-passes-on")} }
                    dd { class: "shown-passes-on", "{shown.passes_on}" }
                    dt { {c!("con-not-told")} }
                    dd { class: "shown-not-told", "{shown.not_told}" }
                }
            }
            form { method: "post", action: "/staff/care", class: "card", id: "care-form",
                input { r#type: "hidden", name: "csrf", value: "{session.csrf}" }
                if let Some(problem) = problem { p { class: "error", role: "alert", id: "care-problem", "{problem}" } }
                h2 { {c!("con-confidentiality")} }
                {text_area("keeps", c!("con-keeps"), &form.keeps, c!("con-keeps-hint"))}
                {text_area("passes_on", c!("con-passes-on"), &form.passes_on, String::new())}
                {text_area("not_told", c!("con-not-told"), &form.not_told, c!("con-not-told-hint"))}
                h2 { {c!("con-for-mentors")} }
                {input("coordinator_name", c!("con-coordinator-name"), &form.coordinator_name)}
                {input("coordinator_phone", c!("con-coordinator-phone"), &form.coordinator_phone)}
                {input("coordinator_email", c!("con-coordinator-email"), &form.coordinator_email)}
                {text_area("escalation", c!("con-escalation"), &form.escalation, String::new())}
                {text_area("mentor_support", c!("con-mentor-support"), &form.mentor_support, c!("con-mentor-support-hint"))}
                h2 { {c!("con-in-spanish")} }
                p { class: "hint", {c!("con-in-spanish-hint")} }
                {text_area("keeps_es", c!("con-keeps-es"), &form.keeps_es, String::new())}
                {text_area("passes_on_es", c!("con-passes-on-es"), &form.passes_on_es, String::new())}
                {text_area("not_told_es", c!("con-not-told-es"), &form.not_told_es, String::new())}
                {text_area("escalation_es", c!("con-escalation-es"), &form.escalation_es, String::new())}
                {text_area("mentor_support_es", c!("con-mentor-support-es"), &form.mentor_support_es, String::new())}
                h2 { {c!("con-replies")} }
                label { class: "choice",
                    input { r#type: "checkbox", name: "free_text", id: "free_text", value: "on", checked: form.free_text == "on" }
                    {c!("con-free-text")}
                }
                label { r#for: "reply_within_hours", {c!("con-reply-hours")} }
                input { id: "reply_within_hours", name: "reply_within_hours", inputmode: "numeric", value: "{form.reply_within_hours}" }
                button { r#type: "submit", class: "primary", id: "save-care", {c!("con-save")} }
            }
            // Publish signs only what its page shows beside the button: the contacts and this
            // statement both, on the directory page.
            div { class: "card",
                p { {c!("con-publish-care")} }
                a { class: "button primary", id: "publish-care", href: "/staff/directory#publish-form", {c!("con-review-publish")} }
            }
        },
    )
}

pub(crate) async fn show_care(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let Some(session) = session(&state, &headers) else {
        return signed_out();
    };
    let form = CareForm::from_care(&care_draft(&state));
    Html(render_care(&state, &session, &form, None, None)).into_response()
}

pub(crate) async fn save_care(
    State(state): State<ServerState>,
    StaffForm { session, form }: StaffForm<CareForm>,
) -> Response {
    let care = form.to_care();
    if let Err(problem) = care.check() {
        let html = render_care(
            &state,
            &session,
            &form,
            Some(&problem.say(super::lang())),
            None,
        );
        return (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response();
    }
    let Ok(json) = serde_json::to_string(&care) else {
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            &c!("con-sorry"),
            &c!("con-not-saved"),
        );
    };
    let line = Audited::now(&session.name, "changed the duty of care statement", "");
    if state.store.set_care_draft(&json, &line).is_err() {
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            &c!("con-sorry"),
            &c!("con-not-saved"),
        );
    }
    let html = render_care(
        &state,
        &session,
        &CareForm::from_care(&care),
        None,
        Some(&c!("con-care-saved")),
    );
    Html(html).into_response()
}
