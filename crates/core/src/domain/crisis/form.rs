//! A contact as staff type it into the console, every field as text, and the rules that turn it
//! into a [`CrisisContact`] (or name each problem by its field).

use chrono::NaiveDate;
use serde::Deserialize;

use super::*;

/// A contact as staff type it into the console, every field as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub offers: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub text_number: String,
    #[serde(default)]
    pub text_keyword: String,
    #[serde(default)]
    pub web: String,
    #[serde(default)]
    pub chat: String,
    /// "always" or "times".
    #[serde(default)]
    pub open_kind: String,
    #[serde(default)]
    pub time_zone: String,
    /// Like `Mon-Fri 09:00-21:00, Sat 10:00-16:00`.
    #[serde(default)]
    pub open_times: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub languages: String,
    #[serde(default)]
    pub regions: String,
    #[serde(default)]
    pub last_checked: String,
    /// What they offer and the note about hours, in Spanish (optional).
    #[serde(default)]
    pub offers_es: String,
    #[serde(default)]
    pub hours_es: String,
}

/// A problem with one field of a [`ContactForm`]: the field's name and what to do (a catalogue
/// key).
pub type FieldProblem = (&'static str, &'static str);

impl ContactForm {
    /// The form for an existing contact, for editing.
    pub fn from_contact(contact: &CrisisContact) -> Self {
        ContactForm {
            name: contact.name.clone(),
            offers: contact.offers.clone(),
            phone: contact.phone.clone().unwrap_or_default(),
            text_number: contact
                .text
                .as_ref()
                .map(|t| t.number.clone())
                .unwrap_or_default(),
            text_keyword: contact
                .text
                .as_ref()
                .and_then(|t| t.keyword.clone())
                .unwrap_or_default(),
            web: contact.web.clone().unwrap_or_default(),
            chat: contact.chat.clone().unwrap_or_default(),
            open_kind: match &contact.open {
                Some(OpenHours::Weekly { .. }) => "times".into(),
                _ => "always".into(),
            },
            time_zone: match &contact.open {
                Some(OpenHours::Weekly { time_zone, .. }) => time_zone.clone(),
                _ => String::new(),
            },
            open_times: contact
                .open
                .as_ref()
                .map(OpenHours::times_text)
                .unwrap_or_default(),
            hours: contact.hours.clone(),
            languages: contact.languages.join(", "),
            regions: contact.regions.join(", "),
            last_checked: contact.last_checked.to_string(),
            offers_es: contact
                .translations
                .get("es")
                .map(|w| w.offers.clone())
                .unwrap_or_default(),
            hours_es: contact
                .translations
                .get("es")
                .map(|w| w.hours.clone())
                .unwrap_or_default(),
        }
    }

    /// The contact, or every problem at once, each tied to its field, in plain words.
    pub fn validate(&self, today: NaiveDate) -> Result<CrisisContact, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let text = |value: &str| value.trim().to_owned();
        let optional = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        let list = |value: &str| -> Vec<String> {
            value
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let name = text(&self.name);
        if name.is_empty() || name.chars().count() > 100 {
            problems.push(("name", "err-contact-name"));
        }
        let offers = text(&self.offers);
        if offers.is_empty() || offers.chars().count() > 300 {
            problems.push(("offers", "err-contact-offers"));
        }
        let phone = optional(&self.phone);
        if phone.as_deref().is_some_and(|p| !is_dialable(p)) {
            problems.push(("phone", "err-contact-number"));
        }
        let text_number = optional(&self.text_number);
        if text_number.as_deref().is_some_and(|p| !is_dialable(p)) {
            problems.push(("text_number", "err-contact-number"));
        }
        let keyword = optional(&self.text_keyword);
        if keyword.is_some() && text_number.is_none() {
            problems.push(("text_keyword", "err-contact-keyword-number"));
        } else if keyword
            .as_deref()
            .is_some_and(|k| k.len() > 20 || !k.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            problems.push(("text_keyword", "err-contact-keyword"));
        }
        let web = optional(&self.web);
        if web.as_deref().is_some_and(|w| {
            !w.starts_with("https://") || w.len() <= 8 || w.contains(char::is_whitespace)
        }) {
            problems.push(("web", "err-contact-web"));
        }
        let chat = optional(&self.chat);
        if chat.as_deref().is_some_and(|w| {
            !w.starts_with("https://") || w.len() <= 8 || w.contains(char::is_whitespace)
        }) {
            problems.push(("chat", "err-contact-chat"));
        }
        if phone.is_none() && text_number.is_none() && web.is_none() && chat.is_none() {
            problems.push(("phone", "err-contact-reach"));
        }
        let open = match self.open_kind.trim() {
            "always" => Some(OpenHours::Always),
            "times" => match OpenHours::parse_times(&self.time_zone, &self.open_times) {
                Ok(hours) => Some(hours),
                Err(why) if why == "err-hours-zone" => {
                    problems.push(("time_zone", why));
                    None
                }
                Err(why) => {
                    problems.push(("open_times", why));
                    None
                }
            },
            _ => {
                problems.push(("open_kind", "err-contact-open"));
                None
            }
        };
        let hours = text(&self.hours);
        if hours.chars().count() > 100 {
            problems.push(("hours", "err-contact-hours"));
        }
        let languages = list(&self.languages);
        if languages.is_empty() {
            problems.push(("languages", "err-contact-languages"));
        }
        let last_checked = NaiveDate::parse_from_str(self.last_checked.trim(), "%Y-%m-%d").ok();
        match last_checked {
            None => problems.push(("last_checked", "err-contact-checked")),
            Some(day) if day > today => {
                problems.push(("last_checked", "err-contact-checked-future"))
            }
            Some(_) => {}
        }
        let (offers_es, hours_es) = (text(&self.offers_es), text(&self.hours_es));
        if offers_es.chars().count() > 300 {
            problems.push(("offers_es", "err-contact-offers"));
        }
        if hours_es.chars().count() > 100 {
            problems.push(("hours_es", "err-contact-hours"));
        }
        let mut translations = std::collections::BTreeMap::new();
        if !offers_es.is_empty() || !hours_es.is_empty() {
            translations.insert(
                "es".to_owned(),
                ContactWords {
                    offers: offers_es,
                    hours: hours_es,
                    ..ContactWords::default()
                },
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CrisisContact {
            name,
            offers,
            phone,
            text: text_number.map(|number| TextLine { number, keyword }),
            web,
            chat,
            open,
            hours,
            languages,
            regions: list(&self.regions),
            last_checked: last_checked.unwrap_or(today),
            translations,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_form_names_every_problem_by_field_and_keeps_good_ones() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let bad = ContactForm {
            phone: "call me".into(),
            web: "http://example.org".into(),
            text_keyword: "HOME".into(),
            last_checked: "2027-01-01".into(),
            ..Default::default()
        };
        let problems = bad.validate(today).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| *f).collect();
        for field in [
            "name",
            "offers",
            "phone",
            "web",
            "text_keyword",
            "open_kind",
            "languages",
            "last_checked",
        ] {
            assert!(fields.contains(&field), "{field}: {problems:?}");
        }
        let good = ContactForm {
            name: "Night Line".into(),
            offers: "Someone to talk to.".into(),
            text_number: "741741".into(),
            text_keyword: "HOME".into(),
            hours: "Any time".into(),
            languages: "English, Spanish".into(),
            regions: "North, South".into(),
            open_kind: "times".into(),
            time_zone: "America/New_York".into(),
            open_times: "Mon-Fri 17:00-23:00".into(),
            last_checked: "2026-01-02".into(),
            ..Default::default()
        };
        let contact = good.validate(today).unwrap();
        assert_eq!(contact.languages, vec!["English", "Spanish"]);
        assert!(contact.is_stale(today), "checked over 180 days ago");
        assert_eq!(
            ContactForm::from_contact(&contact).validate(today).unwrap(),
            contact
        );
    }
}
