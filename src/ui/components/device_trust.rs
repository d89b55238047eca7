//! Devices and who trusts them, in people's words: a mentee's mentor devices (each approved by its
//! code, the first one too), a mentee's own new devices ("is this yours?"), and, in mentor mode, a
//! mentee's device codes with a way to trust a new one after checking with the mentee.

use dioxus::prelude::*;

use super::{PasscodeField, confirm_passcode};
use crate::store::{DeviceTrust, MenteeDeviceTrust, OwnDeviceStatus};
use crate::ui::use_session;

/// The mentee's side: their mentor's devices.
#[component]
pub fn MentorDevices() -> Element {
    let mut session = use_session();
    session.track();
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
            h2 { id: "devices-title", "Your mentor's devices" }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            if devices.is_empty() {
                p { "Your mentor hasn't connected a device yet. What you share will wait safely until they do." }
            }
            ul { class: "plain-list",
                for d in devices {
                    li { key: "{d.device_id}", "data-device": "{d.device_id}",
                        p { "One of {d.mentor_name}'s phones or computers. Its code is " code { "{d.fingerprint()}" } "." }
                        match d.trust {
                            DeviceTrust::Approved => rsx! { p { class: "hint", "Can read what you share." } },
                            DeviceTrust::Declined => rsx! { p { class: "hint", "You said no to this device." } },
                            _ => {
                                let yes = d.device_id.clone();
                                let no = d.device_id.clone();
                                rsx! {
                                    p { class: "notice", role: "status",
                                        "Is this really {d.mentor_name}'s? Ask them to read you their code. Say yes only if it's the same."
                                    }
                                    PasscodeField { id: "approve-passcode-{d.device_id}", value: passcode, has_passcode }
                                    div { class: "row",
                                        button {
                                            r#type: "button",
                                            class: "primary approve-device",
                                            onclick: move |_| {
                                                let device = session.device();
                                                let outcome = confirm_passcode(&device, &passcode())
                                                    .and_then(|()| device.decide_mentor_device(&yes, true).map_err(|e| e.to_string()));
                                                problem.set(outcome.err());
                                                session.changed();
                                            },
                                            "Yes, it's the same code"
                                        }
                                        button {
                                            r#type: "button",
                                            onclick: move |_| {
                                                if let Err(err) = session.device().decide_mentor_device(&no, false) {
                                                    problem.set(Some(err.to_string()));
                                                }
                                                session.changed();
                                            },
                                            "No"
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
            h2 { id: "own-devices-title", "A new device joined as you" }
            p {
                "Is it yours, like a new phone? Check that it shows the same code. "
                "If you don't know it, say no. Your mentor won't trust it."
            }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            ul { class: "plain-list",
                for d in waiting {
                    li { key: "{d.device_id}", "data-own-device": "{d.device_id}",
                        p { "Code " code { "{d.fingerprint()}" } }
                        PasscodeField { id: "own-passcode-{d.device_id}", value: passcode, has_passcode }
                        div { class: "row",
                            button {
                                r#type: "button",
                                class: "primary",
                                onclick: {
                                    let id = d.device_id.clone();
                                    move |_| {
                                        let device = session.device();
                                        let outcome = confirm_passcode(&device, &passcode())
                                            .and_then(|()| device.decide_own_device(&id, true).map_err(|e| e.to_string()));
                                        problem.set(outcome.err());
                                        session.changed();
                                    }
                                },
                                "Yes, it's mine"
                            }
                            button {
                                r#type: "button",
                                onclick: {
                                    let id = d.device_id.clone();
                                    move |_| {
                                        if let Err(err) = session.device().decide_own_device(&id, false) {
                                            problem.set(Some(err.to_string()));
                                        }
                                        session.changed();
                                    }
                                },
                                "No, not mine"
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
            summary { "{name}'s device codes" }
            p { class: "hint",
                "Check these with {name} when you can. Only what these devices sign is shown to you."
            }
            if let Some(text) = problem() {
                p { class: "error", role: "alert", "{text}" }
            }
            ul { class: "plain-list",
                for d in devices {
                    li { key: "{d.device_id}", "data-mentee-device": "{d.device_id}",
                        p { "Code " code { "{d.fingerprint()}" } }
                        if d.trust == MenteeDeviceTrust::Waiting {
                            p { class: "notice", role: "status",
                                "New, and none of {name}'s devices vouched for it. Its items show as \"could not verify\". Trust it only if {name} shows you this code."
                            }
                            PasscodeField { id: "mentee-passcode-{d.device_id}", value: passcode, has_passcode }
                            button {
                                r#type: "button",
                                class: "primary",
                                onclick: {
                                    let (mentee, id) = (mentee_id.clone(), d.device_id.clone());
                                    move |_| {
                                        let device = session.device();
                                        let outcome = confirm_passcode(&device, &passcode())
                                            .and_then(|()| device.approve_mentee_device(&mentee, &id).map_err(|e| e.to_string()));
                                        problem.set(outcome.err());
                                        session.changed();
                                    }
                                },
                                "{name} showed me this code"
                            }
                        } else {
                            p { class: "hint", "Trusted." }
                        }
                    }
                }
            }
        }
    }
}
