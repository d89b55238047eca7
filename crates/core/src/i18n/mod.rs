//! Every word a person reads, from message catalogues in Project Fluent's format
//! (`assets/i18n/en.ftl`, `assets/i18n/es.ftl`): plurals and variables are the catalogue's job,
//! never string concatenation. `t!(lang, "key")` or `t!(lang, "key", name = value)` looks a
//! message up; a key missing from a language falls back to English, and tests fail on any key
//! missing from a language or used nowhere.
//!
//! [`Lang::Pseudo`] is a test language: every message is English made longer (by about 40%) and
//! wrapped in ⟦ ⟧ with accented letters, so a walk through every screen finds any text that did
//! not come from the catalogue, and any layout that breaks with longer words.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// The English catalogue, also the fallback for any key another language lacks.
pub const EN_FTL: &str = include_str!("../../../../assets/i18n/en.ftl");
/// The Spanish catalogue: neutral Latin American Spanish, "tú".
pub const ES_FTL: &str = include_str!("../../../../assets/i18n/es.ftl");

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Es,
    /// Longer, marked English, for tests only.
    Pseudo,
}

impl Lang {
    /// The languages a person can choose.
    pub const CHOICES: [Lang; 2] = [Lang::En, Lang::Es];
    /// Every language, the test one too.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pseudo];

    /// The BCP 47 tag (`lang` attributes, `?lang=`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pseudo => "en-XA",
        }
    }

    /// The language's own name for itself, as a chooser shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Pseudo => "Pseudo",
        }
    }

    /// The language for a tag like `es-MX`, `es`, `en_US.UTF-8` or `en-XA`; `None` for one the
    /// app doesn't speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        if tag == "en-xa" || tag == "pseudo" {
            return Some(Lang::Pseudo);
        }
        match tag.split(['-', '.']).next() {
            Some("en") => Some(Lang::En),
            Some("es") => Some(Lang::Es),
            _ => None,
        }
    }

    /// The first language the app speaks in an `Accept-Language` header (or the browser's
    /// `navigator.languages`, comma-separated), else English.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(Lang::from_tag)
            .filter(|lang| *lang != Lang::Pseudo)
            .unwrap_or(Lang::En)
    }

    /// The language this device's system uses, if the app speaks it.
    pub fn of_system() -> Lang {
        sys_locale::get_locale()
            .and_then(|tag| Lang::from_tag(&tag))
            .filter(|lang| *lang != Lang::Pseudo)
            .unwrap_or(Lang::En)
    }
}

/// A value for a message's variable.
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f32, f64);

type Bundle = FluentBundle<FluentResource>;

fn bundle(code: &str, source: &str) -> Bundle {
    let id: unic_langid::LanguageIdentifier = code.parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text out: no invisible direction marks around variables.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, errors)| {
            tracing::error!("the {code} catalogue has {} syntax errors", errors.len());
            resource
        });
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!("the {code} catalogue repeats {} keys", errors.len());
    }
    bundle
}

fn bundles() -> &'static (Bundle, Bundle) {
    static BUNDLES: OnceLock<(Bundle, Bundle)> = OnceLock::new();
    BUNDLES.get_or_init(|| (bundle("en", EN_FTL), bundle("es", ES_FTL)))
}

fn format(bundle: &Bundle, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let message = bundle.get_message(key)?;
    let pattern = message.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    Some(text.into_owned())
}

/// The message `key` in `lang`, with `args` for its variables. A key missing from `lang` falls
/// back to English; one missing from English shows the key itself (and a test fails on it).
pub fn tr_with(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    // In the pseudo-language only the message's own words change: a value (a name, a note) is
    // held by a marker while the words around it grow, then put back as it was.
    let marker = |i: usize| format!("\u{E000}{i}\u{E001}");
    let mut fluent_args = FluentArgs::new();
    for (i, (name, value)) in args.iter().enumerate() {
        match value {
            Arg::Text(_) if lang == Lang::Pseudo => {
                fluent_args.set(*name, FluentValue::from(marker(i)))
            }
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.clone())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let given = (!args.is_empty()).then_some(&fluent_args);
    let (en, es) = bundles();
    let text = match lang {
        Lang::Es => format(es, key, given).or_else(|| format(en, key, given)),
        Lang::En | Lang::Pseudo => format(en, key, given),
    };
    let text = text.unwrap_or_else(|| {
        tracing::warn!("no message for {key}");
        key.to_owned()
    });
    if lang == Lang::Pseudo {
        let mut said = pseudo(&text);
        for (i, (_, value)) in args.iter().enumerate() {
            if let Arg::Text(value) = value {
                said = said.replace(&marker(i), value);
            }
        }
        said
    } else {
        text
    }
}

/// The message `key` in `lang`.
pub fn tr(lang: Lang, key: &str) -> String {
    tr_with(lang, key, &[])
}

/// Whether a catalogue has `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    let (en, es) = bundles();
    match lang {
        Lang::Es => es.has_message(key),
        _ => en.has_message(key),
    }
}

/// English made about 40% longer, accented and marked, so untranslated text stands out. Each
/// word grows (as translated words do), so lines still break between words.
pub fn pseudo(text: &str) -> String {
    let accent = |c: char| match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ó',
        'u' => 'ú',
        'A' => 'Å',
        'E' => 'É',
        'O' => 'Ø',
        'c' => 'ç',
        'n' => 'ñ',
        other => other,
    };
    let longer: Vec<String> = text
        .split(' ')
        .map(|word| {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let grow = (letters * 2).div_ceil(5);
            let mut out: String = word.chars().map(accent).collect();
            out.extend(std::iter::repeat_n('~', grow));
            out
        })
        .collect();
    format!("⟦{}⟧", longer.join(" "))
}

/// A message kept to be shown later (a notice): its key and text variables, so it is said in
/// whatever language the person reads it in then. Kept as JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phrase {
    pub key: String,
    #[serde(default)]
    pub args: Vec<(String, String)>,
}

impl Phrase {
    pub fn new(key: &str, args: &[(&str, &str)]) -> Self {
        Phrase {
            key: key.to_owned(),
            args: args
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    /// As kept in the store.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Says a kept text in `lang`: a phrase by its key, or an older plain text as it is.
    pub fn say_text(lang: Lang, text: &str) -> String {
        match serde_json::from_str::<Phrase>(text) {
            Ok(phrase) => phrase.say(lang),
            Err(_) => text.to_owned(),
        }
    }
}

impl Say for Phrase {
    fn say(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(n, v)| (n.as_str(), Arg::from(v.as_str())))
            .collect();
        tr_with(lang, &self.key, &args)
    }
}

/// A message already said in every language: for something kept to be shown later by a screen
/// that may be in any language (the sync status line's problem).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said([String; 3]);

impl Said {
    pub fn of(what: &impl Say) -> Self {
        Said(Lang::ALL.map(|lang| what.say(lang)))
    }

    /// A kept text: a [`Phrase`] as JSON, or plain words as they are.
    pub fn kept(text: &str) -> Self {
        Said(Lang::ALL.map(|lang| Phrase::say_text(lang, text)))
    }

    pub fn in_lang(&self, lang: Lang) -> &str {
        let at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.0[at]
    }
}

/// Something a person can read in their language: every error they can see implements this.
/// (Errors keep an English `Display` for logs; a test checks it says the same as `say(En)`.)
pub trait Say {
    fn say(&self, lang: Lang) -> String;
}

/// `t!(lang, "key")` or `t!(lang, "key", name = value, ...)`: a message from the catalogue.
#[macro_export]
macro_rules! t {
    ($lang:expr, $key:literal) => {
        $crate::i18n::tr($lang, $key)
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_with(
            $lang,
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
