//! The phone app's window (Android and iOS): the page the web view loads, links handed to the
//! phone, and the lifecycle, screen privacy and insets around the shared app. What each of those
//! asks of the phone is in `platform::mobile`.

use dioxus::mobile::Config;
use dioxus::mobile::tao::event::{Event, WindowEvent};
use dioxus::prelude::*;

use crate::platform::{
    Lifecycle, LinkRoute, ScreenPrivacy, cover, hand_over, keep_private, on_lifecycle, route_link,
};
use crate::state::Device;
use crate::ui::App;
use crate::ui::views::{DataPlace, Start};

/// The page the web view loads: the app's root and nothing else, zoomable (never
/// `user-scalable=no`), and drawn under the system bars so the CSS can keep clear of them.
const INDEX: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Steady</title>
</head>
<body>
<div id="main"></div>
</body>
</html>"#;

/// Starts the phone app. It always opens a screen: the device is opened inside the window
/// ([`Start`]), so a folder the phone did not give or a key store that did not answer shows the
/// start-up problem screen with Get help, never a blank screen or a quit.
pub fn main() {
    let place = DataPlace(steady_phone::data_dir().map_err(|err| err.to_string()));
    let config = Config::new()
        .with_custom_index(INDEX.to_owned())
        .with_navigation_handler(|url| match route_link(url) {
            LinkRoute::StayInside => true,
            LinkRoute::Open(link) => {
                if let Err(err) = hand_over(&link) {
                    // Never the number or message: only that the phone refused.
                    tracing::warn!("the phone could not open a link: {err}");
                }
                false
            }
            LinkRoute::Refuse => false,
        });
    LaunchBuilder::mobile()
        .with_cfg(config)
        .with_context(place)
        .launch(PhoneRoot);
}

/// The phone's app, opened by [`Start`].
#[component]
fn PhoneRoot() -> Element {
    rsx! {
        Start { app: rsx! { PhoneApp {} } }
    }
}

/// The app inside the phone's shell: lifecycle, screen privacy and insets around the shared
/// [`App`].
#[component]
fn PhoneApp() -> Element {
    let device = use_context::<Device>();
    let privacy = use_signal(ScreenPrivacy::default);
    let on_event = device.clone();
    dioxus::mobile::use_wry_event_handler(move |event, _| match event {
        Event::Suspended => {
            let mut privacy = privacy;
            privacy.write().went(Lifecycle::Away);
            // Private before anything else happens: the switcher's snapshot is taken now.
            keep_private(true);
            cover(true);
            on_lifecycle(&on_event, Lifecycle::Away);
        }
        Event::Resumed => {
            let mut privacy = privacy;
            privacy.write().went(Lifecycle::Back);
            on_lifecycle(&on_event, Lifecycle::Back);
            cover(false);
            spawn(settle_privacy(on_event.clone(), privacy));
            spawn(pass_insets());
        }
        // Rotation, a fold, split screen: the bars and the cut-out move.
        Event::WindowEvent {
            event: WindowEvent::Resized(_),
            ..
        } => {
            spawn(pass_insets());
        }
        _ => {}
    });
    use_future(move || {
        let device = device.clone();
        async move {
            pass_insets().await;
            let mut changes = device.lock_changes();
            loop {
                let mut privacy = privacy;
                privacy.write().lock_changed();
                settle_privacy(device.clone(), privacy).await;
                if changes.changed().await.is_err() {
                    break;
                }
            }
        }
    });
    rsx! { App {} }
}

/// Keeps the screen private unless the lock screen is on it, in sight, and drawn: after the app
/// locks in sight it waits two animation frames (the lock screen's page is in, then painted).
async fn settle_privacy(device: Device, mut privacy: Signal<ScreenPrivacy>) {
    keep_private(privacy.peek().private(device.is_locked()));
    if privacy.peek().waits_for_lock_screen(device.is_locked()) {
        let _ = document::eval(
            "await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
             return true;",
        )
        .await;
        privacy.write().lock_screen_drawn(device.is_locked());
        keep_private(privacy.peek().private(device.is_locked()));
    }
}

/// Android draws the app under the system bars; the page keeps clear of them through
/// `--inset-*` CSS variables (iOS's web view reports `env(safe-area-inset-*)` itself).
async fn pass_insets() {
    if let Ok(insets) = steady_phone::system_insets() {
        let script = format!(
            "const s = document.documentElement.style;
             s.setProperty('--inset-top', '{}px'); s.setProperty('--inset-right', '{}px');
             s.setProperty('--inset-bottom', '{}px'); s.setProperty('--inset-left', '{}px');",
            insets.top, insets.right, insets.bottom, insets.left
        );
        let _ = document::eval(&script).await;
    }
}
