//! The visual pacer for timed tools: a circle that grows on the way in and shrinks on the way out,
//! a big countdown, and the phase in words. A screen reader hears each phase once as it starts,
//! with its length ("Hold, 7 seconds"), not every second; the countdown is for the eyes. The circle starts small, so
//! the first breath in grows it. With reduced motion the circle stays still (CSS) and the words
//! and countdown carry everything. When the person turned buzzing on, each phase starts with its
//! own buzz (`Action::buzzes`), never a sound. While it runs the screen stays on and each phase
//! counts as use, so auto-lock never locks someone out mid-breath.

use std::sync::atomic::{AtomicBool, Ordering};

use dioxus::prelude::*;

use crate::domain::tools::{Action, BUZZ_GAP_MS, Pacer, PacerState};
use crate::platform::Buzz;
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

/// Set once the phone said it cannot buzz; the pacer then stops trying.
static CANNOT_BUZZ: AtomicBool = AtomicBool::new(false);

/// Plays one phase's buzzes: the phone's motor, or the page's `navigator.vibrate` in the preview.
/// A phone that cannot buzz stops the pattern; the words and the countdown go on.
async fn play(buzzes: &'static [u32]) {
    let pause = |ms: u32| tokio::time::sleep(std::time::Duration::from_millis(u64::from(ms)));
    for (i, &ms) in buzzes.iter().enumerate() {
        if i > 0 {
            pause(BUZZ_GAP_MS).await;
        }
        match crate::platform::buzz() {
            Buzz::Phone => {
                if CANNOT_BUZZ.load(Ordering::Relaxed) {
                    return;
                }
                if let Err(err) = crate::platform::vibrate(ms) {
                    // Said once: a phone without a motor stays without one.
                    tracing::warn!("the phone could not buzz: {err}");
                    CANNOT_BUZZ.store(true, Ordering::Relaxed);
                    return;
                }
            }
            Buzz::Page => {
                let _ = document::eval(&format!(
                    "if (navigator.vibrate) navigator.vibrate({ms}); return true;"
                ))
                .await;
            }
            Buzz::Never => return,
        }
        pause(ms).await;
    }
}

#[component]
pub fn BreathPacer(
    pacer: Pacer,
    on_finished: EventHandler<()>,
    /// Whether each phase starts with a buzz.
    #[props(default)]
    buzz: bool,
) -> Element {
    let lang = crate::ui::use_lang();
    let elapsed = use_elapsed();
    let seconds = use_scaled_seconds();
    let mut finished = use_signal(|| false);
    // False until the circle has been drawn once, small: the first breath in then grows it.
    let mut drawn = use_signal(|| false);
    let watched = pacer.clone();
    let session = crate::ui::use_session();
    // The screen stays on while the pacer runs: eyes closed, nobody touches it.
    use_hook(|| crate::platform::keep_awake(true));
    use_drop(|| crate::platform::keep_awake(false));
    // The phase (and round) that last started.
    let mut started = use_signal(|| None::<(usize, u32)>);
    // Reads `elapsed`, so it runs again on every tick. As each phase starts: the person is using
    // the app (auto-lock after a minute without a touch must not lock them out mid-breath), and
    // it buzzes when they chose that. Reports the end once.
    use_effect(move || {
        let state = watched.state_at(elapsed());
        if let PacerState::Running { phase, cycle, .. } = state
            && *started.peek() != Some((phase, cycle))
        {
            started.set(Some((phase, cycle)));
            session.device().still_in_use();
            if buzz {
                spawn(play(watched.phases[phase].action.buzzes()));
            }
        }
        let done = matches!(state, PacerState::Finished);
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
