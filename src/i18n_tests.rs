//! The catalogues themselves: both parse, and the pseudo-locale marks and lengthens.

use crate::i18n::*;
use fluent_bundle::FluentResource;

/// Every workspace member whose code names catalogue keys (the catalogues live in steady-core).
const SOURCE_DIRS: [&str; 4] = [
    "src",
    "crates/core/src",
    "crates/cards/src",
    "crates/server/src",
];

#[test]
fn both_catalogues_parse_without_errors() {
    for (code, source) in [("en", EN_FTL), ("es", ES_FTL)] {
        assert!(
            FluentResource::try_new(source.to_owned()).is_ok(),
            "{code} has syntax errors"
        );
    }
}

#[test]
fn languages_are_read_from_tags_and_headers() {
    assert_eq!(Lang::from_tag("es-MX"), Some(Lang::Es));
    assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
    assert_eq!(Lang::from_tag("fr"), None);
    assert_eq!(
        Lang::from_accept_language("fr-FR,es;q=0.8,en;q=0.5"),
        Lang::Es
    );
    assert_eq!(Lang::from_accept_language("de"), Lang::En);
}

#[test]
fn the_pseudo_language_is_marked_and_longer() {
    let text = pseudo("Saved. Only you can see this.");
    assert!(text.starts_with('⟦') && text.ends_with('⟧'));
    assert!(text.chars().count() as f32 >= 1.4 * 29.0);
}

/// Every key a catalogue defines, with the variables its text uses.
fn entries(source: &str) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use fluent_syntax::ast::Entry;
    let resource = fluent_syntax::parser::parse(source.to_owned()).expect("the catalogue parses");
    let mut out = std::collections::BTreeMap::new();
    for entry in &resource.body {
        if let Entry::Message(message) = entry {
            let mut vars = std::collections::BTreeSet::new();
            // Variables are `{ $name }`; the selector form `{ $count ->` counts too.
            let text = source_of(source, &message.id.name);
            let mut rest = text.as_str();
            while let Some(at) = rest.find('$') {
                let name: String = rest[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                vars.insert(name);
                rest = &rest[at + 1..];
            }
            out.insert(message.id.name.to_owned(), vars);
        }
    }
    out
}

/// The text of one message: its line and any indented lines after it.
fn source_of(source: &str, key: &str) -> String {
    let mut lines = source
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{key} =")));
    let mut text = lines.next().unwrap_or_default().to_owned();
    for line in lines {
        if line.starts_with(' ') || line.is_empty() {
            text.push('\n');
            text.push_str(line);
        } else {
            break;
        }
    }
    text
}

#[test]
fn every_key_is_in_both_languages_with_the_same_variables() {
    let en = entries(EN_FTL);
    let es = entries(ES_FTL);
    let only_en: Vec<_> = en.keys().filter(|k| !es.contains_key(*k)).collect();
    let only_es: Vec<_> = es.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "missing from Spanish: {only_en:?}");
    assert!(only_es.is_empty(), "missing from English: {only_es:?}");
    let differ: Vec<_> = en
        .iter()
        .filter(|(key, vars)| es.get(*key) != Some(vars))
        .map(|(key, _)| key)
        .collect();
    assert!(
        differ.is_empty(),
        "these use other variables in Spanish: {differ:?}"
    );
    // A catalogue that repeats a key would silently drop one.
    for (code, source) in [("en", EN_FTL), ("es", ES_FTL)] {
        let mut seen = std::collections::BTreeSet::new();
        for line in source.lines() {
            if let Some((key, _)) = line.split_once(" =")
                && !key.starts_with([' ', '#'])
                && !key.is_empty()
            {
                assert!(seen.insert(key), "{code} repeats {key}");
            }
        }
    }
}

/// The keys the app builds from its own lists (moods, tags, months...), not written out whole.
fn built_keys() -> Vec<String> {
    use crate::domain::{
        AutoLock, ContextTag, GoalState, MoodLevel, PlanSection, Progress, ShareKind,
    };
    let mut keys = Vec::new();
    for n in 1..=12 {
        keys.push(format!("month-{n}"));
        keys.push(format!("month-short-{n}"));
    }
    for n in 1..=7 {
        keys.push(format!("weekday-{n}"));
        keys.push(format!("weekday-short-{n}"));
    }
    for level in MoodLevel::ALL {
        keys.push(format!("mood-level-{}", level.value()));
    }
    for tag in ContextTag::COMMON {
        keys.push(format!("tag-{}", tag.label()));
    }
    for word in &crate::domain::emotions::WORDS {
        keys.push(format!("emotion-{}", word.key.replace('_', "-")));
    }
    for state in GoalState::ALL {
        keys.push(format!("goal-heading-{}", state.key().replace('_', "-")));
        keys.push(format!("goal-state-{}", state.key().replace('_', "-")));
    }
    for progress in Progress::ALL {
        keys.push(format!("progress-{}", progress.value()));
    }
    for section in PlanSection::ALL {
        let key = section.key().replace('_', "-");
        keys.push(format!("plan-{key}-title"));
        keys.push(format!("plan-{key}-prompt"));
    }
    for auto in AutoLock::ALL {
        keys.push(format!("auto-lock-{}", auto.key()));
    }
    for kind in [
        ShareKind::Mood,
        ShareKind::Goal,
        ShareKind::SafetyPlan,
        ShareKind::ContactRequest,
        ShareKind::Terms,
    ] {
        keys.push(format!("kind-{}", kind.key().replace('_', "-")));
    }
    for preset in crate::domain::replies::PRESETS {
        keys.push(format!("preset-{preset}"));
    }
    let tools: serde_json::Value =
        serde_json::from_str(include_str!("../assets/tools/tools.json")).unwrap();
    for tool in tools["tools"].as_array().unwrap() {
        let k = tool["key"].as_str().unwrap();
        keys.extend(["name", "summary", "before"].map(|part| format!("tool-{k}-{part}")));
        for n in 1..=tool["step_count"].as_u64().unwrap_or(0) {
            keys.push(format!("tool-{k}-step-{n}"));
        }
        for n in 1..=tool["phases"].as_array().map_or(0, Vec::len) {
            keys.push(format!("tool-{k}-phase-{n}"));
        }
        if tool["has_note"].as_bool() == Some(true) {
            keys.push(format!("tool-{k}-note"));
        }
    }
    keys
}

/// Every string literal in the crate's source that looks like a key.
fn literals_in_source() -> std::collections::BTreeSet<String> {
    fn walk(dir: &std::path::Path, found: &mut std::collections::BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "js") {
                let text = std::fs::read_to_string(&path).unwrap();
                for part in text.split('"').skip(1).step_by(2) {
                    if !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        found.insert(part.to_owned());
                    }
                }
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = std::collections::BTreeSet::new();
    for dir in SOURCE_DIRS {
        walk(&root.join(dir), &mut found);
    }
    walk(&root.join("assets/console"), &mut found);
    found
}

#[test]
fn every_key_the_app_builds_exists_and_every_key_is_used() {
    let en = entries(EN_FTL);
    let built = built_keys();
    let missing: Vec<_> = built.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "built keys missing from the catalogue: {missing:?}"
    );

    let literals = literals_in_source();
    // Two open families: a server refusal's code (`server-` + the code the server sends) and a
    // contact's language (`language-` + the name staff typed), each with a plain fallback.
    let server_codes: std::collections::BTreeSet<String> = {
        let mut codes = std::collections::BTreeSet::new();
        fn walk(dir: &std::path::Path, codes: &mut std::collections::BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, codes);
                } else {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for part in text.split('"').skip(1).step_by(2) {
                        codes.insert(part.replace('_', "-"));
                    }
                }
            }
        }
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/server/src"),
            &mut codes,
        );
        codes
    };
    let unused: Vec<_> = en
        .keys()
        .filter(|key| !literals.contains(*key) && !built.contains(key))
        .filter(|key| match key.strip_prefix("server-") {
            Some(code) => !server_codes.contains(code),
            None => true,
        })
        // An audit line's action, as the server writes it ("signed in" is `audit-signed-in`).
        .filter(|key| match key.strip_prefix("audit-") {
            Some(action) => !server_codes.contains(&action.replace('-', " ")),
            None => true,
        })
        .filter(|key| {
            !key.starts_with("language-")
                || matches!(
                    key.as_str(),
                    "language-title" | "language-system" | "language-own-name"
                )
        })
        .collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

#[test]
fn a_missing_key_shows_itself_and_spanish_falls_back_to_english_only_for_missing_keys() {
    assert_eq!(tr(Lang::En, "no-such-key"), "no-such-key");
    assert_eq!(tr(Lang::Es, "help-title"), "Pedir ayuda");
    assert_eq!(tr(Lang::En, "help-title"), "Get help");
    assert!(tr(Lang::Pseudo, "help-title").starts_with('⟦'));
}

#[test]
fn plurals_and_numbers_follow_the_language() {
    assert_eq!(
        t!(Lang::En, "import-result", count = 1),
        "Brought back 1 thing."
    );
    assert_eq!(
        t!(Lang::En, "import-result", count = 3),
        "Brought back 3 things."
    );
    assert_eq!(
        t!(Lang::Es, "import-result", count = 3),
        "Se recuperaron 3 cosas."
    );
    assert_eq!(
        t!(Lang::Es, "import-result", count = 0),
        "Todo lo de esa copia ya está aquí."
    );
}

/// Errors keep an English `Display` for logs and tests; what a person reads comes from the
/// catalogue. The two must say the same thing in English.
#[test]
fn every_error_says_in_english_what_it_displays() {
    use crate::domain::{GoalError, MoodError, PasscodeRule, PersonError, PlanError, ReplyError};
    use crate::state::DeviceError;
    use crate::store::{ImportProblem, StoreError};
    fn same<E: Say + std::fmt::Display>(errors: impl IntoIterator<Item = E>) {
        for err in errors {
            assert_eq!(err.say(Lang::En), err.to_string());
            assert_ne!(err.say(Lang::Es), err.to_string(), "not in Spanish: {err}");
        }
    }
    same([
        MoodError::LevelOutOfRange,
        MoodError::NoteTooLong { count: 20_001 },
        MoodError::TagEmpty,
        MoodError::TagTooLong,
        MoodError::TooMany,
        MoodError::UnknownWord,
    ]);
    same([
        GoalError::TitleEmpty,
        GoalError::TitleTooLong,
        GoalError::WhyTooLong,
        GoalError::StepEmpty,
        GoalError::StepTooLong,
        GoalError::NoteTooLong,
        GoalError::NoProgress,
    ]);
    same([PlanError::Empty, PlanError::TooLong]);
    same([
        PasscodeRule::TooShort,
        PasscodeRule::TooShortHere,
        PasscodeRule::TooShortKeystoreAway,
        PasscodeRule::TooManyDigits,
        PasscodeRule::TooLong,
        PasscodeRule::Mismatch,
    ]);
    same([
        PersonError::NameEmpty,
        PersonError::NameTooLong,
        PersonError::BadPhone,
    ]);
    same([
        ReplyError::Empty,
        ReplyError::TooLong,
        ReplyError::NoFreeText,
        ReplyError::UnknownPreset,
    ]);
    same([
        ImportProblem::UnknownPart("gadgets".into()),
        ImportProblem::Shape("goals".into()),
        ImportProblem::Rules("moods".into()),
    ]);
    same([
        StoreError::WrongPasscode,
        StoreError::NewerVersion,
        StoreError::NotFound,
    ]);
    same([
        DeviceError::Locked,
        DeviceError::Poisoned,
        DeviceError::NeedsPasscode,
        DeviceError::WrongPasscode { wait: None },
        DeviceError::WrongPasscode {
            wait: Some(std::time::Duration::from_secs(30)),
        },
        DeviceError::TryAgainIn(std::time::Duration::from_secs(300)),
        DeviceError::Said("err-program-address"),
        DeviceError::Import("err-import-not-export"),
        DeviceError::MentorNeedsPasscode,
        DeviceError::Phrase(Phrase::new("compose-off", &[("name", "Alex")])),
        DeviceError::Refused {
            code: "bad_invite".into(),
            message: "That invite code didn't work. It may be mistyped, used already or expired."
                .into(),
        },
    ]);
}

/// Every key the code names (in `t!`, `c!`, `tr`, `Said`, `Phrase::new`, `import_error`, or any
/// `err-…` literal) is in the catalogue: a missing one would show its key to a person.
#[test]
fn every_key_the_code_names_exists() {
    let en = entries(EN_FTL);
    let mut missing = std::collections::BTreeSet::new();
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, files);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
            &mut files,
        );
    }
    let key_shaped = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    for file in files {
        if file.ends_with("src/i18n_tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for marker in [
            "t!(",
            "c!(",
            "tr(",
            "Said(",
            "Phrase::new(",
            "import_error(",
        ] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                let before = rest[..at].chars().last();
                let call = &rest[at + marker.len()..];
                rest = call;
                if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    continue;
                }
                // The first literal before the call's first argument list closes.
                let head = &call[..call.find(')').unwrap_or(call.len()).min(200)];
                let Some(open) = head.find('"') else { continue };
                let Some(len) = head[open + 1..].find('"') else {
                    continue;
                };
                let literal = &head[open + 1..open + 1 + len];
                if key_shaped(literal) && literal.contains('-') && !en.contains_key(literal) {
                    missing.insert(format!("{}: {literal}", file.display()));
                }
            }
        }
        for part in text.split('"').skip(1).step_by(2) {
            if part.starts_with("err-") && key_shaped(part) && !en.contains_key(part) {
                missing.insert(format!("{}: {part}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys the code names but no catalogue has: {missing:#?}"
    );
}

#[test]
fn the_pseudo_language_keeps_values_as_they_are_and_breaks_between_words() {
    let said = t!(Lang::Pseudo, "call-name", name = "Aunt Rosa");
    assert!(said.contains("Aunt Rosa"), "{said}");
    assert!(said.starts_with('⟦'), "{said}");
    // Every word grows a little, so a line still wraps between words.
    let long = tr(Lang::Pseudo, "traces-calls");
    assert!(
        long.split(' ').all(|word| word.chars().count() < 30),
        "{long}"
    );
    // Plurals still choose by the number.
    assert!(t!(Lang::Pseudo, "import-result", count = 3).contains('3'));
}

/// The value of `key` in a catalogue's source, without the key (continuation lines joined).
fn value_of(source: &str, key: &str) -> String {
    let text = source_of(source, key);
    text.split_once('=')
        .map_or_else(String::new, |(_, value)| value.trim().to_owned())
}

/// Keys only staff (the console) read: adults, in their own words.
fn staff_only(key: &str) -> bool {
    key.starts_with("con-") || key.starts_with("audit-") || key.starts_with("js-")
}

/// Keys a mentee (often 12 to 17) reads: their own screens, not the mentor's or the console's.
const MENTEE_KEYS: &[&str] = &[
    "care-general-keeps",
    "care-general-passes-on",
    "care-general-not-told",
    "delete-keeps-safeguarding",
    "delete-explain-connected",
    "export-kept-here",
    "who-mentor-see",
    "who-staff-see",
    "who-server",
    "sharing-intro",
    "sharing-connected",
    "sync-title",
    "sync-last",
    "sync-not-yet",
    "sync-now",
    "syncing",
    "share-later",
    "mentor-devices-title",
    "mentor-devices-none",
    "device-declined",
    "own-device-title",
    "link-failed-number",
    "link-failed-other",
    "server-item-too-large",
    "server-unauthorized",
    "server-safeguarding-key-changed",
    "err-not-enrolled",
    "err-not-connected",
    "err-already-connected",
    "err-offline",
    "err-busy",
    "err-server",
    "err-sync-poisoned",
    "err-sync-locked",
];

#[test]
fn english_is_us_english_and_a_mentee_reads_plain_words() {
    let british = [
        "cosy",
        "favourite",
        "colour",
        "behaviour",
        "organis",
        "recognis",
        "realis",
        "customis",
        "apologis",
        "centre",
        "honour",
        "neighbour",
        "practise",
        "programme",
        "judgement",
        "whilst",
    ];
    for key in entries(EN_FTL).keys().filter(|k| !staff_only(k)) {
        let value = value_of(EN_FTL, key).to_lowercase();
        for word in british {
            assert!(!value.contains(word), "{key} is British English: {value}");
        }
        for size in ["kib", "mib", "kb ", "bytes"] {
            assert!(!value.contains(size), "{key} shows a byte size: {value}");
        }
    }
    for key in MENTEE_KEYS {
        let value = tr(Lang::En, key);
        assert_ne!(&value, key, "{key} is in the catalogue");
        let lower = value.to_lowercase();
        for jargon in [
            "safeguarding",
            "sync",
            "device",
            "connected to",
            "you're connected",
        ] {
            assert!(!lower.contains(jargon), "{key} says {jargon:?}: {value}");
        }
    }
    assert_eq!(tr(Lang::En, "emotion-cosy"), "cozy");
    assert_eq!(tr(Lang::En, "tool-favourite-on"), "★ Favorite");
    assert_eq!(tr(Lang::En, "tool-favourite-off"), "☆ Favorite");
    assert_eq!(
        tr(Lang::En, "server-item-too-large"),
        "This is too long to share. It's still saved on your phone. Try making it shorter."
    );
    assert_eq!(tr(Lang::En, "sync-now"), "Update now");
    assert_eq!(
        t!(
            Lang::En,
            "sharing-connected",
            program = "Bright Paths",
            name = "Jo"
        ),
        "Linked with Bright Paths as Jo."
    );
    assert!(tr(Lang::En, "delete-keeps-safeguarding").contains("keeping young people safe"));
    // The emotion word travels in English words to a mentor and into an export.
    assert_eq!(crate::domain::EmotionWord::label_for("cosy"), "cozy");
}

#[test]
fn spanish_reads_the_way_a_teen_would_write_it() {
    let es = entries(ES_FTL);
    for key in es.keys() {
        let value = value_of(ES_FTL, key);
        for wrong in [
            "Sostén",
            "sostén",
            "Mis personas",
            "Pienso en ti",
            "orgulloso",
            "honesto",
            "Conectado a",
            "Que estás conectado",
            "KiB",
        ] {
            assert!(!value.contains(wrong), "{key} says {wrong:?}: {value}");
        }
        // US Spanish says "agregar", not "añadir" ("dañado" is fine).
        assert!(
            !value
                .split(|c: char| !c.is_alphabetic())
                .any(|word| word.to_lowercase().starts_with("añad")),
            "{key} says añadir: {value}"
        );
        // "Nota" and "Salta" as commands read better as "Fíjate" and "Sáltate".
        for sentence in value.split(['.', ':', '?', '¿']) {
            let sentence = sentence.trim_start();
            assert!(
                !sentence.starts_with("Nota ") && !sentence.starts_with("Salta "),
                "{key} gives an order with Nota/Salta: {value}"
            );
        }
    }
    // Dates: "3 de dic", like the long form "lunes, 3 de diciembre".
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    assert_eq!(
        crate::domain::time::short_date_in(Lang::Es, day),
        "3 de dic"
    );
    // What the mentor passes on: only when someone could be *badly* hurt, as in English.
    let passes_on = tr(Lang::Es, "care-general-passes-on");
    assert!(passes_on.contains("muy lastimad"), "{passes_on}");
    assert!(tr(Lang::En, "care-general-passes-on").contains("badly hurt"));
    // A distress rating of 10 is "most upset", not "the worst".
    let rating = tr(Lang::Es, "rating-hint");
    assert!(!rating.contains("lo peor"), "{rating}");
    assert!(rating.starts_with("0 es calma, 10 es "), "{rating}");
    // "Anyone else: No one", not "No one else: No one".
    assert_eq!(tr(Lang::Es, "who-anyone"), "Alguien más");
    assert!(tr(Lang::Es, "who-anyone-see").starts_with("Nadie."));
    // A breath hold, a people list, a mentor's kind words that are safe from an adult.
    assert_eq!(tr(Lang::Es, "tool-box-phase-2"), "Aguanta el aire");
    assert_eq!(tr(Lang::Es, "tool-478-phase-2"), "Aguanta el aire");
    assert_eq!(tr(Lang::Es, "my-people"), "Mi gente");
    assert_eq!(tr(Lang::Es, "from-my-people"), "De Mi gente:");
    assert_eq!(tr(Lang::Es, "preset-thinking-of-you"), "Me acordé de ti.");
    assert_eq!(tr(Lang::Es, "preset-proud"), "Qué orgullo me das.");
    assert!(tr(Lang::Es, "tool-senses-step-2").starts_with("Fíjate en 4 cosas"));
    assert!(tr(Lang::Es, "tool-muscles-before").contains("Sáltate cualquier parte"));
    // Feeling words and goal headings, as the English means them.
    assert_eq!(tr(Lang::Es, "emotion-hurt"), "sentimientos heridos");
    assert_eq!(tr(Lang::Es, "emotion-thoughtful"), "reflexión");
    assert_eq!(tr(Lang::Es, "goal-heading-let-go"), "Las que dejaste ir");
    // A mentor reads a shared goal's state too: not "you let it go".
    assert_eq!(tr(Lang::Es, "goal-state-let-go"), "Se dejó ir");
    // A line (una línea) is open: "Abierta", and the closed ones "abiertas".
    assert!(tr(Lang::Es, "open-always").starts_with("Abierta ahora"));
    assert!(t!(Lang::Es, "open-opens-at", time = "9").starts_with("Cerrada ahora"));
    assert_eq!(
        tr(Lang::Es, "lines-closed-title"),
        "No están abiertas ahora"
    );
    // US Spanish says "agregar".
    assert_eq!(tr(Lang::Es, "con-add-contact"), "Agregar contacto");
    assert_eq!(
        tr(Lang::Es, "import-hint").split(' ').next(),
        Some("Agrega")
    );
    // The crisis card's Spanish is written in Spanish, not copied word for word.
    let card: serde_json::Value =
        serde_json::from_str(include_str!("../assets/crisis/default-us.json")).unwrap();
    let offers = card["contacts"][0]["translations"]["es"]["offers"]
        .as_str()
        .unwrap();
    assert!(!offers.contains("se siente demasiado"), "{offers}");
    assert!(offers.contains("ya no puedes más"), "{offers}");
}

/// The words of every message a mentee may read (not the console's), with each `{ $name }` read
/// as a short name and messages that choose between forms (plurals) left out.
fn app_texts(source: &str, only: &[&str]) -> Vec<String> {
    entries(source)
        .keys()
        .filter(|key| !staff_only(key))
        .filter(|key| only.is_empty() || only.iter().any(|prefix| key.starts_with(prefix)))
        .map(|key| value_of(source, key))
        .filter(|value| !value.contains("->"))
        .map(|value| {
            let mut text = String::new();
            let mut rest = value.as_str();
            while let Some(open) = rest.find('{') {
                text.push_str(&rest[..open]);
                let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
                if rest[open..close].contains('$') {
                    text.push_str("Sam");
                }
                rest = &rest[close..];
            }
            text.push_str(rest);
            text
        })
        .collect()
}

/// Words, sentences and syllables in `texts` (each message at least one sentence).
fn counts(texts: &[String], syllables: fn(&str) -> usize) -> (f64, f64, f64) {
    let (mut words, mut sentences, mut sounds) = (0usize, 0usize, 0usize);
    for text in texts {
        let found: Vec<&str> = text
            .split(|c: char| !(c.is_alphabetic() || c == '\''))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if found.is_empty() {
            continue;
        }
        words += found.len();
        sounds += found.iter().map(|w| syllables(w)).sum::<usize>();
        let ends = text
            .split(['.', '!', '?'])
            .filter(|part| part.chars().any(char::is_alphabetic))
            .count();
        sentences += ends.max(1);
    }
    (words as f64, sentences as f64, sounds as f64)
}

/// English syllables, as readability formulas count them: groups of vowels, a silent final e.
fn syllables_en(word: &str) -> usize {
    let word: String = word
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    let is_vowel = |c: char| "aeiouy".contains(c);
    let mut groups = 0;
    let mut previous = false;
    for c in word.chars() {
        let vowel = is_vowel(c);
        if vowel && !previous {
            groups += 1;
        }
        previous = vowel;
    }
    if word.ends_with('e') && !word.ends_with("le") && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

/// Spanish syllables: each strong vowel (a, e, o, or an accented í, ú) starts one unless it
/// follows another in a diphthong; weak vowels (i, u, ü) join their neighbour.
fn syllables_es(word: &str) -> usize {
    let mut groups = 0;
    let mut previous: Option<bool> = None; // Some(strong?) while in a run of vowels
    for c in word.to_lowercase().chars() {
        let strong = "aeoáéóíú".contains(c);
        let weak = "iuü".contains(c);
        previous = match (strong, weak, previous) {
            (true, _, Some(true)) | (true, _, None) => {
                groups += 1;
                Some(true)
            }
            (true, _, Some(false)) => Some(true),
            (_, true, None) => {
                groups += 1;
                Some(false)
            }
            (_, true, run) => run,
            _ => None,
        };
    }
    groups.max(1)
}

/// The review's measure, kept: a mentee's words read at grade 6 or below in English
/// (Flesch-Kincaid) and as "easy" in Spanish (Fernández-Huerta 80 or more), for everything a
/// mentee reads and for the safety lines on their own (Help, the lines, the plan, the offers).
#[test]
fn a_mentees_words_read_at_grade_six_or_below() {
    let safety: &[&str] = &[
        "help-",
        "lines-",
        "right-now-",
        "plan-",
        "offer-",
        "nudge-",
        "traces-",
        "reach-out-",
    ];
    for only in [&[][..], safety] {
        let (words, sentences, sounds) = counts(&app_texts(EN_FTL, only), syllables_en);
        let grade = 0.39 * words / sentences + 11.8 * sounds / words - 15.59;
        assert!(words > 300.0, "{words} words is too few to measure");
        assert!(grade <= 6.0, "English reads at grade {grade:.1} ({only:?})");
        let (words, sentences, sounds) = counts(&app_texts(ES_FTL, only), syllables_es);
        let ease = 206.84 - 60.0 * sounds / words - 1.02 * words / sentences;
        assert!(
            ease >= 80.0,
            "Spanish reads at {ease:.1}, under 80 ({only:?})"
        );
    }
    // The counters themselves.
    assert_eq!(
        ["breathe", "someone", "counselor", "you", "family", "little"].map(syllables_en),
        [1, 2, 3, 1, 3, 2]
    );
    assert_eq!(
        ["puedes", "día", "ciudad", "aire", "respira", "tranquilo"].map(syllables_es),
        [2, 2, 2, 2, 3, 3]
    );
}
