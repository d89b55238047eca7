//! The visual pacer for timed tools: a circle that grows on the way in and shrinks on the way out,
//! a big countdown, and the phase in words. A screen reader hears each phase once as it starts,
//! with its length ("Hold, 7 seconds"), not every second; the countdown is for the eyes. The circle starts small, so
//! the first breath in grows it. With reduced motion the circle stays still (CSS) and the words
//! and countdown carry everything.

use dioxus::prelude::*;

use crate::domain::tools::{Action, Pacer, PacerState};
use crate::ui::clock::{use_elapsed, use_scaled_seconds};

/// Whether the circle is full or small at the end of each phase.
fn sizes(pacer: &Pacer) -> Vec<&'static str> {
    let mut size = "small";
    pacer
        .phases
        .iter()
        .map(|phase| {
            size = match phase.action {
                Action::In | Action::Tense => "large",
                Action::Out | Action::Release => "small",
                Action::Hold => size,
            };
            size
        })
        .collect()
}

#[component]
pub fn BreathPacer(pacer: Pacer, on_finished: EventHandler<()>) -> Element {
    let lang = crate::ui::use_lang();
    let elapsed = use_elapsed();
    let seconds = use_scaled_seconds();
    let mut finished = use_signal(|| false);
    // False until the circle has been drawn once, small: the first breath in then grows it.
    let mut drawn = use_signal(|| false);
    let watched = pacer.clone();
    // Reads `elapsed`, so it runs again on every tick; reports the end once.
    use_effect(move || {
        let done = matches!(watched.state_at(elapsed()), PacerState::Finished);
        if done && !*finished.peek() {
            finished.set(true);
            on_finished.call(());
        }
    });
    let state = pacer.state_at(elapsed());
    let PacerState::Running {
        phase,
        cycle,
        seconds_left,
    } = state
    else {
        return rsx! { p { class: "status", {t!(lang, "pacer-done")} } };
    };
    let current = &pacer.phases[phase];
    let size = if drawn() {
        sizes(&pacer)[phase]
    } else {
        "small"
    };
    let transition = seconds(current.seconds);
    rsx! {
        div { class: "pacer-wrap",
            div {
                class: "pacer",
                "data-size": size,
                style: "--phase-seconds: {transition}s",
                aria_hidden: "true",
                onmounted: move |_| drawn.set(true),
                span { class: "pacer-count", id: "pacer-count", "{seconds_left}" }
            }
            // The length is said too, for someone with their eyes closed.
            p { class: "pacer-label", id: "pacer-label", aria_live: "polite",
                {t!(lang, "pacer-spoken", label = &current.label, count = current.seconds)}
            }
            if pacer.cycles > 1 {
                p { class: "muted small", {t!(lang, "pacer-round", round = cycle, total = pacer.cycles)} }
            }
        }
    }
}
