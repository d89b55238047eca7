//! Devices and who trusts them, in people's words: a mentee's mentor devices (each approved by its
//! code, the first one too), a mentee's own new devices ("is this yours?"), and, in mentor mode, a
//! mentee's device codes with a way to trust a new one after checking with the mentee.

use dioxus::prelude::*;

use super::{KeyCode, PasscodeField, confirm_passcode};
use crate::i18n::Say;
use crate::store::{DeviceTrust, MenteeDeviceTrust, OwnDeviceStatus};
use crate::ui::use_session;

/// The mentee's side: their mentor's devices.
#[component]
pub fn MentorDevices() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut problem = use_signal(|| None::<String>);
    let passcode = use_signal(String::new);
    let has_passcode = session.device().has_passcode();
    let devices: Vec<_> = session
        .device()
        .mentor_devices()
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.trust != DeviceTrust::Gone)
        .collect();
    rsx! {
        section { class: "card", aria_labelledby: "devices-title",
            h2 { id: "devices-title", {t!(lang, "mentor-devices-title")} }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            if devices.is_empty() {
                p { {t!(lang, "mentor-devices-none")} }
            }
            ul { class: "plain-list",
                for d in devices {
                    li { key: "{d.device_id}", "data-device": "{d.device_id}",
                        p { {t!(lang, "mentor-device-code", name = &d.mentor_name)} " " KeyCode { code: d.fingerprint() } "." }
                        match d.trust {
                            DeviceTrust::Approved => rsx! { p { class: "hint", {t!(lang, "device-approved")} } },
                            DeviceTrust::Declined => rsx! { p { class: "hint", {t!(lang, "device-declined")} } },
                            _ => {
                                let yes = d.device_id.clone();
                                let no = d.device_id.clone();
                                rsx! {
                                    p { class: "notice", role: "status",
                                        {t!(lang, "device-check", name = &d.mentor_name)}
                                    }
                                    PasscodeField { id: "approve-passcode-{d.device_id}", value: passcode, has_passcode }
                                    div { class: "row",
                                        button {
                                            r#type: "button",
                                            class: "primary approve-device",
                                            onclick: move |_| {
                                                let device = session.device();
                                                let outcome = confirm_passcode(&device, &passcode(), lang)
                                                    .and_then(|()| device.decide_mentor_device(&yes, true).map_err(|e| e.say(lang)));
                                                problem.set(outcome.err());
                                                session.changed();
                                            },
                                            {t!(lang, "device-yes-same")}
                                        }
                                        button {
                                            r#type: "button",
                                            onclick: move |_| {
                                                if let Err(err) = session.device().decide_mentor_device(&no, false) {
                                                    problem.set(Some(err.say(lang)));
                                                }
                                                session.changed();
                                            },
                                            {t!(lang, "no")}
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The mentee's side: a new device the server lists as theirs. Shown only when there is one.
#[component]
pub fn OwnDevices() -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut problem = use_signal(|| None::<String>);
    let passcode = use_signal(String::new);
    let has_passcode = session.device().has_passcode();
    let waiting: Vec<_> = session
        .device()
        .own_devices()
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.status == OwnDeviceStatus::Waiting)
        .collect();
    if waiting.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "card", aria_labelledby: "own-devices-title", id: "own-devices",
            h2 { id: "own-devices-title", {t!(lang, "own-device-title")} }
            p { {t!(lang, "own-device-body")} }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            ul { class: "plain-list",
                for d in waiting {
                    li { key: "{d.device_id}", "data-own-device": "{d.device_id}",
                        p { {t!(lang, "code")} " " KeyCode { code: d.fingerprint() } }
                        PasscodeField { id: "own-passcode-{d.device_id}", value: passcode, has_passcode }
                        div { class: "row",
                            button {
                                r#type: "button",
                                class: "primary",
                                onclick: {
                                    let id = d.device_id.clone();
                                    move |_| {
                                        let device = session.device();
                                        let outcome = confirm_passcode(&device, &passcode(), lang)
                                            .and_then(|()| device.decide_own_device(&id, true).map_err(|e| e.say(lang)));
                                        problem.set(outcome.err());
                                        session.changed();
                                    }
                                },
                                {t!(lang, "own-device-yes")}
                            }
                            button {
                                r#type: "button",
                                onclick: {
                                    let id = d.device_id.clone();
                                    move |_| {
                                        if let Err(err) = session.device().decide_own_device(&id, false) {
                                            problem.set(Some(err.say(lang)));
                                        }
                                        session.changed();
                                    }
                                },
                                {t!(lang, "own-device-no")}
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Mentor mode: one mentee's devices and their codes.
#[component]
pub fn MenteeDevices(mentee_id: String, name: String) -> Element {
    let mut session = use_session();
    session.track();
    let lang = session.lang();
    let mut problem = use_signal(|| None::<String>);
    let passcode = use_signal(String::new);
    let has_passcode = session.device().has_passcode();
    let devices: Vec<_> = session
        .device()
        .mentee_devices(&mentee_id)
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.trust != MenteeDeviceTrust::Gone)
        .collect();
    rsx! {
        details { class: "card", id: "mentee-devices",
            summary { {t!(lang, "mentee-devices-title", name = &name)} }
            p { class: "hint", {t!(lang, "mentee-devices-hint", name = &name)} }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            ul { class: "plain-list",
                for d in devices {
                    li { key: "{d.device_id}", "data-mentee-device": "{d.device_id}",
                        p { {t!(lang, "code")} " " KeyCode { code: d.fingerprint() } }
                        if d.trust == MenteeDeviceTrust::Waiting {
                            p { class: "notice", role: "status", {t!(lang, "mentee-device-new", name = &name)} }
                            PasscodeField { id: "mentee-passcode-{d.device_id}", value: passcode, has_passcode }
                            button {
                                r#type: "button",
                                class: "primary",
                                onclick: {
                                    let (mentee, id) = (mentee_id.clone(), d.device_id.clone());
                                    move |_| {
                                        let device = session.device();
                                        let outcome = confirm_passcode(&device, &passcode(), lang)
                                            .and_then(|()| device.approve_mentee_device(&mentee, &id).map_err(|e| e.say(lang)));
                                        problem.set(outcome.err());
                                        session.changed();
                                    }
                                },
                                {t!(lang, "mentee-device-yes", name = &name)}
                            }
                        } else {
                            p { class: "hint", {t!(lang, "trusted")} }
                        }
                    }
                }
            }
        }
    }
}
