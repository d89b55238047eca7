//! The frame of the mentee app: a header with "Get help" pinned on every screen (and Hide and
//! Privacy), the current screen, and the bottom tabs. Places never move, so the app is predictable.
//! The frame also keeps the lock: it shows the lock screen while the app is locked, the blank
//! screen after quick-hide (the Hide button or Escape), and locks after the mentee's auto-lock
//! delay away from the app or without a touch.
//!
//! Back goes back: each change of tab adds a browser history entry, so the browser's back button,
//! and Android's (the web view goes back while it has history), return to the previous tab; from
//! the first place, back leaves the app as usual.

use dioxus::prelude::*;

use super::components::GetHelpButton;
use super::views::{
    GoalsScreen, HelpScreen, HiddenScreen, HistoryScreen, LockScreen, MentorApp,
    MentorPasscodeGate, PrivacyScreen, SharingScreen, TodayScreen, ToolsScreen,
};
use super::{Session, theme};
use crate::i18n::Lang;
use crate::platform::{Lifecycle, on_lifecycle};
use crate::state::Device;
use crate::sync::protocol::Role;

/// Moves the app to another tab, for a part of a screen that offers one (after a mentor raises
/// a concern, "a minute for yourself" opens Tools). Provided by the app frame.
#[derive(Clone, Copy)]
pub struct Navigate(Callback<Tab>);

/// Goes to a tab, as its button in the tab bar would; `None` outside the app frame.
pub fn use_navigate() -> Option<Callback<Tab>> {
    try_consume_context::<Navigate>().map(|navigate| navigate.0)
}

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
    /// A mentor's own tabs: their mentees, the same grounding tools (theirs alone, never counted
    /// or sent), and Help.
    const MENTOR: [Tab; 3] = [Tab::Mentees, Tab::Tools, Tab::Help];

    /// The tabs at the bottom for `role`.
    fn of(role: Role) -> &'static [Tab] {
        match role {
            Role::Mentee => &Tab::MENTEE,
            Role::Mentor => &Tab::MENTOR,
        }
    }

    /// The tab shown when `self` was chosen: a device that just became a mentor's shows mentor
    /// mode's home.
    fn shown_for(self, role: Role) -> Tab {
        let tabs = Tab::of(role);
        if tabs.contains(&self) || self == Tab::Privacy {
            self
        } else {
            tabs[0]
        }
    }

    /// A stable name for the tab (tests and keys; never shown).
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

    /// The tab's name as shown.
    fn words(self, lang: Lang) -> String {
        match self {
            Tab::Today => t!(lang, "tab-today"),
            Tab::History => t!(lang, "tab-history"),
            Tab::Goals => t!(lang, "tab-goals"),
            Tab::Tools => t!(lang, "tab-tools"),
            Tab::Sharing => t!(lang, "tab-sharing"),
            Tab::Help => t!(lang, "tab-help"),
            Tab::Mentees => t!(lang, "tab-mentees"),
            Tab::Privacy => t!(lang, "tab-privacy"),
        }
    }
}

/// The root component. Expects a [`Device`] in the root context.
#[component]
pub fn App() -> Element {
    let device = use_context::<Device>();
    let rounds = device.sync_rounds();
    let lock_changes = device.lock_changes();
    // Desktop and mobile start syncing with the app; the preview started it with the device.
    use_hook(|| device.start_background_sync(std::time::Duration::from_secs(60)));
    let device = use_signal(move || device);
    let mut changes = use_signal(|| 0u64);
    // The person's choice, else the phone's (or computer's) language; in a browser, the page's
    // `?lang=` or the browser's languages (asked below).
    let chosen = device.peek().settings().language;
    let lang = use_signal(move || chosen.unwrap_or_else(Lang::of_system));
    let system_lang = use_signal(Lang::of_system);
    let mut session = use_context_provider(|| Session::new(device, changes, lang, system_lang));
    use_future(move || async move {
        // Asked once, at the start: the page's address may change as the app moves on.
        if let Some(asked) = crate::ui::page_language().await {
            session.set_system_lang(asked);
            if session.device().settings().language.is_none() {
                session.set_lang(asked);
            }
        }
    });
    // The page says which language it is in, for screen readers and hyphenation.
    use_effect(move || {
        let code = session.lang().code();
        spawn(async move {
            let _ = document::eval(&format!("document.documentElement.lang = '{code}';")).await;
        });
    });
    // Opening the app is a fresh start: with a passcode set, it always starts locked (a preview
    // page load, like a phone app launched again, never finds it open).
    use_hook(|| session.device().lock());
    // Refresh every screen after each background sync round (a mentor's new items, a status line).
    use_future(move || {
        let mut rounds = rounds.clone();
        async move {
            while rounds.changed().await.is_ok() {
                changes += 1;
            }
        }
    });
    // Whoever locks or unlocks (auto-lock, the phone's lifecycle, quick-hide), every screen follows.
    use_future(move || {
        let mut lock_changes = lock_changes.clone();
        async move {
            while lock_changes.changed().await.is_ok() {
                changes += 1;
            }
        }
    });
    let mut hidden = use_signal(|| false);
    let mut tab = use_signal(|| Tab::Today);
    // Bumped to start the current screen afresh (its list, not a goal or tool opened in it).
    let mut fresh = use_signal(|| 0u32);
    // The tabs visited before this one, newest last; one browser history entry each.
    let mut visited = use_signal(Vec::<Tab>::new);
    // Goes to `next`, remembering where we were so back returns there. Screens deep inside a tab
    // reach it through [`use_navigate`].
    let go = use_callback(move |next: Tab| {
        let current = tab.peek().shown_for(session.device().role());
        if next == current {
            // Tapping the tab you are on goes back to its top, as on any phone.
            fresh += 1;
            return;
        }
        visited.write().push(current);
        tab.set(next);
        spawn(async move {
            let _ = document::eval("history.pushState(null, '');").await;
        });
    });
    use_context_provider(|| Navigate(go));
    // Escape hides the screen; leaving the page (or app) starts the away clock, or locks at once;
    // the browser's (or phone's) back button returns to the previous tab. Forms never submit
    // natively (the app handles every one): a native submit would add a history entry of its
    // own, and back would then land on it.
    use_future(move || async move {
        let mut events = document::eval(
            r#"document.addEventListener('submit', (e) => e.preventDefault(), true);
               document.addEventListener('keydown', (e) => { if (e.key === 'Escape') dioxus.send('hide'); });
               document.addEventListener('visibilitychange', () => dioxus.send(document.hidden ? 'away' : 'back'));
               window.addEventListener('popstate', () => dioxus.send('previous'));
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
                    on_lifecycle(&device, Lifecycle::Away);
                }
                "previous" => {
                    if let Some(previous) = visited.write().pop() {
                        tab.set(previous);
                    }
                }
                _ => {
                    on_lifecycle(&device, Lifecycle::Back);
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
    let lang = session.lang();
    let name = settings.app_name(lang);
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
            LockScreen { name, discreet: settings.discreet, numeric: settings.passcode_numbers }
        };
    }
    let role = session.device().role();
    if role == Role::Mentor && !session.device().has_passcode() {
        // Mentor mode holds young people's words: it opens only behind a passcode.
        return rsx! {
            style { {theme::STYLESHEET} }
            document::Title { "{name}" }
            MentorPasscodeGate { name: name.clone(), discreet: settings.discreet }
        };
    }
    let tabs = Tab::of(role);
    let current = tab().shown_for(role);
    let open_help = move |_| go.call(Tab::Help);
    let open_tools = move |_| go.call(Tab::Tools);

    let touched = move || session.device().touch();
    rsx! {
        style { {theme::STYLESHEET} }
        document::Title { "{name}" }
        div { class: "app",
            onclick: move |_| touched(),
            onkeydown: move |_| touched(),
            // Handled here, not followed: a native web view hands every followed link to the
            // system's opener, and a fragment would go nowhere.
            a { class: "skip-link", href: "#content",
                onclick: move |event: MouseEvent| {
                    event.prevent_default();
                    spawn(async move {
                        let _ = document::eval("document.getElementById('content')?.focus();").await;
                    });
                },
                {t!(lang, "skip-to-content")}
            }
            header { class: "app-header",
                span { class: "app-name",
                    if role == Role::Mentor { {t!(lang, "app-name-mentor", name = name.clone())} } else { "{name}" }
                }
                div { class: "header-actions",
                    button {
                        class: "quiet header-button",
                        r#type: "button",
                        id: "quick-hide",
                        aria_label: t!(lang, "hide-aria"),
                        onclick: move |_| {
                            session.device().lock();
                            hidden.set(true);
                        },
                        {t!(lang, "hide")}
                    }
                    button {
                        class: "quiet header-button",
                        r#type: "button",
                        id: "open-privacy",
                        aria_current: if current == Tab::Privacy { "page" } else { "false" },
                        onclick: move |_| go.call(Tab::Privacy),
                        {Tab::Privacy.words(lang)}
                    }
                    GetHelpButton { discreet: settings.discreet, on_open: move |_| go.call(Tab::Help) }
                }
            }
            main { class: "screen", id: "content", tabindex: "-1",
                // Keyed, so another tab or a new `fresh` mounts the screen anew.
                for generation in std::iter::once(fresh()) {
                div { key: "{current.label()}-{generation}", class: "screen-body",
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
                }
            }
            nav { class: "tab-bar", aria_label: t!(lang, "nav-main"),
                for each in tabs.iter().copied() {
                    button {
                        key: "{each.label()}",
                        r#type: "button",
                        "data-tab": each.label(),
                        aria_current: if current == each { "page" } else { "false" },
                        onclick: move |_| go.call(each),
                        {each.words(lang)}
                    }
                }
            }
        }
    }
}
