//! The crisis card that ships with the app (assets/crisis/), so Help works before any program
//! directory arrives and with no network, and the card of last resort should that ever not parse.

use std::sync::OnceLock;

use super::CrisisDirectory;

/// The crisis directory that ships with the app, used until a program directory arrives.
const BUNDLED_DIRECTORY: &str = include_str!("../../../../../assets/crisis/default-us.json");

/// The crisis directory that ships with the app (the console previews the phone's card with it).
pub fn bundled_crisis_directory() -> &'static CrisisDirectory {
    bundled_directory()
}

/// The bundled directory, parsed once. A test checks it parses; should it ever not, Help still
/// shows 988, the Crisis Text Line and 911 from the fallback below rather than nothing.
fn bundled_directory() -> &'static CrisisDirectory {
    static DIRECTORY: OnceLock<CrisisDirectory> = OnceLock::new();
    DIRECTORY.get_or_init(|| {
        CrisisDirectory::from_json(BUNDLED_DIRECTORY).unwrap_or_else(|err| {
            tracing::error!("bundled crisis directory is invalid: {err}");
            fallback_directory()
        })
    })
}

/// The card of last resort, in English and Spanish: 988 (for yourself or someone you're worried
/// about), the Crisis Text Line (HOME, or AYUDA and WhatsApp in Spanish) and 911.
fn fallback_directory() -> CrisisDirectory {
    CrisisDirectory::from_json(FALLBACK_DIRECTORY).unwrap_or(CrisisDirectory {
        version: 0,
        region: String::new(),
        contacts: Vec::new(),
        program: None,
    })
}

const FALLBACK_DIRECTORY: &str = r#"{"version":0,"region":"United States","contacts":[
  {"name":"988 Suicide & Crisis Lifeline",
   "offers":"Call or text any time, about anything, or if you're worried about someone.",
   "phone":"988","text":{"number":"988"},"chat":"https://988lifeline.org/chat",
   "open":{"kind":"always"},"languages":["English","Spanish"],"last_checked":"2026-12-04",
   "translations":{"es":{"name":"988 Línea de Prevención del Suicidio y Crisis",
     "offers":"Llama o manda un mensaje a cualquier hora, sobre lo que sea, o si te preocupa otra persona.",
     "how":"Al llamar, marca 2 para hablar en español. Por mensaje, escribe AYUDA al 988.",
     "text_keyword":"AYUDA","chat":"https://988lineadevida.org"}}},
  {"name":"Crisis Text Line","offers":"Text with a trained volunteer any time.",
   "text":{"number":"741741","keyword":"HOME"},
   "open":{"kind":"always"},"languages":["English","Spanish"],"last_checked":"2026-12-04",
   "translations":{"es":{"offers":"Escribe por mensaje con una persona voluntaria preparada, a cualquier hora.",
     "how":"Escribe AYUDA al 741741, o por WhatsApp al 442-AYUDAME (442-298-3263).",
     "text_keyword":"AYUDA","whatsapp":"+14422983263"}}},
  {"name":"Emergency services","offers":"If you or someone else is in danger right now.","phone":"911",
   "open":{"kind":"always"},"languages":["English","Spanish"],"last_checked":"2026-11-01",
   "translations":{"es":{"name":"Servicios de emergencia",
     "offers":"Si tú u otra persona están en peligro ahora mismo."}}}]}"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// One line as seen: its name, its words, and its buttons (label, link).
    type Seen = (String, String, Vec<(String, String)>);

    /// What a reader sees of the card of last resort in `lang`, line by line.
    fn fallback_seen(lang: crate::i18n::Lang) -> Vec<Seen> {
        fallback_directory()
            .contacts
            .iter()
            .map(|c| {
                let seen = c.in_lang(lang);
                let words = format!("{} {}", seen.offers, seen.how);
                let buttons = seen
                    .actions
                    .into_iter()
                    .map(|a| (a.label, a.href))
                    .collect();
                (seen.name, words, buttons)
            })
            .collect()
    }

    #[test]
    fn the_fallback_card_has_988_the_crisis_text_line_and_911_in_english() {
        let seen = fallback_seen(crate::i18n::Lang::En);
        let names: Vec<&str> = seen.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "988 Suicide & Crisis Lifeline",
                "Crisis Text Line",
                "Emergency services"
            ]
        );
        assert!(
            seen[0].1.contains("if you're worried about someone"),
            "{}",
            seen[0].1
        );
        let buttons: Vec<(String, String)> = seen.into_iter().flat_map(|(_, _, b)| b).collect();
        for (label, href) in [
            ("Call 988", "tel:988"),
            ("Text 988", "sms:988"),
            ("Text HOME to 741741", "sms:741741?&body=HOME"),
            ("Call 911", "tel:911"),
        ] {
            assert!(
                buttons.contains(&(label.into(), href.into())),
                "{label} missing from {buttons:?}"
            );
        }
    }

    #[test]
    fn the_fallback_card_speaks_spanish_with_the_spanish_ways_in() {
        let seen = fallback_seen(crate::i18n::Lang::Es);
        assert_eq!(seen[0].0, "988 Línea de Prevención del Suicidio y Crisis");
        assert!(
            seen[0].1.contains("si te preocupa otra persona"),
            "{}",
            seen[0].1
        );
        assert!(seen[0].1.contains("marca 2"), "{}", seen[0].1);
        assert!(seen[1].1.contains("442-AYUDAME"), "{}", seen[1].1);
        assert_eq!(seen[2].0, "Servicios de emergencia");
        let buttons: Vec<(String, String)> = seen.into_iter().flat_map(|(_, _, b)| b).collect();
        for (label, href) in [
            ("Llamar al 988", "tel:988"),
            ("Enviar AYUDA al 988", "sms:988?&body=AYUDA"),
            ("Chatear en línea", "https://988lineadevida.org"),
            ("Enviar AYUDA al 741741", "sms:741741?&body=AYUDA"),
            ("WhatsApp (442) 298-3263", "https://wa.me/14422983263"),
            ("Llamar al 911", "tel:911"),
        ] {
            assert!(
                buttons.contains(&(label.into(), href.into())),
                "{label} missing from {buttons:?}"
            );
        }
    }

    #[test]
    fn both_bundled_and_fallback_directories_parse() {
        assert!(CrisisDirectory::from_json(BUNDLED_DIRECTORY).is_ok());
        assert!(CrisisDirectory::from_json(FALLBACK_DIRECTORY).is_ok());
    }
}
