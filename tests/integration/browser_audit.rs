//! Every screen a person can reach, checked the way a careful reviewer would, in a real browser:
//! axe-core's WCAG 2.2 A and AA rules (contrast included) in the light and the dark theme, and
//! nothing wider than a 320 px phone, on the mentee app, mentor mode and the staff console.
//!
//! Each test walks its screens and gathers every problem before failing, so one run shows them
//! all.

use steady::domain::{GoalDraft, MoodDetails, MoodLevel, PlanSection, ShareKind, ShareMode};
use steady::sync::protocol::Role;

use crate::common::browser::Browser;
use crate::common::preview::PreviewServer;
use crate::common::sync_server::{SyncServer, approve_mentor_devices};

/// The narrowest phone held upright.
const NARROW: u32 = 320;

/// What a review found, screen by screen.
#[derive(Default)]
struct Review {
    screens: Vec<String>,
    problems: Vec<String>,
    /// In the pseudo-language: words people typed (names, notes), which stay as they are. Every
    /// other visible word must come from the catalogue, so it is marked ⟦…⟧.
    pseudo: Option<Vec<String>>,
}

impl Review {
    /// A pseudo-language review: `typed` plus the crisis lines' own names and offers (data: the
    /// bundled card, and the national lines the console offers staff to add) stay as they are.
    fn pseudo(typed: &[&str]) -> Self {
        let mut words: Vec<String> = typed.iter().map(|w| (*w).to_owned()).collect();
        for lines in [
            include_str!("../../assets/crisis/default-us.json"),
            include_str!("../../assets/crisis/national-us.json"),
        ] {
            let lines: serde_json::Value = serde_json::from_str(lines).unwrap();
            for contact in lines["contacts"].as_array().unwrap() {
                for part in ["name", "offers"] {
                    words.push(contact[part].as_str().unwrap().to_owned());
                }
            }
        }
        Review {
            pseudo: Some(words),
            ..Review::default()
        }
    }

    /// Runs axe-core and the width check on the screen as it is now; in the pseudo-language,
    /// also looks for any word that did not come from the catalogue.
    async fn check(&mut self, browser: &Browser, screen: &str) {
        self.screens.push(screen.to_owned());
        for problem in browser.accessibility_problems().await {
            self.problems.push(format!("{screen}: {problem}"));
        }
        for problem in browser.too_wide().await {
            self.problems
                .push(format!("{screen}: wider than {NARROW} px: {problem}"));
        }
        if let Some(typed) = &self.pseudo {
            for text in untranslated(browser, typed).await {
                self.problems
                    .push(format!("{screen}: not from the catalogue: {text:?}"));
            }
        }
    }

    fn assert_clean(self, expected_screens: usize) {
        assert_eq!(
            self.screens.len(),
            expected_screens,
            "every screen was reached: {:?}",
            self.screens
        );
        assert!(
            self.problems.is_empty(),
            "{} problems:\n{}",
            self.problems.len(),
            self.problems.join("\n")
        );
    }
}

/// Visible text and accessible names on the page that are not marked as catalogue words (⟦…⟧)
/// and are not one of the `typed` words people wrote.
async fn untranslated(browser: &Browser, typed: &[String]) -> Vec<String> {
    let found = browser
        .js(
            r#"const typed = arguments[0];
             const plain = (t) => {
                 const s = t.replace(/\s+/g, ' ').trim();
                 if (!s || s.includes('⟦') || s.includes('⟧')) return null;
                 // An address is not words.
                 if (/^https?:\/\/\S*$/.test(s)) return null;
                 // A device's safety code is hex, the same in every language.
                 if (/^[0-9A-F]{4}( [0-9A-F]{4})+$/.test(s)) return null;
                 // ... and spelled out for a screen reader, one character at a time.
                 if (/^[0-9A-F]( [0-9A-F]){3}(, [0-9A-F]( [0-9A-F]){3})+$/.test(s)) return null;
                 // A file's name is the same in every language.
                 if (/^[\w.-]+\.(json|csv)$/.test(s)) return null;
                 // Digits, punctuation and symbols alone say nothing in any language.
                 if (!/\p{L}/u.test(s)) return null;
                 let rest = s;
                 for (const w of typed) rest = rest.split(w).join('');
                 return /\p{L}/u.test(rest) ? s : null;
             };
             const out = [];
             const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
             for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                 const el = n.parentElement;
                 // A text box's contents are what someone typed (or will edit), not the app's words.
                 if (!el || el.closest('script, style, svg, [hidden], pre, textarea')) continue;
                 // Words marked as another language (a language's own name) are meant as they are.
                 if (el.closest('body [lang]')) continue;
                 if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
                 const s = plain(n.textContent);
                 if (s) out.push(s);
             }
             for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')) {
                 if (el.closest('[hidden]')) continue;
                 for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
                     const v = el.getAttribute(a);
                     const s = v && plain(v);
                     if (s) out.push(`${a}=${s}`);
                 }
             }
             return [...new Set(out)].slice(0, 20);"#,
            vec![serde_json::json!(typed)],
        )
        .await;
    serde_json::from_value(found).unwrap_or_default()
}

/// A browser for the theme, at phone width; `None` when browsers are not installed.
async fn narrow_browser(test: &str, dark: bool) -> Option<Browser> {
    narrow_browser_with(test, dark, &[]).await
}

/// [`narrow_browser`] with more flags (the pseudo-language's `--accept-lang`).
async fn narrow_browser_with(test: &str, dark: bool, more: &[&str]) -> Option<Browser> {
    let mut flags: Vec<&str> = more.to_vec();
    if dark {
        flags.push("--force-dark-mode");
    }
    let browser = Browser::start_with(test, &flags).await?;
    browser.set_width(NARROW).await;
    Some(browser)
}

/// The checker itself must catch a known problem, or a clean result means nothing.
async fn checker_catches_a_planted_problem(browser: &Browser) {
    browser
        .js(
            "const img = document.createElement('img'); img.id = 'planted'; img.src = 'data:,';
             document.body.appendChild(img);
             const wide = document.createElement('div'); wide.id = 'planted-wide';
             wide.style.width = '600px'; wide.style.height = '1px';
             document.body.appendChild(wide);
             const said = document.createElement('button'); said.id = 'planted-name';
             said.setAttribute('aria-label', 'Continue'); said.textContent = 'Delete everything';
             document.body.appendChild(said);",
            vec![],
        )
        .await;
    let found = browser.accessibility_problems().await;
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("image-alt") && p.contains("#planted")),
        "axe-core runs and reports: {found:?}"
    );
    // Voice control users say what they see (WCAG 2.5.3): that rule is on too.
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("label-content-name-mismatch") && p.contains("#planted-name")),
        "label in name is checked: {found:?}"
    );
    let wide = browser.too_wide().await;
    assert!(
        wide.iter().any(|p| p.contains("planted-wide")),
        "the width check reports: {wide:?}"
    );
    browser
        .js(
            "for (const id of ['planted', 'planted-wide', 'planted-name']) document.getElementById(id).remove();",
            vec![],
        )
        .await;
}

/// Words the mentee typed in the walk below, which no catalogue translates.
const MENTEE_TYPED: [&str; 7] = [
    "Long day at school",
    "Walk the dog every day",
    "I feel better outside",
    "Find the lead",
    "Aunt Rosa",
    "Put on my music",
    "(555) 123-4567",
];

/// The walk through every mentee screen; `pseudo` walks it in the pseudo-language, where every
/// word must come from the catalogue and 40% longer words must still fit.
async fn mentee_app(dark: bool, pseudo: bool) {
    let theme = match (pseudo, dark) {
        (true, _) => "pseudo",
        (false, true) => "dark",
        (false, false) => "light",
    };
    let Some(browser) = narrow_browser(&format!("audit_mentee_{theme}"), dark).await else {
        return;
    };
    let lang = if pseudo { "?lang=en-XA" } else { "" };
    let server = PreviewServer::start().await;
    let device = server.devices.get("ava").unwrap().unwrap();
    // A mentee a few weeks in: check-ins with words and notes, a goal, people, a plan.
    let entry = device.log_mood(MoodLevel::new(2).unwrap()).unwrap();
    device
        .save_details(
            &entry.id,
            entry.level,
            MoodDetails {
                emotions: vec!["worried".into()],
                tags: Vec::new(),
                note: Some("Long day at school".into()),
            },
        )
        .unwrap();
    device
        .create_goal(GoalDraft {
            title: "Walk the dog every day".into(),
            why: "I feel better outside".into(),
            first_step: "Find the lead".into(),
            target: None,
        })
        .unwrap();
    device
        .save_person(None, "Aunt Rosa", "(555) 123-4567")
        .unwrap();
    device
        .add_plan_item(PlanSection::ThingsICanDo, "Put on my music")
        .unwrap();
    device
        .add_plan_item(PlanSection::PeopleToAsk, "Aunt Rosa")
        .unwrap();
    let mut review = if pseudo {
        Review::pseudo(&MENTEE_TYPED)
    } else {
        Review::default()
    };

    browser
        .open(&format!("{}{lang}", server.device_url("ava")))
        .await;
    browser.wait_for("button[data-mood='4']").await;
    checker_catches_a_planted_problem(&browser).await;
    if let Some(typed) = &review.pseudo {
        // The catalogue check must catch words that did not come from the catalogue.
        browser
            .js(
                "const p = document.createElement('p'); p.id = 'planted-words';
                 p.textContent = 'Saved for later'; document.querySelector('main').appendChild(p);",
                vec![],
            )
            .await;
        let found = untranslated(&browser, typed).await;
        assert!(found.contains(&"Saved for later".to_owned()), "{found:?}");
        browser
            .js("document.getElementById('planted-words').remove();", vec![])
            .await;
    }
    review.check(&browser, "Today").await;
    browser.click("button[data-mood='1']").await;
    browser.wait_for("#low-mood-offer").await;
    browser.wait_for("#details").await;
    browser.click("#more-words").await;
    review
        .check(&browser, "Today, a hard check-in with its details open")
        .await;
    browser.click("#close-details").await;
    browser.wait_gone("#details").await;

    browser.tab("History").await;
    browser.wait_for("article.entry").await;
    review.check(&browser, "History").await;
    browser.click("article.entry button.edit").await;
    browser.wait_for("#details").await;
    review.check(&browser, "History, changing a check-in").await;
    browser.tab("History").await;
    browser.click("button.share-toggle").await;
    browser.wait_for(".share-panel").await;
    review
        .check(&browser, "History, choosing who can see")
        .await;
    browser.click("input[type='radio'][value='shared']").await;
    browser.click("#save-share").await;
    browser.wait_for("#before-sharing").await;
    review
        .check(&browser, "History, before a first share")
        .await;
    browser.click("#not-now-share").await;

    browser.tab("Goals").await;
    review.check(&browser, "Goals").await;
    browser.click("button.goal-card-title").await;
    browser.wait_for("#goal-title-text").await;
    review.check(&browser, "A goal").await;
    browser.tab("Goals").await;
    browser.click("#new-goal").await;
    browser.wait_for("#goal-title").await;
    review.check(&browser, "A new goal").await;

    browser.tab("Tools").await;
    review.check(&browser, "Tools").await;
    browser
        .click("li[data-tool='comfort'] button.open-tool")
        .await;
    browser.wait_for("#new-comfort").await;
    review.check(&browser, "Tool comfort list").await;
    for tool in ["box", "senses", "urge"] {
        browser.tab("Tools").await;
        browser
            .click(&format!("li[data-tool='{tool}'] button.open-tool"))
            .await;
        browser.wait_for("#start-tool").await;
        review
            .check(&browser, &format!("Tool {tool}, before"))
            .await;
        browser.click("#start-tool").await;
        browser.wait_for("#stop-tool").await;
        review
            .check(&browser, &format!("Tool {tool}, running"))
            .await;
        browser.click("#stop-tool").await;
    }

    browser.tab("Sharing").await;
    review.check(&browser, "Sharing").await;

    browser.tab("Help").await;
    browser.wait_for("#right-now").await;
    review.check(&browser, "Help").await;
    browser.click("#my-people button.edit-person").await;
    review.check(&browser, "Help, changing a person").await;
    browser.click("#open-plan").await;
    browser.wait_for(".plan-section").await;
    review.check(&browser, "Safety plan").await;

    browser.click("#open-privacy").await;
    browser.wait_for("#export").await;
    review.check(&browser, "Privacy and My data").await;
    browser.click("#export").await;
    browser.wait_for("#export-files a[download]").await;
    review.check(&browser, "My data, a copy saved").await;

    device
        .set_passcode(None, "river stones", "river stones")
        .unwrap();
    browser
        .open(&format!("{}{lang}", server.device_url("ava")))
        .await;
    browser.wait_for("#unlock-passcode").await;
    review.check(&browser, "Lock screen").await;
    browser.click("#get-help").await;
    browser.wait_for("#crisis-card").await;
    review.check(&browser, "Lock screen, Get help").await;
    browser.click("#back-to-lock").await;
    browser.click("#forgot").await;
    browser.wait_for("#keep-trying").await;
    review.check(&browser, "Forgot the passcode").await;
    browser.click("#keep-trying").await;
    browser.unlock("river stones").await;
    browser.wait_for("#quick-hide").await;
    browser.click("#quick-hide").await;
    browser.wait_for("#blank-screen").await;
    review.check(&browser, "Hidden screen").await;

    browser.finish().await;
    review.assert_clean(27);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_mentee_screen_passes_axe_and_fits_320_px_in_light() {
    mentee_app(false, false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_mentee_screen_passes_axe_and_fits_320_px_in_dark() {
    mentee_app(true, false).await;
}

/// The pseudo-language: every word on every mentee screen comes from the catalogue, and words
/// 40% longer still fit a 320 px phone.
#[tokio::test(flavor = "multi_thread")]
async fn every_mentee_screen_in_the_pseudo_language_is_all_catalogue_and_fits_320_px() {
    mentee_app(false, true).await;
}

/// Words people typed in the walk below (names, the safeguarding contact).
/// Words people typed in the walk below: names, the program's name, and the duty of care
/// statement the test server's staff wrote (with its coordinator).
const MENTOR_TYPED: [&str; 13] = [
    "Alex",
    "Sam",
    "Jo",
    "Kai",
    "Dana Lee, safeguarding lead",
    "Dana",
    "Bright Paths",
    "Maya Chen",
    "Call Maya.",
    "If someone is in danger now, call 911.",
    "What you share stays between you and your mentor.",
    "If someone could be hurt, your mentor tells the safeguarding lead.",
    "Unless telling you could put you in danger.",
];

async fn mentor_and_console(dark: bool, pseudo: bool) {
    let theme = match (pseudo, dark) {
        (true, _) => "pseudo",
        (false, true) => "dark",
        (false, false) => "light",
    };
    // The console follows the browser's language; the app reads `?lang=` first.
    let accept: &[&str] = if pseudo {
        &["--accept-lang=en-XA"]
    } else {
        &[]
    };
    let Some(browser) = narrow_browser_with(&format!("audit_mentor_{theme}"), dark, accept).await
    else {
        return;
    };
    let lang = if pseudo { "?lang=en-XA" } else { "" };
    let sync = SyncServer::start().await;
    steady_server::add_staff(&sync.store, &sync.dir, "Dana", "a long staff password").unwrap();
    steady_server::set_safeguarding(&sync.store, &sync.dir, "Dana", true).unwrap();
    crate::common::safeguarding::Inbox::set_up(&sync, "Dana Lee, safeguarding lead");
    let preview = PreviewServer::start().await;
    let (alex_code, alex_id) = sync.invite(Role::Mentee, "Alex");
    let (sam_code, sam_id) = sync.invite(Role::Mentor, "Sam");
    sync.pair(&alex_id, &sam_id);
    sync.invite(Role::Mentee, "Jo");
    let alex = preview.devices.get("alex").unwrap().unwrap();
    let sam = preview.devices.get("sam").unwrap().unwrap();
    sam.enroll(&sync.base, &sam_code).await.unwrap();
    alex.enroll(&sync.base, &alex_code).await.unwrap();
    approve_mentor_devices(&alex).await;
    let entry = alex.log_mood(MoodLevel::new(4).unwrap()).unwrap();
    alex.set_share(
        ShareKind::Mood,
        entry.id.as_str(),
        ShareMode::Shared,
        "Check-in",
    )
    .unwrap();
    alex.sync_now().await.unwrap();
    sam.sync_now().await.unwrap();
    sam.set_passcode(None, "sam keeps it safe", "sam keeps it safe")
        .unwrap();
    let mut review = if pseudo {
        Review::pseudo(&MENTOR_TYPED)
    } else {
        Review::default()
    };

    browser
        .open(&format!("{}{lang}", preview.device_url("sam")))
        .await;
    browser.wait_for("#unlock-passcode").await;
    review.check(&browser, "Mentor: lock screen").await;
    browser.click("#get-help").await;
    browser.wait_for("#crisis-card").await;
    review
        .check(&browser, "Mentor: lock screen, Get help")
        .await;
    browser.click("#back-to-lock").await;
    browser.unlock("sam keeps it safe").await;
    browser.wait_for("button[data-mentee='Alex']").await;
    checker_catches_a_planted_problem(&browser).await;
    review.check(&browser, "Mentor: your mentees").await;
    browser.click("#this-device summary").await;
    browser.wait_for("#device-code").await;
    review.check(&browser, "Mentor: this device").await;
    browser.click("button[data-mentee='Alex']").await;
    browser.wait_for("#mentee-name").await;
    browser.wait_for("article.card").await;
    review.check(&browser, "Mentor: Alex").await;
    browser.click("article.card button.raise-concern").await;
    browser.click("input.tell-no").await;
    browser.wait_for("textarea.concern-why-not").await;
    review.check(&browser, "Mentor: raising a concern").await;
    browser.click("#note-to-mentee button.open-note").await;
    browser.wait_for("#note-to-mentee input.preset").await;
    review.check(&browser, "Mentor: writing a note").await;
    browser.click("#get-help").await;
    browser.wait_for("#crisis-card").await;
    review.check(&browser, "Mentor: Get help").await;
    browser.tab("Tools").await;
    browser.wait_for("#tools-for-you").await;
    review.check(&browser, "Mentor: tools for themselves").await;

    let base = &sync.base;
    browser.goto(&format!("{base}/staff/sign-in")).await;
    review.check(&browser, "Console: sign in").await;
    browser.type_into("#name", "Dana").await;
    browser
        .type_into("#password", "a long staff password\n")
        .await;
    browser.wait_for("#totals").await;
    review.check(&browser, "Console: home").await;
    browser.click("a[href='/staff/people']").await;
    browser.wait_for("#invite-form").await;
    review.check(&browser, "Console: people").await;
    browser.type_into("#invite-name", "Kai").await;
    browser.click("#create-invite").await;
    browser.wait_for("#invite .qr svg").await;
    review.check(&browser, "Console: a new invite").await;
    browser
        .click("section[data-person='Jo'] form[action='/staff/people/deactivate'] button")
        .await;
    browser.wait_for("#confirm-deactivate").await;
    review.check(&browser, "Console: deactivate, asked").await;
    browser.click("a[href='/staff/directory']").await;
    browser.wait_for("#contact-form").await;
    review.check(&browser, "Console: crisis contacts").await;
    browser.click("#save-contact").await;
    browser.wait_for("#contact-form .error").await;
    review
        .check(&browser, "Console: crisis contacts, a form with problems")
        .await;
    browser.click("a[href='/staff/audit']").await;
    browser.wait_for("#audit").await;
    review.check(&browser, "Console: audit log").await;
    browser.click("a[href='/staff/care']").await;
    browser.wait_for("#care-form").await;
    review.check(&browser, "Console: duty of care").await;
    browser.click("a[href='/staff/safeguarding']").await;
    // A lead who has not chosen their own passphrase yet: that form, and the leads.
    browser.wait_for("#lead-key-form").await;
    browser.wait_for("#leads").await;
    review.check(&browser, "Console: safeguarding inbox").await;

    browser.finish().await;
    review.assert_clean(19);
}

#[tokio::test(flavor = "multi_thread")]
async fn mentor_mode_and_the_console_pass_axe_and_fit_320_px_in_light() {
    mentor_and_console(false, false).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mentor_mode_and_the_console_pass_axe_and_fit_320_px_in_dark() {
    mentor_and_console(true, false).await;
}

/// Mentor mode and the console in the pseudo-language: all catalogue, and fitting 320 px.
#[tokio::test(flavor = "multi_thread")]
async fn mentor_mode_and_the_console_in_the_pseudo_language_are_all_catalogue_and_fit_320_px() {
    mentor_and_console(false, true).await;
}

/// Every tab's label is whole at every phone width, in English, Spanish and the pseudo-language:
/// no label breaks inside a word ("Sharin" / "g"), none is cut off, each stays a 44 px target,
/// and the end of the screen is never hidden behind the tabs.
#[tokio::test(flavor = "multi_thread")]
async fn every_tab_label_stays_whole_at_every_phone_width() {
    let Some(browser) = Browser::start("tab_labels").await else {
        return;
    };
    let server = PreviewServer::start().await;
    let mut problems = Vec::new();
    for lang in ["en", "es", "en-XA"] {
        browser
            .open(&format!("{}?lang={lang}", server.device_url("tami")))
            .await;
        browser.wait_for(".tab-bar button").await;
        for width in [320, 360, 390, 430] {
            browser.set_width(width).await;
            let found = browser
                .js(
                    r#"const out = [];
                    for (const b of document.querySelectorAll('.tab-bar button')) {
                        const node = [...b.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
                        const text = node ? node.textContent : '';
                        let at = 0;
                        for (const word of text.split(' ')) {
                            const range = document.createRange();
                            range.setStart(node, at);
                            range.setEnd(node, at + word.length);
                            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                            if (lines.size > 1) out.push(`"${word}" breaks across ${lines.size} lines`);
                            at += word.length + 1;
                        }
                        if (b.scrollWidth > b.clientWidth + 1) out.push(`"${text}" is cut off`);
                        const r = b.getBoundingClientRect();
                        if (r.width < 44 || r.height < 44) out.push(`"${text}" is ${Math.round(r.width)}x${Math.round(r.height)} px`);
                        if (r.right > window.innerWidth + 1 || r.left < -1) out.push(`"${text}" is off the screen`);
                    }
                    window.scrollTo(0, document.body.scrollHeight);
                    const bar = document.querySelector('.tab-bar').getBoundingClientRect();
                    const body = document.querySelector('#content .screen-body');
                    const last = body ? body.getBoundingClientRect() : null;
                    if (last && last.bottom > bar.top + 1) out.push(`the screen's end is under the tabs (${Math.round(last.bottom)} > ${Math.round(bar.top)})`);
                    window.scrollTo(0, 0);
                    return out;"#,
                    vec![],
                )
                .await;
            let found: Vec<String> = serde_json::from_value(found).unwrap();
            problems.extend(
                found
                    .into_iter()
                    .map(|p| format!("{lang} at {width} px: {p}")),
            );
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    browser.finish().await;
}
