//! Riding the wave: a timer of 5 or 15 minutes that asks, each minute, whether the urge has passed.
//! When the time is up the mentee chooses: "I made it", or "a bit longer" (five more minutes).

use std::time::Duration;

use dioxus::prelude::*;

use crate::ui::clock::use_elapsed;

#[component]
pub fn UrgeTimer(
    minutes: u32,
    on_finished: EventHandler<bool>,
    /// The mentee answered "not yet" (true) or "it passed" (false): the runner offers people when
    /// the timer is stopped on a "not yet".
    #[props(default)]
    on_answer: EventHandler<bool>,
) -> Element {
    let lang = crate::ui::use_lang();
    let elapsed = use_elapsed();
    // Minutes the mentee already answered "not yet" for.
    let mut answered = use_signal(|| 0u32);
    // Minutes added with "a bit longer".
    let mut extra = use_signal(|| 0u32);
    let total = Duration::from_secs(u64::from(minutes + extra()) * 60);
    let passed_minutes = (elapsed().as_secs() / 60) as u32;
    let remaining = total.saturating_sub(elapsed());
    let finished = remaining.is_zero();
    let asking = passed_minutes > answered() && !finished;
    let left_min = remaining.as_secs() / 60;
    let left_sec = remaining.as_secs() % 60;
    rsx! {
        div { class: "urge",
            p { class: "urge-time", aria_hidden: "true", "{left_min}:{left_sec:02}" }
            p { class: "visually-hidden", {t!(lang, "urge-minutes-left", count = left_min + u64::from(left_sec > 0))} }
            p { {t!(lang, "urge-breathe")} }
            if finished {
                section { class: "card", id: "urge-done", aria_labelledby: "urge-done-title",
                    h2 { id: "urge-done-title", tabindex: "-1", onmounted: crate::ui::focus_when_mounted,
                        {t!(lang, "urge-times-up")}
                    }
                    div { class: "row",
                        button {
                            r#type: "button",
                            class: "primary",
                            id: "urge-made-it",
                            onclick: move |_| on_finished.call(true),
                            {t!(lang, "urge-made-it")}
                        }
                        button {
                            r#type: "button",
                            id: "urge-longer",
                            onclick: move |_| {
                                answered.set(passed_minutes);
                                extra += 5;
                            },
                            {t!(lang, "urge-longer")}
                        }
                    }
                }
            }
            if asking {
                section { class: "card", id: "urge-check", aria_labelledby: "urge-question",
                    h2 { id: "urge-question", {t!(lang, "urge-passed-question")} }
                    div { class: "row",
                        button {
                            r#type: "button",
                            class: "primary",
                            onclick: move |_| {
                                on_answer.call(false);
                                on_finished.call(true);
                            },
                            {t!(lang, "urge-passed")}
                        }
                        button {
                            r#type: "button",
                            id: "urge-not-yet",
                            onclick: move |_| {
                                answered.set(passed_minutes);
                                on_answer.call(true);
                            },
                            {t!(lang, "urge-not-yet")}
                        }
                    }
                }
            }
        }
    }
}
