//! The frame of the mentee app: a header with "Get help" pinned on every screen (and Hide and
//! Privacy), the current screen, and the bottom tabs. Places never move, so the app is predictable.
//! The frame also keeps the lock: it shows the lock screen while the app is locked, the blank
//! screen after quick-hide (the Hide button or Escape), and locks after the mentee's auto-lock
//! delay away from the app or without a touch.

use dioxus::prelude::*;

use super::views::{
    GoalsScreen, HelpScreen, HiddenScreen, HistoryScreen, LockScreen, MentorApp, PrivacyScreen,
    SharingScreen, TodayScreen, ToolsScreen,
};
use super::{Session, theme};
use crate::state::Device;
use crate::sync::protocol::Role;

/// The places in the bottom tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Today,
    History,
    Goals,
    Tools,
    Sharing,
    Help,
    /// Mentor mode's home.
    Mentees,
    /// Reached from the header, not the tabs.
    Privacy,
}

impl Tab {
    const MENTEE: [Tab; 6] = [
        Tab::Today,
        Tab::History,
        Tab::Goals,
        Tab::Tools,
        Tab::Sharing,
        Tab::Help,
    ];
    const MENTOR: [Tab; 2] = [Tab::Mentees, Tab::Help];

    fn label(self) -> &'static str {
        match self {
            Tab::Today => "Today",
            Tab::History => "History",
            Tab::Goals => "Goals",
            Tab::Tools => "Tools",
            Tab::Sharing => "Sharing",
            Tab::Help => "Help",
            Tab::Mentees => "Mentees",
            Tab::Privacy => "Privacy",
        }
    }
}

/// The root component. Expects a [`Device`] in the root context.
#[component]
pub fn App() -> Element {
    let device = use_context::<Device>();
    let rounds = device.sync_rounds();
    // Desktop and mobile start syncing with the app; the preview started it with the device.
    use_hook(|| device.start_background_sync(std::time::Duration::from_secs(60)));
    let device = use_signal(move || device);
    let mut changes = use_signal(|| 0u64);
    let session = use_context_provider(|| Session::new(device, changes));
    // Refresh every screen after each background sync round (a mentor's new items, a status line).
    use_future(move || {
        let mut rounds = rounds.clone();
        async move {
            while rounds.changed().await.is_ok() {
                changes += 1;
            }
        }
    });
    let mut hidden = use_signal(|| false);
    // Escape hides the screen; leaving the page (or app) starts the away clock, or locks at once.
    use_future(move || async move {
        let mut events = document::eval(
            r#"document.addEventListener('keydown', (e) => { if (e.key === 'Escape') dioxus.send('hide'); });
               document.addEventListener('visibilitychange', () => dioxus.send(document.hidden ? 'away' : 'back'));
               await new Promise(() => {});"#,
        );
        while let Ok(event) = events.recv::<String>().await {
            let device = session.device();
            match event.as_str() {
                "hide" => {
                    device.lock();
                    hidden.set(true);
                }
                "away" => {
                    device.went_away();
                }
                _ => {
                    device.lock_if_due();
                    device.touch();
                }
            }
            changes += 1;
        }
    });
    // Auto-lock after the chosen time without a touch.
    use_future(move || async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            let device = session.device();
            if !device.is_locked() && device.lock_if_due() {
                changes += 1;
            }
        }
    });
    session.track();
    let settings = session.device().settings();
    let name = settings.app_name();
    if hidden() {
        return rsx! {
            style { {theme::STYLESHEET} }
            document::Title { "{name}" }
            HiddenScreen { on_back: move |_| hidden.set(false) }
        };
    }
    if session.device().is_locked() {
        return rsx! {
            style { {theme::STYLESHEET} }
            document::Title { "{name}" }
            LockScreen { name }
        };
    }
    let role = session.device().role();
    let tabs: &[Tab] = match role {
        Role::Mentee => &Tab::MENTEE,
        Role::Mentor => &Tab::MENTOR,
    };
    let mut tab = use_signal(|| Tab::Today);
    // A device that just became a mentor's shows mentor mode's home.
    let current = if tabs.contains(&tab()) || tab() == Tab::Privacy {
        tab()
    } else {
        tabs[0]
    };
    let open_help = move |_| tab.set(Tab::Help);
    let open_tools = move |_| tab.set(Tab::Tools);

    let touched = move || session.device().touch();
    rsx! {
        style { {theme::STYLESHEET} }
        document::Title { "{name}" }
        div { class: "app",
            onclick: move |_| touched(),
            onkeydown: move |_| touched(),
            a { class: "skip-link", href: "#content", "Skip to content" }
            header { class: "app-header",
                span { class: "app-name", if role == Role::Mentor { "{name} · Mentor" } else { "{name}" } }
                div { class: "header-actions",
                    button {
                        class: "quiet header-button",
                        r#type: "button",
                        id: "quick-hide",
                        aria_label: "Hide the screen now",
                        onclick: move |_| {
                            session.device().lock();
                            hidden.set(true);
                        },
                        "Hide"
                    }
                    button {
                        class: "quiet header-button",
                        r#type: "button",
                        id: "open-privacy",
                        aria_current: if current == Tab::Privacy { "page" } else { "false" },
                        onclick: move |_| tab.set(Tab::Privacy),
                        "Privacy"
                    }
                button {
                    class: "get-help",
                    r#type: "button",
                    id: "get-help",
                    aria_label: "Get help now",
                    onclick: move |_| tab.set(Tab::Help),
                    "Get help"
                }
                }
            }
            main { class: "screen", id: "content", tabindex: "-1",
                match current {
                    Tab::Today => rsx! { TodayScreen { on_open_help: open_help, on_open_tools: open_tools } },
                    Tab::History => rsx! { HistoryScreen {} },
                    Tab::Goals => rsx! { GoalsScreen {} },
                    Tab::Tools => rsx! { ToolsScreen {} },
                    Tab::Sharing => rsx! { SharingScreen {} },
                    Tab::Help => rsx! { HelpScreen {} },
                    Tab::Mentees => rsx! { MentorApp {} },
                    Tab::Privacy => rsx! { PrivacyScreen {} },
                }
            }
            nav { class: "tab-bar", aria_label: "Main",
                for each in tabs.iter().copied() {
                    button {
                        key: "{each.label()}",
                        r#type: "button",
                        "data-tab": each.label(),
                        aria_current: if current == each { "page" } else { "false" },
                        onclick: move |_| tab.set(each),
                        "{each.label()}"
                    }
                }
            }
        }
    }
}
