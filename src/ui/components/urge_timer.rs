//! Riding the wave: a timer of 5 or 15 minutes that asks, each minute, whether the urge has passed.

use std::time::Duration;

use dioxus::prelude::*;

use crate::ui::clock::use_elapsed;

#[component]
pub fn UrgeTimer(minutes: u32, on_finished: EventHandler<bool>) -> Element {
    let elapsed = use_elapsed();
    // Minutes the mentee already answered "not yet" for.
    let mut answered = use_signal(|| 0u32);
    let total = Duration::from_secs(u64::from(minutes) * 60);
    let passed_minutes = (elapsed().as_secs() / 60) as u32;
    let remaining = total.saturating_sub(elapsed());
    let finished = remaining.is_zero();
    let mut reported = use_signal(|| false);
    // Reads `elapsed`, so it runs again on every tick; reports the end once.
    use_effect(move || {
        if elapsed() >= total && !*reported.peek() {
            reported.set(true);
            on_finished.call(true);
        }
    });
    let asking = passed_minutes > answered() && !finished;
    let left_min = remaining.as_secs() / 60;
    let left_sec = remaining.as_secs() % 60;
    rsx! {
        div { class: "urge",
            p { class: "urge-time", aria_hidden: "true", "{left_min}:{left_sec:02}" }
            p { class: "visually-hidden", "{left_min + u64::from(left_sec > 0)} minutes left" }
            p { "Breathe. Notice where you feel the urge. It can rise, peak and fade, like a wave." }
            if asking {
                section { class: "card", id: "urge-check", aria_labelledby: "urge-question",
                    h2 { id: "urge-question", "Has the urge passed?" }
                    div { class: "row",
                        button {
                            r#type: "button",
                            class: "primary",
                            onclick: move |_| on_finished.call(true),
                            "Yes, it passed"
                        }
                        button {
                            r#type: "button",
                            id: "urge-not-yet",
                            onclick: move |_| answered.set(passed_minutes),
                            "Not yet"
                        }
                    }
                }
            }
        }
    }
}
