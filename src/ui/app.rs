//! The frame of the mentee app: a header with "Get help" pinned on every screen, the current
//! screen, and the bottom tabs. Places never move, so the app is predictable.

use dioxus::prelude::*;

use super::views::{
    GoalsScreen, HelpScreen, HistoryScreen, MentorApp, SharingScreen, TodayScreen, ToolsScreen,
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
    session.track();
    let role = session.device().role();
    let tabs: &[Tab] = match role {
        Role::Mentee => &Tab::MENTEE,
        Role::Mentor => &Tab::MENTOR,
    };
    let mut tab = use_signal(|| Tab::Today);
    // A device that just became a mentor's shows mentor mode's home.
    let current = if tabs.contains(&tab()) {
        tab()
    } else {
        tabs[0]
    };
    let open_help = move |_| tab.set(Tab::Help);
    let open_tools = move |_| tab.set(Tab::Tools);

    rsx! {
        style { {theme::STYLESHEET} }
        div { class: "app",
            a { class: "skip-link", href: "#content", "Skip to content" }
            header { class: "app-header",
                span { class: "app-name", if role == Role::Mentor { "Steady · Mentor" } else { "Steady" } }
                button {
                    class: "get-help",
                    r#type: "button",
                    id: "get-help",
                    aria_label: "Get help now",
                    onclick: move |_| tab.set(Tab::Help),
                    "Get help"
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
