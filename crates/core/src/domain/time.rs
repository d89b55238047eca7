//! When something happened, as the mentee lived it: a UTC instant plus the local offset at the moment
//! of writing. Storing both keeps the order of entries exact across time zones and daylight-saving
//! changes, while the day and hour shown are the ones the mentee saw on their clock.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone, Utc};

use crate::i18n::Lang;

/// A moment with the local offset it was recorded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalStamp(DateTime<FixedOffset>);

impl LocalStamp {
    /// Now, in the device's current time zone.
    pub fn now() -> Self {
        let now = Local::now();
        Self(now.with_timezone(now.offset()))
    }

    pub fn from_datetime(at: DateTime<FixedOffset>) -> Self {
        Self(at)
    }

    /// Rebuilds a stamp from its stored parts; `None` for parts no clock could have written.
    pub fn from_parts(utc_millis: i64, offset_seconds: i32) -> Option<Self> {
        let offset = FixedOffset::east_opt(offset_seconds)?;
        let utc = Utc.timestamp_millis_opt(utc_millis).single()?;
        Some(Self(utc.with_timezone(&offset)))
    }

    pub fn utc_millis(&self) -> i64 {
        self.0.timestamp_millis()
    }

    pub fn offset_seconds(&self) -> i32 {
        self.0.offset().local_minus_utc()
    }

    /// The calendar day on the mentee's clock when this was written.
    pub fn local_date(&self) -> NaiveDate {
        self.0.date_naive()
    }

    /// "4:05 PM" style time for lists (English).
    pub fn clock_time(&self) -> String {
        clock(Lang::En, self.0.time())
    }

    /// The time on the mentee's clock, in `lang`: "4:05 PM", "4:05 p. m.".
    pub fn clock_in(&self, lang: Lang) -> String {
        clock(lang, self.0.time())
    }

    pub fn datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// A time of day in `lang`.
pub fn clock(lang: Lang, time: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    let (pm, hour) = time.hour12();
    crate::t!(
        lang,
        "time-clock",
        hour = hour,
        minute = format!("{:02}", time.minute()),
        half = if pm { "pm" } else { "am" },
    )
}

fn month(lang: Lang, date: NaiveDate, short: bool) -> String {
    use chrono::Datelike;
    let key = match (short, date.month()) {
        (true, m) => format!("month-short-{m}"),
        (false, m) => format!("month-{m}"),
    };
    crate::i18n::tr(lang, &key)
}

fn weekday(lang: Lang, date: NaiveDate, short: bool) -> String {
    use chrono::Datelike;
    let n = date.weekday().number_from_monday();
    crate::i18n::tr(
        lang,
        &if short {
            format!("weekday-short-{n}")
        } else {
            format!("weekday-{n}")
        },
    )
}

/// Dates, one style per place, in the reader's language: "Nov 16" / "16 de nov" on charts and in
/// short labels, "Monday, November 16" / "lunes, 16 de noviembre" in headings (with the year
/// only when it isn't this year's).
pub fn short_date_in(lang: Lang, date: NaiveDate) -> String {
    use chrono::Datelike;
    crate::t!(
        lang,
        "date-short",
        month = month(lang, date, true),
        day = date.day()
    )
}

/// [`short_date_in`] in English.
pub fn short_date(date: NaiveDate) -> String {
    short_date_in(Lang::En, date)
}

/// The weekday's short name: "Mon", "lun".
pub fn weekday_short(lang: Lang, date: NaiveDate) -> String {
    weekday(lang, date, true)
}

/// The weekday's name: "Monday", "lunes".
pub fn weekday_long(lang: Lang, date: NaiveDate) -> String {
    weekday(lang, date, false)
}

/// "Monday, November 16", or with the year for another year than `today`'s, in `lang`.
pub fn long_date_in(lang: Lang, date: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    let base = crate::t!(
        lang,
        "date-long",
        weekday = weekday(lang, date, false),
        month = month(lang, date, false),
        day = date.day()
    );
    if date.year() == today.year() {
        base
    } else {
        crate::t!(
            lang,
            "date-with-year",
            date = base,
            year = date.year().to_string()
        )
    }
}

/// [`long_date_in`] in English.
pub fn long_date(date: NaiveDate, today: NaiveDate) -> String {
    long_date_in(Lang::En, date, today)
}

/// "16 November 2026", "16 de noviembre de 2026".
pub fn day_month_year(lang: Lang, date: NaiveDate) -> String {
    use chrono::Datelike;
    crate::t!(
        lang,
        "date-day-month-year",
        day = date.day(),
        month = month(lang, date, false),
        year = date.year().to_string()
    )
}

/// "November 2026", "noviembre de 2026".
pub fn month_year(lang: Lang, date: NaiveDate) -> String {
    use chrono::Datelike;
    crate::t!(
        lang,
        "date-month-year",
        month = month(lang, date, false),
        year = date.year().to_string()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_one_way_and_give_the_year_only_when_it_differs() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        assert_eq!(short_date(day), "Nov 16");
        assert_eq!(long_date(day, today), "Monday, November 16");
        let last_year = NaiveDate::from_ymd_opt(2025, 11, 17).unwrap();
        assert_eq!(long_date(last_year, today), "Monday, November 17, 2025");
        // The same places, in Spanish.
        assert_eq!(short_date_in(Lang::Es, day), "16 de nov");
        assert_eq!(long_date_in(Lang::Es, day, today), "lunes, 16 de noviembre");
        assert_eq!(
            long_date_in(Lang::Es, last_year, today),
            "lunes, 17 de noviembre de 2025"
        );
        assert_eq!(month_year(Lang::Es, day), "noviembre de 2026");
    }

    #[test]
    fn parts_round_trip_with_offset() {
        let at = DateTime::parse_from_rfc3339("2026-03-08T23:30:00-05:00").unwrap();
        let stamp = LocalStamp::from_datetime(at);
        let back = LocalStamp::from_parts(stamp.utc_millis(), stamp.offset_seconds()).unwrap();
        assert_eq!(back, stamp);
        // Late evening in New York is already the next day in UTC; the local day is what counts.
        assert_eq!(
            back.local_date(),
            NaiveDate::from_ymd_opt(2026, 3, 8).unwrap()
        );
        assert_eq!(back.clock_time(), "11:30 PM");
        assert_eq!(back.clock_in(Lang::Es), "11:30 p. m.");
    }

    #[test]
    fn impossible_offsets_are_refused() {
        assert_eq!(LocalStamp::from_parts(0, 100_000), None);
    }
}
