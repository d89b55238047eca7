//! When something happened, as the mentee lived it: a UTC instant plus the local offset at the moment
//! of writing. Storing both keeps the order of entries exact across time zones and daylight-saving
//! changes, while the day and hour shown are the ones the mentee saw on their clock.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone, Utc};

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

    /// "4:05 PM" style time for lists.
    pub fn clock_time(&self) -> String {
        self.0.format("%-I:%M %p").to_string()
    }

    pub fn datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

/// Dates, one style per place, the way people in the US write them: "Nov 16" on charts and
/// in short labels, "Monday, November 16" in headings (with the year only when it isn't this
/// year's). The language issue turns these into the reader's locale.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%b %-d").to_string()
}

/// "Monday, November 16", or "Monday, November 16, 2025" for another year than `today`'s.
pub fn long_date(date: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    if date.year() == today.year() {
        date.format("%A, %B %-d").to_string()
    } else {
        date.format("%A, %B %-d, %Y").to_string()
    }
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
    }

    #[test]
    fn impossible_offsets_are_refused() {
        assert_eq!(LocalStamp::from_parts(0, 100_000), None);
    }
}
