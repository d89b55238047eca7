//! When a crisis line is open: always, or at set times each week in the line's own time zone
//! (so a line "weekdays 9 to 9, Pacific" is right for a mentee anywhere, through daylight saving).
//! Help puts what is open now first, and says when a closed line opens, in the mentee's own time.
//!
//! Staff write the times as text in the console, like `Mon-Fri 09:00-21:00, Sat 10:00-16:00`
//! ([`OpenHours::parse_times`]); a time that ends before it starts runs past midnight.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// When a line is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum OpenHours {
    /// Any time, day or night.
    Always,
    /// At these times each week, in `time_zone` (an IANA name like "America/Los_Angeles").
    Weekly {
        time_zone: String,
        times: Vec<OpenTime>,
    },
}

/// One stretch of opening, on some days of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenTime {
    /// "mon" to "sun".
    pub days: Vec<String>,
    /// "HH:MM", 24-hour.
    pub from: String,
    /// "HH:MM"; at or before `from`, it ends the next day.
    pub to: String,
}

/// Whether a line is open at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenNow {
    /// Open any time.
    Always,
    /// Open now, until then.
    Until(DateTime<Utc>),
    /// Closed now; opens then.
    OpensAt(DateTime<Utc>),
    /// The line's hours are only given as words.
    Unknown,
}

impl OpenNow {
    /// Whether someone could reach the line now (or might: hours unknown).
    pub fn is_open(self) -> bool {
        !matches!(self, OpenNow::OpensAt(_))
    }

    /// Where the line goes in Help: always open, open now, unknown, then closed by next opening.
    pub fn order(self) -> (u8, i64) {
        match self {
            OpenNow::Always => (0, 0),
            OpenNow::Until(_) => (1, 0),
            OpenNow::Unknown => (2, 0),
            OpenNow::OpensAt(at) => (3, at.timestamp()),
        }
    }
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn weekday(key: &str) -> Option<Weekday> {
    let key = key.trim().to_ascii_lowercase();
    DAYS.iter()
        .find(|(k, _)| key.starts_with(k) && key.len() >= 3)
        .map(|(_, d)| *d)
}

fn time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

impl OpenHours {
    /// Reads staff's typed times (`Mon-Fri 09:00-21:00, Sat 10:00-16:00`) in `time_zone`, or says
    /// what is wrong, as a catalogue key.
    pub fn parse_times(time_zone: &str, text: &str) -> Result<OpenHours, &'static str> {
        let mut times = Vec::new();
        for part in text
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (days, span) = part.rsplit_once(' ').ok_or("err-hours-format")?;
            let (from, to) = span.split_once('-').ok_or("err-hours-format")?;
            if time(from).is_none() || time(to).is_none() {
                return Err("err-hours-clock");
            }
            let mut listed = Vec::new();
            for group in days.split('+') {
                match group.split_once('-') {
                    Some((first, last)) => {
                        let (Some(first), Some(last)) = (weekday(first), weekday(last)) else {
                            return Err("err-hours-days");
                        };
                        let mut day = first;
                        loop {
                            listed.push(day);
                            if day == last {
                                break;
                            }
                            day = day.succ();
                        }
                    }
                    None => listed.push(weekday(group).ok_or("err-hours-days")?),
                }
            }
            times.push(OpenTime {
                days: listed
                    .iter()
                    .map(|d| DAYS[d.num_days_from_monday() as usize].0.to_owned())
                    .collect(),
                from: from.trim().to_owned(),
                to: to.trim().to_owned(),
            });
        }
        if times.is_empty() {
            return Err("err-hours-none");
        }
        let hours = OpenHours::Weekly {
            time_zone: time_zone.trim().to_owned(),
            times,
        };
        hours.check()?;
        Ok(hours)
    }

    /// Whether the hours can be used: a known time zone, days and clock times.
    pub fn check(&self) -> Result<(), &'static str> {
        let OpenHours::Weekly { time_zone, times } = self else {
            return Ok(());
        };
        if time_zone.parse::<Tz>().is_err() {
            return Err("err-hours-zone");
        }
        if times.is_empty() || times.len() > 14 {
            return Err("err-hours-count");
        }
        for open in times {
            if open.days.is_empty() || open.days.iter().any(|d| weekday(d).is_none()) {
                return Err("err-hours-days");
            }
            if time(&open.from).is_none() || time(&open.to).is_none() {
                return Err("err-hours-clock");
            }
        }
        Ok(())
    }

    /// Whether the line is open at `now`, and until when or from when.
    pub fn status(&self, now: DateTime<Utc>) -> OpenNow {
        let OpenHours::Weekly { time_zone, times } = self else {
            return OpenNow::Always;
        };
        let Ok(zone) = time_zone.parse::<Tz>() else {
            return OpenNow::Unknown;
        };
        let today = now.with_timezone(&zone).date_naive();
        let mut next_opening: Option<DateTime<Utc>> = None;
        // Yesterday's late opening may still run; look a week ahead for the next one.
        for offset in -1..=7 {
            let day = today + Duration::days(offset);
            for open in times {
                if !open.days.iter().any(|d| weekday(d) == Some(day.weekday())) {
                    continue;
                }
                let (Some(from), Some(to)) = (time(&open.from), time(&open.to)) else {
                    continue;
                };
                let start = zone
                    .from_local_datetime(&day.and_time(from))
                    .earliest()
                    .map(|t| t.with_timezone(&Utc));
                let end_day = if to <= from {
                    day + Duration::days(1)
                } else {
                    day
                };
                let end = zone
                    .from_local_datetime(&end_day.and_time(to))
                    .earliest()
                    .map(|t| t.with_timezone(&Utc));
                let (Some(start), Some(end)) = (start, end) else {
                    continue;
                };
                if start <= now && now < end {
                    return OpenNow::Until(end);
                }
                if start > now && next_opening.is_none_or(|next| start < next) {
                    next_opening = Some(start);
                }
            }
        }
        next_opening.map_or(OpenNow::Unknown, OpenNow::OpensAt)
    }

    /// The typed form of the weekly times, as the console's field shows them.
    pub fn times_text(&self) -> String {
        let OpenHours::Weekly { times, .. } = self else {
            return String::new();
        };
        times
            .iter()
            .map(|open| {
                let days: Vec<String> = open.days.iter().map(|d| title_case(d)).collect();
                format!("{} {}-{}", days.join("+"), open.from, open.to)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_weekday_line_is_closed_at_two_in_the_morning_and_says_when_it_opens() {
        let hours = OpenHours::parse_times("America/Los_Angeles", "Mon-Fri 09:00-21:00").unwrap();
        // Tuesday 2 am in Los Angeles (10:00 UTC in November, PST).
        assert_eq!(
            hours.status(at("2026-11-24T10:00:00Z")),
            OpenNow::OpensAt(at("2026-11-24T17:00:00Z"))
        );
        // Tuesday noon: open until 9 pm.
        assert_eq!(
            hours.status(at("2026-11-24T20:00:00Z")),
            OpenNow::Until(at("2026-11-25T05:00:00Z"))
        );
        // Saturday: opens Monday at 9.
        assert_eq!(
            hours.status(at("2026-11-28T20:00:00Z")),
            OpenNow::OpensAt(at("2026-11-30T17:00:00Z"))
        );
        assert!(!hours.status(at("2026-11-24T10:00:00Z")).is_open());
    }

    #[test]
    fn late_lines_run_past_midnight_and_daylight_saving_is_followed() {
        let hours = OpenHours::parse_times("America/New_York", "Fri+Sat 20:00-02:00").unwrap();
        // Saturday 1 am New York (EST, 06:00 UTC): still Friday night's opening.
        assert_eq!(
            hours.status(at("2026-11-28T06:00:00Z")),
            OpenNow::Until(at("2026-11-28T07:00:00Z"))
        );
        // In July (EDT) 8 pm is 00:00 UTC.
        let july = OpenHours::parse_times("America/New_York", "Mon-Sun 20:00-23:00").unwrap();
        assert_eq!(
            july.status(at("2026-07-15T23:30:00Z")),
            OpenNow::OpensAt(at("2026-07-16T00:00:00Z"))
        );
    }

    #[test]
    fn always_open_comes_first_and_closed_lines_go_last_by_next_opening() {
        let soon = OpenNow::OpensAt(at("2026-11-24T17:00:00Z"));
        let later = OpenNow::OpensAt(at("2026-11-25T17:00:00Z"));
        let mut all = [
            later,
            OpenNow::Unknown,
            soon,
            OpenNow::Always,
            OpenNow::Until(at("2026-11-24T17:00:00Z")),
        ];
        all.sort_by_key(|s| s.order());
        assert_eq!(all[0], OpenNow::Always);
        assert!(matches!(all[1], OpenNow::Until(_)));
        assert_eq!(all[2], OpenNow::Unknown);
        assert_eq!(&all[3..], &[soon, later]);
    }

    #[test]
    fn typed_times_are_read_back_and_mistakes_are_named() {
        let hours =
            OpenHours::parse_times("America/Chicago", "mon-wed 09:00-17:00, Sat 10:00-14:00")
                .unwrap();
        assert_eq!(
            hours.times_text(),
            "Mon+Tue+Wed 09:00-17:00, Sat 10:00-14:00"
        );
        assert_eq!(
            OpenHours::parse_times("America/Chicago", &hours.times_text()).unwrap(),
            hours
        );
        assert!(
            OpenHours::parse_times("Nowhere/Else", "Mon 09:00-17:00")
                .map_err(|key| crate::i18n::tr(crate::i18n::Lang::En, key))
                .unwrap_err()
                .contains("time zone")
        );
        assert!(
            OpenHours::parse_times("America/Chicago", "Mon 9am-5pm")
                .map_err(|key| crate::i18n::tr(crate::i18n::Lang::En, key))
                .unwrap_err()
                .contains("24-hour")
        );
        assert!(
            OpenHours::parse_times("America/Chicago", "Funday 09:00-17:00")
                .map_err(|key| crate::i18n::tr(crate::i18n::Lang::En, key))
                .unwrap_err()
                .contains("days")
        );
        assert!(OpenHours::parse_times("America/Chicago", "").is_err());
    }
}
