//! Running one tool: an optional rating before, the tool itself (steps, pacer or timer) with Stop
//! always there, then an optional rating after. When the tool didn't help (see
//! `domain::tools::offer_people`), people are offered next. Everything is on the device; nothing
//! needs a network.

use dioxus::prelude::*;

use super::{BreathPacer, ComfortList, DistressRating, ReachOut, UrgeTimer};
use crate::domain::EntryId;
use crate::domain::tools::{DEFAULT_PACE, PACE_RANGE, Pacer, ToolKind, offer_people};
use crate::i18n::Say;
use crate::state::toolkit;
use crate::ui::{focus_when_mounted, use_lang, use_session};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    Before,
    Running,
    After { completed: bool },
}

#[component]
pub fn ToolRunner(tool_key: String, on_close: EventHandler<String>) -> Element {
    let mut session = use_session();
    let lang = session.lang();
    let Some(tool) = toolkit(lang).find(&tool_key) else {
        return rsx! { p { class: "error", role: "alert", {t!(lang, "tool-gone")} } };
    };
    let key = tool.key.as_str();
    let mut stage = use_signal(|| Stage::Before);
    let mut before = use_signal(|| None::<u8>);
    let mut after = use_signal(|| None::<u8>);
    let mut use_id = use_signal(|| None::<EntryId>);
    let mut step = use_signal(|| 0usize);
    let mut problem = use_signal(|| None::<String>);
    let mut pace = use_signal(|| session.device().pace(key).unwrap_or(DEFAULT_PACE));
    let urge_choices = match &tool.kind {
        ToolKind::Urge { minutes } => minutes.clone(),
        _ => Vec::new(),
    };
    let mut minutes = use_signal(|| urge_choices.first().copied().unwrap_or(5));
    // The urge timer's last answer was "not yet".
    let mut not_yet = use_signal(|| false);
    let mut reach_out_put_aside = use_signal(|| false);
    let mut quicker = use_signal(|| false);
    let mut buzz = use_signal(|| session.device().pacer_buzzes().unwrap_or(false));
    let offers_buzz = crate::platform::buzz() != crate::platform::Buzz::Never;
    let long_holds = Pacer::for_tool(tool, None).is_some_and(|p| p.has_long_phase());

    let mut start = move || match session.device().start_tool(key, before()) {
        Ok(id) => {
            use_id.set(Some(id));
            problem.set(None);
            stage.set(Stage::Running);
        }
        Err(err) => problem.set(Some(err.say(lang))),
    };
    let mut finish = move |rate: bool| {
        let Stage::After { completed } = stage() else {
            return;
        };
        if let Some(id) = use_id() {
            let rating = if rate { after() } else { None };
            if let Err(err) = session.device().end_tool(&id, completed, rating) {
                problem.set(Some(err.say(lang)));
                return;
            }
        }
        session.changed();
        on_close.call(if completed {
            t!(lang, "tool-thanks")
        } else {
            t!(lang, "tool-stopped")
        });
    };
    let mut change_pace = move |breathe_in: i32, breathe_out: i32| {
        let (old_in, old_out) = pace();
        let wanted = (
            old_in.saturating_add_signed(breathe_in),
            old_out.saturating_add_signed(breathe_out),
        );
        if let Ok(saved) = session.device().set_pace(key, wanted) {
            pace.set(saved);
        }
    };

    if tool.kind == ToolKind::Comfort {
        return rsx! {
            section { class: "tool", aria_labelledby: "tool-title", id: "tool-runner",
                h2 { id: "tool-title", tabindex: "-1", onmounted: focus_when_mounted, "{tool.name}" }
                p { "{tool.before}" }
                ComfortList {}
                button {
                    r#type: "button",
                    class: "primary",
                    onclick: move |_| on_close.call(String::new()),
                    {t!(lang, "done")}
                }
            }
        };
    }

    let body = match stage() {
        Stage::Before => rsx! {
            p { "{tool.before}" }
            if let ToolKind::Paced { adjustable: true, .. } = tool.kind {
                div { class: "pace", role: "group", aria_label: t!(lang, "pace"),
                    PaceControl {
                        label: t!(lang, "pace-in"),
                        seconds: pace().0,
                        on_change: move |delta| change_pace(delta, 0),
                    }
                    PaceControl {
                        label: t!(lang, "pace-out"),
                        seconds: pace().1,
                        on_change: move |delta| change_pace(0, delta),
                    }
                }
            }
            if long_holds {
                p { class: "muted", id: "quicker-hint", {t!(lang, "tool-quicker-hint")} }
                button {
                    r#type: "button",
                    id: "quicker",
                    aria_pressed: if quicker() { "true" } else { "false" },
                    aria_describedby: "quicker-hint",
                    onclick: move |_| quicker.toggle(),
                    {t!(lang, "tool-quicker")}
                }
            }
            if offers_buzz && matches!(tool.kind, ToolKind::Paced { .. }) {
                p { class: "muted", id: "buzz-hint", {t!(lang, "tool-buzz-hint")} }
                button {
                    r#type: "button",
                    id: "buzz",
                    aria_pressed: if buzz() { "true" } else { "false" },
                    aria_describedby: "buzz-hint",
                    onclick: move |_| {
                        let wanted = !buzz();
                        match session.device().set_pacer_buzzes(wanted) {
                            Ok(()) => buzz.set(wanted),
                            Err(err) => problem.set(Some(err.say(lang))),
                        }
                    },
                    {t!(lang, "tool-buzz")}
                }
            }
            if urge_choices.len() > 1 {
                div { class: "row", role: "group", aria_label: t!(lang, "urge-how-long"),
                    for choice in urge_choices.iter().copied() {
                        button {
                            key: "{choice}",
                            r#type: "button",
                            class: "chip",
                            "data-minutes": "{choice}",
                            aria_pressed: if minutes() == choice { "true" } else { "false" },
                            onclick: move |_| minutes.set(choice),
                            {t!(lang, "minutes-count", count = choice)}
                        }
                    }
                }
            }
            DistressRating {
                id: "rating-before",
                question: t!(lang, "rating-before"),
                selected: before(),
                on_pick: move |value| before.set(value),
            }
            div { class: "row",
                button { r#type: "button", class: "primary", id: "start-tool", onclick: move |_| start(), {t!(lang, "tool-start")} }
                button {
                    r#type: "button",
                    id: "back-to-tools",
                    onclick: move |_| on_close.call(String::new()),
                    {t!(lang, "back-to-tools")}
                }
            }
        },
        Stage::Running => {
            let running = match &tool.kind {
                ToolKind::Steps => {
                    let index = step().min(tool.steps.len().saturating_sub(1));
                    let last = index + 1 >= tool.steps.len();
                    rsx! {
                        p { class: "muted small", {t!(lang, "step-of", step = index + 1, total = tool.steps.len())} }
                        p { class: "step-text", id: "step-text", aria_live: "polite", "{tool.steps[index]}" }
                        if let Some(note) = tool.note_for_step(index) {
                            p { class: "muted", id: "step-note", "{note}" }
                        }
                        div { class: "row",
                            if index > 0 {
                                button { r#type: "button", onclick: move |_| step -= 1, {t!(lang, "back")} }
                            }
                            button {
                                r#type: "button",
                                class: "primary",
                                id: "next-step",
                                onclick: move |_| {
                                    if last {
                                        stage.set(Stage::After { completed: true });
                                    } else {
                                        step += 1;
                                    }
                                },
                                if last { {t!(lang, "finish")} } else { {t!(lang, "next")} }
                            }
                        }
                    }
                }
                ToolKind::Paced { .. } => match Pacer::for_tool(tool, Some(pace()))
                    .map(|pacer| if quicker() { pacer.quicker() } else { pacer })
                {
                    Some(pacer) => rsx! {
                        BreathPacer {
                            pacer,
                            buzz: buzz(),
                            on_finished: move |_| stage.set(Stage::After { completed: true }),
                        }
                    },
                    None => rsx! {},
                },
                ToolKind::Urge { .. } => rsx! {
                    UrgeTimer {
                        minutes: minutes(),
                        on_finished: move |completed| stage.set(Stage::After { completed }),
                        on_answer: move |still_there| not_yet.set(still_there),
                    }
                },
                ToolKind::Comfort => rsx! {},
            };
            rsx! {
                {running}
                button {
                    r#type: "button",
                    class: "stop",
                    id: "stop-tool",
                    onclick: move |_| stage.set(Stage::After { completed: false }),
                    {t!(lang, "stop")}
                }
            }
        }
        Stage::After { completed } => rsx! {
            DistressRating {
                id: "rating-after",
                question: t!(lang, "rating-after"),
                selected: after(),
                on_pick: move |value| after.set(value),
            }
            if offer_people(before(), after(), !completed && not_yet()) && !reach_out_put_aside() {
                ReachOut { on_not_now: move |_| reach_out_put_aside.set(true) }
            }
            div { class: "row",
                button { r#type: "button", class: "primary", id: "finish-tool", onclick: move |_| finish(true), {t!(lang, "done")} }
                button { r#type: "button", id: "skip-rating", onclick: move |_| finish(false), {t!(lang, "skip")} }
            }
        },
    };

    rsx! {
        section { class: "tool", aria_labelledby: "tool-title", id: "tool-runner", "data-tool": "{key}",
            h2 { id: "tool-title", tabindex: "-1", onmounted: focus_when_mounted, "{tool.name}" }
            {body}
            p { role: "alert", class: if problem.read().is_some() { "error" } else { "" },
                if let Some(text) = problem() { "{text}" }
            }
        }
    }
}

/// A labelled number with smaller and bigger buttons, for the paced-breathing pace.
#[component]
fn PaceControl(label: String, seconds: u32, on_change: EventHandler<i32>) -> Element {
    let lang = use_lang();
    rsx! {
        div { class: "row pace-control",
            span { class: "grow", {t!(lang, "pace-seconds", label = &label, count = seconds)} }
            button {
                r#type: "button",
                aria_label: t!(lang, "pace-shorter", label = &label),
                disabled: seconds <= *PACE_RANGE.start(),
                onclick: move |_| on_change.call(-1),
                "−"
            }
            button {
                r#type: "button",
                aria_label: t!(lang, "pace-longer", label = &label),
                disabled: seconds >= *PACE_RANGE.end(),
                onclick: move |_| on_change.call(1),
                "+"
            }
        }
    }
}
