//! The frame of the mentee app: a header with "Get help" pinned on every screen, the current
//! screen, and the bottom tabs. Places never move, so the app is predictable.

use dioxus::prelude::*;

use super::views::{GoalsScreen, HelpScreen, HistoryScreen, TodayScreen, ToolsScreen};
use super::{Session, theme};
use crate::state::Device;

/// The places in the bottom tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Today,
    History,
    Goals,
    Tools,
    Help,
}

impl Tab {
    const ALL: [Tab; 5] = [Tab::Today, Tab::History, Tab::Goals, Tab::Tools, Tab::Help];

    fn label(self) -> &'static str {
        match self {
            Tab::Today => "Today",
            Tab::History => "History",
            Tab::Goals => "Goals",
            Tab::Tools => "Tools",
            Tab::Help => "Help",
        }
    }
}

/// The root component. Expects a [`Device`] in the root context.
#[component]
pub fn App() -> Element {
    let device = use_context::<Device>();
    let device = use_signal(move || device);
    let changes = use_signal(|| 0u64);
    use_context_provider(|| Session::new(device, changes));
    let mut tab = use_signal(|| Tab::Today);
    let open_help = move |_| tab.set(Tab::Help);
    let open_tools = move |_| tab.set(Tab::Tools);

    rsx! {
        style { {theme::STYLESHEET} }
        div { class: "app",
            a { class: "skip-link", href: "#content", "Skip to content" }
            header { class: "app-header",
                span { class: "app-name", "Steady" }
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
                match tab() {
                    Tab::Today => rsx! { TodayScreen { on_open_help: open_help, on_open_tools: open_tools } },
                    Tab::History => rsx! { HistoryScreen {} },
                    Tab::Goals => rsx! { GoalsScreen {} },
                    Tab::Tools => rsx! { ToolsScreen {} },
                    Tab::Help => rsx! { HelpScreen {} },
                }
            }
            nav { class: "tab-bar", aria_label: "Main",
                for each in Tab::ALL {
                    button {
                        key: "{each.label()}",
                        r#type: "button",
                        "data-tab": each.label(),
                        aria_current: if tab() == each { "page" } else { "false" },
                        onclick: move |_| tab.set(each),
                        "{each.label()}"
                    }
                }
            }
        }
    }
}
