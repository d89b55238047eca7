//! The native renderer, walked end to end: the desktop build (dioxus-desktop on WebKitGTK, the
//! renderer phones use) in a real window under Xvfb, clicked and typed at with real X input
//! (`common::desktop`). Each walk checks what the window shows, and where it matters what the
//! store on disk holds afterwards, never the app's internals.

use std::time::Duration;

use crate::common::desktop::{Desktop, Look};

const TODAY: &str = "How are you feeling right now?";

/// A screen is showing: its heading has the focus (as each screen gives it on arrival) and
/// Today's question is gone.
fn on_screen(heading: &'static str) -> impl Fn(&Look) -> bool {
    move |look| look.focused.as_deref() == Some(heading) && !look.text.contains(TODAY)
}

/// The name of the button that calls 988 on the crisis card, whatever the line is called.
fn call_988(look: &Look) -> Option<String> {
    look.controls
        .iter()
        .find(|c| c.name.starts_with("Call") && c.name.contains("988"))
        .map(|c| c.name.clone())
}

/// The app ends by itself with status 0 (`how` it was left, for the message), and its store
/// still holds today's one check-in.
fn ends_cleanly_keeping_the_check_in(desktop: &mut Desktop, how: &str) {
    let status = desktop.wait_for_exit();
    assert!(status.success(), "{how}: {status}\n{}", desktop.log());
    let (_copy, device) = desktop.home.device_copy();
    let days = device.history_since(device.today()).unwrap();
    let check_ins: usize = days.iter().map(|day| day.entries.len()).sum();
    assert_eq!(check_ins, 1, "{how} keeps the check-in");
}

/// First launch on an empty folder opens on Today; one tap saves a check-in; a kill straight
/// after loses nothing: the store holds it and the restarted app shows it on Today and in History.
/// The window's close button then ends the app cleanly with the check-in kept.
#[test]
fn desktop_walk_first_launch_check_in_survives_a_kill() {
    let Some(mut desktop) = Desktop::start("desktop_walk_first_launch_check_in_survives_a_kill")
    else {
        return;
    };
    assert!(!desktop.home.data_dir().exists(), "an empty home");
    desktop.launch();
    let first = desktop.wait_for_text(TODAY);
    assert_eq!(first.title, "Steady");
    assert!(
        first.control("Get help now").is_some_and(|c| c.reachable),
        "Get help is on the first screen: {first:#?}"
    );
    desktop.click("Good, 4 of 5");
    desktop.wait_for_text("Saved. Only you can see this.");
    desktop.kill();

    let (_copy, device) = desktop.home.device_copy();
    let days = device.history_since(device.today()).unwrap();
    let levels: Vec<_> = days
        .iter()
        .flat_map(|day| day.entries.iter())
        .map(|entry| entry.level)
        .collect();
    assert_eq!(
        levels,
        [steady::domain::MoodLevel::new(4).unwrap()],
        "the store holds the check-in"
    );
    drop(device);

    desktop.launch();
    desktop.wait_for_text("Today so far");
    desktop.click("History");
    let history = desktop.wait_until("History", on_screen("History"));
    assert!(
        history.text.contains("Good") && !history.text.contains("Nothing here yet"),
        "History draws the check-in: {}",
        history.text
    );

    // The window's close button ends the app cleanly, and the check-in is still there.
    desktop.close_window();
    ends_cleanly_keeping_the_check_in(&mut desktop, "closing the window");
}

/// With a passcode, a cold start opens on the lock screen with nothing of the person's shown;
/// its Get help opens the crisis card with 988; the passcode, typed, opens Today.
#[test]
fn desktop_walk_passcode_cold_start_is_locked_and_get_help_works() {
    let Some(mut desktop) =
        Desktop::start("desktop_walk_passcode_cold_start_is_locked_and_get_help_works")
    else {
        return;
    };
    // A device that already has a check-in and a passcode (made by the library the app is built
    // from, then put where the desktop build keeps its files).
    let made = tempfile::tempdir().unwrap();
    {
        let device = steady::state::Device::open(made.path()).unwrap();
        device
            .log_mood(steady::domain::MoodLevel::new(2).unwrap())
            .unwrap();
        device
            .set_passcode(None, "quiet river 41", "quiet river 41")
            .unwrap();
    }
    desktop.home.take_data_from(made.path());

    desktop.launch();
    let locked = desktop.wait_for_text("Welcome back");
    assert!(
        !locked.text.contains(TODAY) && !locked.text.contains("Not great"),
        "nothing of the person's shows while locked: {}",
        locked.text
    );
    desktop.click("Get help now");
    let help = desktop.wait_until("the crisis card with 988", |look| call_988(look).is_some());
    assert!(help.text.contains("988"), "{}", help.text);

    desktop.click("Back");
    desktop.wait_for_text("Welcome back");
    desktop.click("Your passcode");
    desktop.type_text("quiet river 41");
    desktop.press("Return");
    let open = desktop.wait_for_text(TODAY);
    assert!(
        open.text.contains("Not great"),
        "Today so far: {}",
        open.text
    );
}

/// Call 988 hands `tel:988` to the computer (captured by a stand-in opener, never dialled).
/// Where nothing can open it, the window says so, with the number to use another way.
#[test]
fn desktop_walk_call_988_is_handed_over_and_a_failure_is_said() {
    let Some(mut desktop) =
        Desktop::start("desktop_walk_call_988_is_handed_over_and_a_failure_is_said")
    else {
        return;
    };
    desktop.launch();
    desktop.wait_for_text(TODAY);
    desktop.click("Help");
    let help = desktop.wait_until("the crisis card with 988", |look| call_988(look).is_some());
    let call = call_988(&help).unwrap();
    desktop.click(&call);
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while desktop.home.opened().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(desktop.home.opened(), ["tel:988"]);
    let after = desktop.wait_until("the Help screen still", |look| call_988(look).is_some());
    assert!(
        !after.text.contains("couldn't open"),
        "no problem said when it opened: {}",
        after.text
    );
    assert!(desktop.is_running(), "the app stays open");

    desktop.home.opener_fails();
    desktop.click(&call);
    desktop.wait_for_text("Couldn't open that here. You can still call or text 988");
    assert_eq!(desktop.home.opened(), ["tel:988", "tel:988"]);
}

/// Escape (and the Hide button) blanks the window at once: no words, one colour. Back (Alt+Left,
/// as Android's back button) returns through the screens visited, then closes the app.
#[test]
fn desktop_walk_hide_blanks_and_back_returns_then_leaves() {
    let Some(mut desktop) = Desktop::start("desktop_walk_hide_blanks_and_back_returns_then_leaves")
    else {
        return;
    };
    desktop.launch();
    desktop.wait_for_text(TODAY);
    desktop.click("Good, 4 of 5");
    desktop.wait_for_text("Saved. Only you can see this.");

    desktop.press("Escape");
    let blank = desktop.wait_until("a blank window", |look| look.text.trim().is_empty());
    assert_eq!(blank.title, "Steady");
    let names: Vec<_> = blank.controls.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Go back"], "only the way back is there");
    if let Some(colours) = desktop.colours_shown() {
        assert_eq!(colours, 1, "the window is one plain colour");
    }
    // Back from the blank screen: without a passcode the app opens again where it was.
    desktop.click("Go back");
    desktop.wait_for_text(TODAY);

    desktop.click("Hide the screen now");
    desktop.wait_until("a blank window", |look| look.text.trim().is_empty());
    desktop.click("Go back");
    desktop.wait_for_text(TODAY);

    desktop.click("History");
    desktop.wait_until("History", on_screen("History"));
    desktop.click("Goals");
    let goals = desktop.wait_until("Goals", on_screen("Goals"));
    assert!(goals.text.contains("No goals yet"), "{}", goals.text);

    desktop.press("alt+Left");
    let history = desktop.wait_until("History again", on_screen("History"));
    assert!(history.text.contains("Good"), "{}", history.text);
    desktop.press("alt+Left");
    desktop.wait_for_text(TODAY);
    assert!(desktop.is_running(), "back on the first screen, still open");
    desktop.press("alt+Left");
    ends_cleanly_keeping_the_check_in(&mut desktop, "Back from the first screen");
}
