//! The crisis directory in the console: the contacts staff are preparing (add, edit in place,
//! move, remove; opening times in the line's own time zone), each flagged when nobody has checked
//! it for 180 days; below, the whole card exactly as a phone shows it now (the bundled lines
//! beside these, in open-now order, drawn by the phone's own code); then published as the next
//! signed version. National lines a youth program may want (Childhelp, loveisrespect, the
//! National Domestic Violence Hotline) are offered one tap each, never added by default. Every
//! change is in the audit log.

use crate::error::ServerResult;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use dioxus::prelude::*;
use serde::Deserialize;

use super::pages::page;
use super::{StaffForm, WithCsrf, c, session, signed_out};
use crate::ServerState;
use crate::storage::staff::Audited;
use steady_cards::ContactCard;
use steady_core::domain::crisis::FieldProblem;
use steady_core::domain::{ContactForm, CrisisContact, CrisisDirectory};

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// National lines a youth program may want on its card (assets/crisis/national-us.json). None is
/// ever there unless staff add it: one tap puts it in the list being prepared, to review (and
/// edit like any contact) before Publish.
const NATIONAL_LINES: &str = include_str!("../../../../assets/crisis/national-us.json");

pub(crate) fn national_lines() -> Vec<CrisisContact> {
    CrisisDirectory::from_json(NATIONAL_LINES)
        .map(|directory| directory.contacts)
        .unwrap_or_default()
}

/// Whether `name` is already in the list (as the card compares names: a second copy could only
/// repeat it).
fn listed(contacts: &[CrisisContact], name: &str) -> bool {
    contacts
        .iter()
        .any(|c| c.name.trim().eq_ignore_ascii_case(name.trim()))
}

/// The national lines, each with what it offers and one button that adds it (or a note that it
/// is already in the list).
fn national_section(csrf: &str, contacts: &[CrisisContact]) -> Element {
    let lines: Vec<(String, String, bool)> = national_lines()
        .into_iter()
        .map(|line| {
            let offers = line.in_lang(super::lang()).offers;
            let added = listed(contacts, &line.name);
            (line.name, offers, added)
        })
        .collect();
    rsx! {
        section { class: "card", id: "national-lines", aria_labelledby: "national-title",
            h2 { id: "national-title", {c!("con-national-title")} }
            p { class: "muted", {c!("con-national-explain")} }
            ul { class: "plain-list",
                for (name, offers, added) in lines {
                    li { key: "{name}", class: "national-line", "data-line": "{name}",
                        h3 { "{name}" }
                        p { "{offers}" }
                        if added {
                            p { class: "muted", {c!("con-national-in-list")} }
                        } else {
                            form { method: "post", action: "/staff/directory/add-line",
                                input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                                input { r#type: "hidden", name: "line", value: "{name}" }
                                button { r#type: "submit", {c!("con-national-add", name = &name)} }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn draft(state: &ServerState) -> Vec<CrisisContact> {
    let mut contacts: Vec<CrisisContact> = state
        .store
        .directory_draft()
        .unwrap_or_default()
        .iter()
        .filter_map(|json| serde_json::from_str(json).ok())
        .collect();
    // A first visit starts from what phones have now.
    if contacts.is_empty()
        && let Ok(Some((_, signed))) = state.store.latest_directory()
        && let Ok(signed) = serde_json::from_str::<steady_core::crypto::SignedDirectory>(&signed)
        && let Ok(published) = steady_core::domain::CrisisDirectory::from_json(&signed.payload)
    {
        contacts = published.contacts;
    }
    contacts
}

/// Saves the changed list and, with it, notes `action` on contact `name` in the audit log; then
/// goes back to it.
fn commit(
    state: &ServerState,
    staff: &str,
    contacts: &[CrisisContact],
    action: &str,
    name: &str,
) -> Response {
    let json: Vec<String> = contacts
        .iter()
        .filter_map(|c| serde_json::to_string(c).ok())
        .collect();
    let line = Audited::now(staff, action, name);
    if state.store.set_directory_draft(&json, &line).is_err() {
        return super::refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            &c!("con-sorry"),
            &c!("con-saving-failed"),
        );
    }
    Redirect::to("/staff/directory").into_response()
}

#[derive(Deserialize)]
pub(crate) struct EditQuery {
    edit: Option<usize>,
}

pub(crate) async fn show(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Query(query): Query<EditQuery>,
) -> Response {
    let Some(session) = session(&state, &headers) else {
        return signed_out();
    };
    let contacts = draft(&state);
    let editing = query.edit.filter(|i| *i < contacts.len());
    let form = editing.map_or_else(ContactForm::default, |i| {
        ContactForm::from_contact(&contacts[i])
    });
    Html(render(
        &state,
        &session.name,
        &session.csrf,
        &contacts,
        editing,
        &form,
        &[],
        None,
    ))
    .into_response()
}

/// Common time zones for the hours field's list (any IANA name is accepted).
fn time_zones() -> [(&'static str, String); 6] {
    [
        ("America/New_York", c!("con-zone-eastern")),
        ("America/Chicago", c!("con-zone-central")),
        ("America/Denver", c!("con-zone-mountain")),
        ("America/Phoenix", c!("con-zone-arizona")),
        ("America/Los_Angeles", c!("con-zone-pacific")),
        ("Pacific/Honolulu", c!("con-zone-hawaii")),
    ]
}

/// The contact form, shown where it applies: under the contact being edited, or at the end.
fn contact_form(
    csrf: &str,
    editing: Option<usize>,
    form: &ContactForm,
    problems: &[FieldProblem],
) -> Element {
    let problem = |field: &str| {
        problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, key)| steady_core::i18n::tr(super::lang(), key))
    };
    let field = |id: &'static str, label: String, value: &str, hint: String| {
        let message = problem(id);
        let described = match (message.is_some(), hint.is_empty()) {
            (true, _) => format!("{id}-problem"),
            (false, false) => format!("{id}-hint"),
            _ => String::new(),
        };
        rsx! {
            label { r#for: "{id}", "{label}" }
            if !hint.is_empty() { p { id: "{id}-hint", class: "muted", "{hint}" } }
            if let Some(message) = &message {
                p { id: "{id}-problem", class: "error", "{message}" }
            }
            input {
                id: "{id}", name: "{id}", value: "{value}",
                aria_invalid: if message.is_some() { "true" },
                aria_describedby: if !described.is_empty() { "{described}" },
            }
        }
    };
    let open_kind = if form.open_kind.is_empty() {
        "always"
    } else {
        form.open_kind.as_str()
    };
    rsx! {
        form { method: "post", action: "/staff/directory/save", class: "card", id: "contact-form",
            h2 { id: "contact-form-title", if editing.is_some() { {c!("con-edit-contact")} } else { {c!("con-add-a-contact")} } }
            input { r#type: "hidden", name: "csrf", value: "{csrf}" }
            if let Some(i) = editing { input { r#type: "hidden", name: "index", value: "{i}" } }
            {field("name", c!("con-f-name"), &form.name, String::new())}
            {field("offers", c!("con-f-offers"), &form.offers, c!("con-f-offers-hint"))}
            {field("offers_es", c!("con-f-offers-es"), &form.offers_es, c!("con-f-es-hint"))}
            {field("phone", c!("con-f-phone"), &form.phone, c!("con-f-phone-hint"))}
            {field("text_number", c!("con-f-text-number"), &form.text_number, String::new())}
            {field("text_keyword", c!("con-f-keyword"), &form.text_keyword, String::new())}
            {field("chat", c!("con-f-chat"), &form.chat, c!("con-f-https"))}
            {field("web", c!("con-f-web"), &form.web, c!("con-f-https"))}
            fieldset { aria_describedby: if problem("open_kind").is_some() { "open_kind-problem" },
                legend { {c!("con-f-when-open")} }
                if let Some(message) = problem("open_kind") {
                    p { id: "open_kind-problem", class: "error", "{message}" }
                }
                label { class: "choice",
                    input { r#type: "radio", id: "open-always", name: "open_kind", value: "always", checked: open_kind == "always" }
                    {c!("con-f-always")}
                }
                label { class: "choice",
                    input { r#type: "radio", id: "open-times", name: "open_kind", value: "times", checked: open_kind == "times" }
                    {c!("con-f-set-times")}
                }
            }
            label { r#for: "time_zone", {c!("con-f-time-zone")} }
            if let Some(message) = problem("time_zone") {
                p { id: "time_zone-problem", class: "error", "{message}" }
            }
            select { id: "time_zone", name: "time_zone",
                aria_describedby: if problem("time_zone").is_some() { "time_zone-problem" },
                option { value: "", selected: form.time_zone.is_empty(), {c!("con-f-choose-zone")} }
                for (zone, words) in time_zones() {
                    option { key: "{zone}", value: "{zone}", selected: form.time_zone == zone, {c!("con-zone", words = words, zone = zone)} }
                }
            }
            {field("open_times", c!("con-f-times"), &form.open_times, c!("con-f-times-hint"))}
            {field("hours", c!("con-f-hours"), &form.hours, c!("con-f-hours-hint"))}
            {field("hours_es", c!("con-f-hours-es"), &form.hours_es, c!("con-f-es-hint"))}
            {field("languages", c!("con-f-languages"), &form.languages, c!("con-f-commas"))}
            {field("regions", c!("con-f-regions"), &form.regions, c!("con-f-regions-hint"))}
            {field("last_checked", c!("con-f-checked"), &form.last_checked, c!("con-f-checked-hint"))}
            div { class: "row",
                button { r#type: "submit", class: "primary", id: "save-contact",
                    if editing.is_some() { {c!("con-save-changes")} } else { {c!("con-add-contact")} }
                }
                if editing.is_some() { a { class: "button", href: "/staff/directory", {c!("cancel")} } }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn render(
    state: &ServerState,
    name: &str,
    csrf: &str,
    contacts: &[CrisisContact],
    editing: Option<usize>,
    form: &ContactForm,
    problems: &[FieldProblem],
    notice: Option<&str>,
) -> String {
    let published = state
        .store
        .latest_directory()
        .ok()
        .flatten()
        .map(|(v, _)| v);
    let today = today();
    // The phone's own card: the bundled lines beside these contacts, in the order a phone shows
    // them at this moment, drawn by the phone's own code.
    let (card, _) = CrisisDirectory::card(
        steady_core::domain::crisis::bundled_crisis_directory(),
        Some(CrisisDirectory {
            version: 0,
            region: String::new(),
            contacts: contacts.to_vec(),
            program: None,
        }),
    );
    let phone_view = card.by_open_now(chrono::Utc::now());
    // What Publish signs besides the contacts, shown beside the button, and its fingerprint
    // (built once: it reads the signed directory and the program key).
    let to_sign = to_publish(state, None).ok();
    let shown = to_sign.as_ref().map(fingerprint).unwrap_or_default();
    let care: Option<steady_core::domain::ProgramCare> = to_sign
        .as_ref()
        .and_then(|directory| directory.get("program"))
        .and_then(|program| serde_json::from_value(program.clone()).ok());
    page(
        &c!("con-directory"),
        Some((name, csrf)),
        rsx! {
            h1 { {c!("con-directory")} }
            p {
                match published {
                    Some(v) => c!("con-phones-have", version = v),
                    None => c!("con-nothing-published"),
                }
            }
            if let Some(notice) = notice { p { role: "status", id: "notice", class: "card", "{notice}" } }
            if !problems.is_empty() {
                p { role: "alert", id: "form-problems", class: "error",
                    {c!("con-fix-fields")}
                }
            }
            h2 { id: "yours-title", {c!("con-yours")} }
            if contacts.is_empty() { p { {c!("con-no-contacts")} } }
            ul { class: "plain-list", id: "draft", aria_labelledby: "yours-title",
                for (i, contact) in contacts.iter().enumerate() {
                    li { key: "{i}", class: "card draft-contact", "data-contact": "{contact.name}",
                        h3 { "{contact.name}" }
                        if contact.is_stale(today) {
                            p { class: "error stale", {c!("con-stale")} }
                        }
                        div { class: "row",
                            a { class: "button", href: "/staff/directory?edit={i}#contact-form", {c!("con-edit-name", name = &contact.name)} }
                            for (action, words) in [("up", c!("con-move-up")), ("down", c!("con-move-down")), ("remove", c!("con-remove"))] {
                                form { method: "post", action: "/staff/directory/change",
                                    input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                                    input { r#type: "hidden", name: "index", value: "{i}" }
                                    input { r#type: "hidden", name: "action", value: "{action}" }
                                    button { r#type: "submit", aria_label: c!("con-action-on", action = &words, name = &contact.name), "{words}" }
                                }
                            }
                        }
                        if editing == Some(i) { {contact_form(csrf, editing, form, problems)} }
                    }
                }
            }
            if editing.is_none() { {contact_form(csrf, None, form, problems)} }
            {national_section(csrf, contacts)}
            form { method: "post", action: "/staff/directory/publish", class: "card", id: "publish-form",
                input { r#type: "hidden", name: "csrf", value: "{csrf}" }
                input { r#type: "hidden", name: "shown", value: "{shown}" }
                p { {c!("con-publish-explain")} }
                if let Some(care) = &care {
                    if let Some(coordinator) = &care.coordinator {
                        p { id: "publish-coordinator",
                            {c!("con-publish-coordinator", name = &coordinator.name, phone = &coordinator.phone)}
                        }
                    }
                    if !care.mentor_support.is_empty() {
                        p { id: "publish-mentor-support", {c!("con-publish-mentor-support", text = &care.mentor_support)} }
                    }
                    if let Some(inbox) = &care.safeguarding {
                        p { id: "publish-inbox", {c!("con-publish-inbox", name = &inbox.name)} }
                    }
                }
                button { r#type: "submit", class: "primary", id: "publish", {c!("con-publish")} }
            }
            h2 { id: "phones-title", {c!("con-as-phone")} }
            p { class: "muted", {c!("con-order-explain")} }
            ul { class: "contact-list", id: "phone-preview", aria_labelledby: "phones-title",
                for (contact, open) in phone_view {
                    ContactCard { key: "{contact.name}", contact, open, lang: super::lang(), opener: steady_cards::Opener::LEAVE_TO_PAGE }
                }
            }
        },
    )
}

#[derive(Deserialize)]
pub(crate) struct SaveForm {
    csrf: String,
    /// Text, not a number: forms flatten into strings, and serde can't read a number back.
    index: Option<String>,
    #[serde(flatten)]
    contact: ContactForm,
}

pub(crate) async fn save(
    State(state): State<ServerState>,
    StaffForm { session, form }: StaffForm<SaveForm>,
) -> Response {
    let mut contacts = draft(&state);
    let index = form
        .index
        .as_deref()
        .and_then(|i| i.parse::<usize>().ok())
        .filter(|i| *i < contacts.len());
    match form.contact.validate(today()) {
        Err(problems) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(render(
                &state,
                &session.name,
                &session.csrf,
                &contacts,
                index,
                &form.contact,
                &problems,
                None,
            )),
        )
            .into_response(),
        Ok(contact) => {
            let action = if index.is_some() {
                "edited a crisis contact"
            } else {
                "added a crisis contact"
            };
            let name = contact.name.clone();
            match index {
                Some(i) => contacts[i] = contact,
                None => contacts.push(contact),
            }
            commit(&state, &session.name, &contacts, action, &name)
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct ChangeForm {
    csrf: String,
    index: usize,
    action: String,
}

pub(crate) async fn change(
    State(state): State<ServerState>,
    StaffForm { session, form }: StaffForm<ChangeForm>,
) -> Response {
    let mut contacts = draft(&state);
    let i = form.index;
    if i >= contacts.len() {
        return super::refusal(
            StatusCode::NOT_FOUND,
            &c!("con-not-found"),
            &c!("con-contact-gone"),
        );
    }
    let name = contacts[i].name.clone();
    let action = match form.action.as_str() {
        "up" if i > 0 => {
            contacts.swap(i, i - 1);
            "moved a crisis contact up"
        }
        "down" if i + 1 < contacts.len() => {
            contacts.swap(i, i + 1);
            "moved a crisis contact down"
        }
        "remove" => {
            contacts.remove(i);
            "removed a crisis contact"
        }
        "up" | "down" => return Redirect::to("/staff/directory").into_response(),
        _ => {
            return super::refusal(
                StatusCode::BAD_REQUEST,
                &c!("con-didnt-work"),
                &c!("con-unknown-change"),
            );
        }
    };
    commit(&state, &session.name, &contacts, action, &name)
}

#[derive(Deserialize)]
pub(crate) struct AddLineForm {
    csrf: String,
    /// The national line's name, as `national_lines` has it.
    line: String,
}

/// One tap: a national line goes into the list being prepared (not onto phones: Publish does
/// that), noted in the audit log. A line already in the list is not added twice.
pub(crate) async fn add_line(
    State(state): State<ServerState>,
    StaffForm { session, form }: StaffForm<AddLineForm>,
) -> Response {
    let Some(line) = national_lines().into_iter().find(|l| l.name == form.line) else {
        return super::refusal(
            StatusCode::NOT_FOUND,
            &c!("con-not-found"),
            &c!("con-national-unknown"),
        );
    };
    let mut contacts = draft(&state);
    if listed(&contacts, &line.name) {
        return Redirect::to("/staff/directory").into_response();
    }
    let name = line.name.clone();
    contacts.push(line);
    commit(
        &state,
        &session.name,
        &contacts,
        "added a national line",
        &name,
    )
}

#[derive(Deserialize)]
pub(crate) struct PublishForm {
    csrf: String,
    /// [`fingerprint`] of what the page showed.
    #[serde(default)]
    shown: String,
}

pub(crate) async fn publish(
    State(state): State<ServerState>,
    StaffForm { session, form }: StaffForm<PublishForm>,
) -> Response {
    let contacts = draft(&state);
    // The version this Publish follows, read before what it signs: a directory kept after this
    // (an inbox set up meanwhile) makes the Publish fail instead of leaving that out.
    // Built once: what is checked against the page is exactly what is signed.
    let read = crate::admin::newest_version(state.store.as_ref(), &state.data_dir)
        .and_then(|base| Ok((base, to_publish(&state, None)?)));
    let (base, directory) = match read {
        Ok(read) => read,
        Err(err) => {
            tracing::error!("nothing can be published: {err}");
            return super::refusal(
                StatusCode::CONFLICT,
                &c!("con-not-published"),
                &c!("con-publish-not-ours"),
            );
        }
    };
    let digest = fingerprint(&directory);
    if !steady_core::crypto::same_secret(digest.as_bytes(), form.shown.as_bytes()) {
        tracing::warn!("a Publish was refused: the draft changed after the page was shown");
        let html = render(
            &state,
            &session.name,
            &session.csrf,
            &contacts,
            None,
            &ContactForm::default(),
            &[],
            Some(&c!("con-publish-changed")),
        );
        return (StatusCode::CONFLICT, Html(html)).into_response();
    }
    if contacts.is_empty() && directory.get("program").is_none() {
        return super::refusal(
            StatusCode::BAD_REQUEST,
            &c!("con-nothing-to-publish"),
            &c!("con-nothing-to-publish-body"),
        );
    }
    let published = crate::admin::publish_directory_after(
        &state.store,
        &state.data_dir,
        &directory.to_string(),
        base,
        &session.name,
    );
    match published {
        Ok(version) => {
            let html = render(
                &state,
                &session.name,
                &session.csrf,
                &contacts,
                None,
                &ContactForm::default(),
                &[],
                Some(&c!("con-published", version = version)),
            );
            Html(html).into_response()
        }
        Err(err) => {
            tracing::warn!("the crisis contacts were not published: {err}");
            super::refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                &c!("con-not-published"),
                &c!("con-publish-failed"),
            )
        }
    }
}

impl WithCsrf for SaveForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl WithCsrf for ChangeForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl WithCsrf for AddLineForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl WithCsrf for PublishForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// What the next Publish signs: the contacts being edited and the duty of care statement, with
/// where concerns go as last signed (or `new_inbox`, just set up).
fn to_publish(
    state: &ServerState,
    new_inbox: Option<steady_core::domain::Safeguarding>,
) -> ServerResult<serde_json::Value> {
    let mut directory = serde_json::json!({
        "version": 0,
        "region": state.store.program_name().unwrap_or_default(),
        "contacts": draft(state),
    });
    if let Some(care) = super::care::care_to_publish(state, new_inbox)? {
        directory["program"] = serde_json::to_value(care)?;
    }
    Ok(directory)
}

/// A fingerprint of what a Publish would sign, put in the Publish form: the server publishes
/// only what the person pressing Publish was shown, so a change written into the database after
/// the page was drawn (a contact's number, the coordinator's) is not signed unseen.
fn fingerprint(directory: &serde_json::Value) -> String {
    steady_core::crypto::sha256_hex(directory.to_string().as_bytes())
}

/// The newest signed directory again, as the program signed it, with concerns going to `inbox`,
/// signed as the next version for setting the inbox up to keep in its transaction: it signs
/// nothing else, so nothing written into the drafts is signed unseen. Before anything was
/// published: no program contacts, and the usual statement.
pub(crate) fn signed_with_new_inbox(
    state: &ServerState,
    key: &steady_core::crypto::ProgramKey,
    inbox: steady_core::domain::Safeguarding,
) -> ServerResult<(u64, String)> {
    let newest = crate::admin::newest_signed(state.store.as_ref(), &key.public())?;
    let mut directory = match newest {
        Some(directory) => serde_json::to_value(directory)?,
        None => serde_json::json!({
            "version": 0,
            "region": state.store.program_name().unwrap_or_default(),
            "contacts": [],
        }),
    };
    let mut care = directory
        .get("program")
        .and_then(|p| serde_json::from_value::<steady_core::domain::ProgramCare>(p.clone()).ok())
        .unwrap_or_else(super::care::general_care);
    care.safeguarding = Some(inbox);
    directory["program"] = serde_json::to_value(care)?;
    crate::admin::sign_next_directory(state.store.as_ref(), key, &directory.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_lines_read_and_say_plainly_what_calling_may_lead_to() {
        let lines = national_lines();
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Childhelp National Child Abuse Hotline",
                "loveisrespect",
                "National Domestic Violence Hotline"
            ]
        );
        let buttons = |line: &CrisisContact| -> Vec<String> {
            line.actions().into_iter().map(|a| a.href).collect()
        };
        assert!(buttons(&lines[0]).contains(&"tel:+18004224453".to_string()));
        assert!(buttons(&lines[1]).contains(&"tel:+18663319474".to_string()));
        assert!(buttons(&lines[1]).contains(&"sms:22522?&body=LOVEIS".to_string()));
        assert!(buttons(&lines[2]).contains(&"tel:+18007997233".to_string()));
        assert!(buttons(&lines[2]).contains(&"sms:88788?&body=START".to_string()));
        // Childhelp says, in both languages, that they may have to tell someone.
        let childhelp = &lines[0];
        assert!(
            childhelp
                .in_lang(steady_core::i18n::Lang::En)
                .offers
                .contains("they may need to tell people whose job is keeping children safe")
        );
        assert!(
            childhelp
                .in_lang(steady_core::i18n::Lang::Es)
                .offers
                .contains("puede que tengan que avisar a personas cuyo trabajo es proteger")
        );
        // Staff can edit an added line in the form without losing anything of it.
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        for line in &lines {
            assert_eq!(
                &ContactForm::from_contact(line).validate(day).unwrap(),
                line,
                "{}",
                line.name
            );
        }
        // None of them is on a phone unless a program adds it.
        let bundled = steady_core::domain::crisis::bundled_crisis_directory();
        for line in &lines {
            assert!(!listed(&bundled.contacts, &line.name), "{}", line.name);
        }
    }
}
